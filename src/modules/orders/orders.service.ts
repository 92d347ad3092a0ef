import type { Ctx } from '../../core/ctx.js'
import { ConflictError, ForbiddenError, NotFoundError } from '../../core/errors.js'
import { containsText, fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import { dateInZone } from '../../core/i18n/format.js'
import type { Locale } from '../../core/i18n/messages.js'
import { isIsoDate } from './order-input.js'
import { closedStatuses, openStatuses, type Workflow } from './order-workflow.js'
import type { CreatedVia } from './orders.constants.js'
import { findOrder, listLines, type OrderRecord, ordersQuery, shippedByLine } from './orders.queries.js'
import type { OrderLineRow } from './orders.schema.js'

/** An order as pages and the API use it. */
export interface OrderView {
  id: string
  clientId: string
  clientName: string
  number: string
  orderDate: string
  contractId: string | null
  contractNumber: string | null
  status: string
  currency: string
  netMinor: number
  vatMinor: number
  totalMinor: number
  /** Every line has a price (a client's order waits for the manager's). */
  isPriced: boolean
  lineCount: number
  deliveryAddress: string | null
  desiredDate: string | null
  comment: string | null
  createdBy: string | null
  createdByName: string | null
  createdVia: CreatedVia
  version: number
  createdAt: string
  updatedAt: string
}

export interface OrderLineView {
  id: string
  position: number
  sku: string | null
  name: string
  quantityMilli: number
  unit: string
  unitPriceMinor: number | null
  vatRateBp: number | null
  netMinor: number | null
  vatMinor: number | null
  totalMinor: number | null
  /** How much of it has been shipped so far. */
  shippedMilli: number
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v))

export const toOrderView = (r: OrderRecord): OrderView => ({
  id: r.id,
  clientId: r.client_id,
  clientName: r.client_name,
  number: r.number,
  orderDate: r.order_date,
  contractId: r.contract_id,
  contractNumber: r.contract_number ?? null,
  status: r.status,
  currency: r.currency,
  netMinor: Number(r.total_net_minor),
  vatMinor: Number(r.total_vat_minor),
  totalMinor: Number(r.total_minor),
  isPriced: Number(r.is_priced) === 1,
  lineCount: Number(r.line_count),
  deliveryAddress: r.delivery_address,
  desiredDate: r.desired_date,
  comment: r.comment,
  createdBy: r.created_by,
  createdByName: r.created_by_name ?? null,
  createdVia: r.created_via,
  version: Number(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const toLineView = (l: OrderLineRow, shipped: Map<string, { qty: number }>): OrderLineView => ({
  id: l.id,
  position: Number(l.position),
  sku: l.sku,
  name: l.name,
  quantityMilli: Number(l.quantity_milli),
  unit: l.unit,
  unitPriceMinor: num(l.unit_price_minor),
  vatRateBp: num(l.vat_rate_bp),
  netMinor: num(l.net_minor),
  vatMinor: num(l.vat_minor),
  totalMinor: num(l.total_minor),
  shippedMilli: shipped.get(l.id)?.qty ?? 0,
})

/** The company's order workflow and ordering switch (settings group `orders`). */
export const ordersWorkflow = (ctx: Ctx): Promise<Workflow> => ctx.services.settings.get('orders')

/** Today in the company's time zone: order dates are the company's calendar days. */
export async function companyToday(ctx: Ctx, now: Date = new Date()): Promise<string> {
  return dateInZone(now, (await ctx.services.settings.get('company')).timeZone)
}

export const decimalSeparator = (locale: Locale): ',' | '.' => (locale === 'en' ? '.' : ',')

/** Staff read with `orders.read`; client users with `orders.client` (their orders area open). */
export function requireOrderRead(ctx: Ctx): void {
  if (!ctx.can('orders.read') && !ctx.can('orders.client')) throw new ForbiddenError('orders.read')
}

/** An order inside the caller's scope, or NotFoundError. */
export async function getOrder(ctx: Ctx, id: string): Promise<OrderView> {
  requireOrderRead(ctx)
  const row = await findOrder(ctx, id)
  if (!row) throw new NotFoundError('order')
  return toOrderView(row)
}

/** An order's lines in their order, with how much of each has been shipped. */
export async function getOrderLines(ctx: Ctx, orderId: string): Promise<OrderLineView[]> {
  const order = await getOrder(ctx, orderId)
  const [lines, shipped] = await Promise.all([listLines(ctx, order.id), shippedByLine(ctx, order.id)])
  return lines.map((l) => toLineView(l, shipped))
}

export interface OrderFilters {
  /** Open statuses ("current orders") or the archive; both when absent. */
  view?: 'current' | 'archive'
  status?: string
  clientId?: string
  /** Order date range, `YYYY-MM-DD`, inclusive. */
  from?: string
  to?: string
}

const SORTS = {
  number: 'orders.number',
  order_date: 'orders.order_date',
  client: 'clients.name',
  status: 'orders.status',
  total: 'orders.total_minor',
  desired_date: 'orders.desired_date',
}
export const ORDER_SORTS = Object.keys(SORTS)

/**
 * Orders inside the caller's scope: current (open statuses) or archive, by status, client and order
 * date range, searched by number, item name or SKU; sorted and paginated in one query plus its count.
 */
export async function listOrders(ctx: Ctx, lq: ListQuery, filters: OrderFilters = {}): Promise<Page<OrderView>> {
  requireOrderRead(ctx)
  const workflow = await ordersWorkflow(ctx)
  let q = ordersQuery(ctx)
  if (filters.view) {
    const statuses = filters.view === 'current' ? openStatuses(workflow) : closedStatuses(workflow)
    q = statuses.length ? q.where('orders.status', 'in', statuses) : q.where('orders.id', '=', '')
  }
  if (filters.status) q = q.where('orders.status', '=', filters.status)
  if (filters.clientId) q = q.where('orders.client_id', '=', filters.clientId)
  if (filters.from && isIsoDate(filters.from)) q = q.where('orders.order_date', '>=', filters.from)
  if (filters.to && isIsoDate(filters.to)) q = q.where('orders.order_date', '<=', filters.to)
  if (lq.q) q = q.where(containsText('orders.search_text', lq.q))
  const page = await fetchPage(q, lq, SORTS, 'orders.id')
  return { ...page, rows: page.rows.map(toOrderView) }
}

/** The stale-version refusal: someone changed the order after the caller loaded it. */
export const staleOrder = () => new ConflictError('orders.stale', 'orders.error.stale')
