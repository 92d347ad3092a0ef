import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ForbiddenError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { nextNumber } from '../../core/numbering/numbering.js'
import { checkOrderInput, type OrderInput } from './order-input.js'
import { notifyOrderPlaced } from './order-notify.js'
import { documentTotals, lineAmounts } from './order-totals.js'
import { type CreatedVia, INITIAL_STATUS } from './orders.constants.js'
import {
  deleteLines,
  findClientContract,
  findVisibleClient,
  insertLines,
  insertOrder,
  insertStatusChange,
  listLines,
  shippedByLine,
  updateOrderAt,
} from './orders.queries.js'
import type { NewOrderLine } from './orders.schema.js'
import { companyToday, getOrder, type OrderView, ordersWorkflow, staleOrder } from './orders.service.js'

const num = (v: number | string | null): number | null => (v === null ? null : Number(v))

/** What the list search looks in: the number, every item's name and SKU. */
const searchTextOf = (number: string, input: OrderInput) =>
  [number, ...input.lines.flatMap((l) => [l.name, l.sku ?? ''])].filter(Boolean).join(' ').toLowerCase()

const lineRows = (orderId: string, clientId: string, input: OrderInput): NewOrderLine[] =>
  input.lines.map((l, i) => {
    const a =
      l.unitPriceMinor === null || l.vatRateBp === null
        ? null
        : lineAmounts(l.quantityMilli, l.unitPriceMinor, l.vatRateBp)
    return {
      id: newId(),
      client_id: clientId,
      order_id: orderId,
      position: i + 1,
      sku: l.sku,
      name: l.name,
      quantity_milli: l.quantityMilli,
      unit: l.unit,
      unit_price_minor: l.unitPriceMinor,
      vat_rate_bp: l.vatRateBp,
      net_minor: a?.net ?? null,
      vat_minor: a?.vat ?? null,
      total_minor: a?.total ?? null,
    }
  })

/** The order's columns that follow from its lines. */
const derivedColumns = (number: string, input: OrderInput) => {
  const totals = documentTotals(input.lines)
  return {
    total_net_minor: totals.net,
    total_vat_minor: totals.vat,
    total_minor: totals.total,
    is_priced: (totals.priced ? 1 : 0) as 0 | 1,
    line_count: input.lines.length,
    search_text: searchTextOf(number, input),
  }
}

/** What the audit log keeps of an order. */
const auditOf = (input: OrderInput) => ({
  orderDate: input.orderDate,
  contractId: input.contractId,
  currency: input.currency,
  deliveryAddress: input.deliveryAddress,
  desiredDate: input.desiredDate,
  comment: input.comment,
  lines: input.lines.map((l) => [l.sku, l.name, l.quantityMilli, l.unit, l.unitPriceMinor, l.vatRateBp]),
})

async function checked(ctx: Ctx, clientId: string, input: OrderInput, prices: 'allowed' | 'none') {
  const company = await ctx.services.settings.get('company')
  const { value, errors } = checkOrderInput(input, { vatRates: company.vatRates, prices })
  if (value.contractId && !errors.contract_id) {
    const contract = await findClientContract(ctx, clientId, value.contractId)
    if (!contract || contract.status === 'draft') errors.contract_id = 'orders.error.contract'
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors)
  return value
}

/** Stores a new order in status `new` with its lines, numbered in the same transaction; audited. */
async function storeOrder(ctx: Ctx, clientId: string, value: OrderInput, via: CreatedVia): Promise<string> {
  const id = newId()
  const now = nowIso()
  await ctx.transaction(async (tx) => {
    const number = await nextNumber(tx, 'order', value.orderDate)
    await insertOrder(tx, {
      id,
      client_id: clientId,
      number,
      order_date: value.orderDate,
      contract_id: value.contractId,
      status: INITIAL_STATUS,
      currency: value.currency,
      ...derivedColumns(number, value),
      delivery_address: value.deliveryAddress,
      desired_date: value.desiredDate,
      comment: value.comment,
      created_by: ctx.actor?.id ?? null,
      created_via: via,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    await insertLines(tx, lineRows(id, clientId, value))
    await insertStatusChange(tx, {
      id: newId(),
      client_id: clientId,
      order_id: id,
      from_status: null,
      to_status: INITIAL_STATUS,
      changed_by: ctx.actor?.id ?? null,
      changed_at: now,
      comment: null,
      is_internal: 0,
    })
    await tx.audit('order.created', {
      entity: 'order',
      entityId: id,
      clientId,
      after: { number, via, ...auditOf(value) },
    })
    if (via === 'client' || ctx.actor?.role === 'client') await notifyOrderPlaced(tx, { id, number, clientId })
    await tx.emit('orders.created', { orderId: id, clientId })
  })
  return id
}

/** Creates an order for a client in the staff member's scope (lines may still wait for prices). */
export async function createOrder(
  ctx: Ctx,
  clientId: string,
  input: OrderInput,
  via: CreatedVia = 'staff',
): Promise<OrderView> {
  ctx.require('orders.manage')
  if (!(await findVisibleClient(ctx, clientId))) throw new NotFoundError('client')
  const value = await checked(ctx, clientId, input, 'allowed')
  return getOrder(ctx, await storeOrder(ctx, clientId, value, via))
}

/**
 * A client user places an order for its own company, when the company lets clients order: items,
 * quantities, delivery wishes and a comment; the manager fills in prices before confirming.
 */
export async function placeOrder(
  ctx: Ctx,
  input: Omit<OrderInput, 'orderDate' | 'contractId' | 'currency'>,
  via: CreatedVia = 'client',
): Promise<OrderView> {
  ctx.require('orders.client')
  const clientId = ctx.actor?.role === 'client' ? ctx.actor.clientId : null
  if (!clientId) throw new ForbiddenError('orders.client')
  if (!(await ordersWorkflow(ctx)).clientsMayOrder) {
    throw new RuleError('orders.ordering_closed', 'orders.error.ordering_closed')
  }
  const company = await ctx.services.settings.get('company')
  const full: OrderInput = {
    ...input,
    orderDate: await companyToday(ctx),
    contractId: null,
    currency: company.defaultCurrency,
  }
  const value = await checked(ctx, clientId, full, 'none')
  return getOrder(ctx, await storeOrder(ctx, clientId, value, via))
}

/** An order's current fields as input (for forms and partial API changes). */
export async function inputOf(ctx: Ctx, order: OrderView): Promise<OrderInput> {
  const lines = await listLines(ctx, order.id)
  return {
    orderDate: order.orderDate,
    contractId: order.contractId,
    currency: order.currency,
    deliveryAddress: order.deliveryAddress,
    desiredDate: order.desiredDate,
    comment: order.comment,
    lines: lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      quantityMilli: Number(l.quantity_milli),
      unit: l.unit,
      unitPriceMinor: num(l.unit_price_minor),
      vatRateBp: num(l.vat_rate_bp),
    })),
  }
}

/**
 * Changes an order and replaces its lines while it is still `new` and nothing has been shipped, if
 * it still has `version` (a stale version is a ConflictError, so two editors never overwrite each other).
 */
export async function updateOrder(ctx: Ctx, id: string, version: number, changes: Partial<OrderInput>) {
  ctx.require('orders.manage')
  const order = await getOrder(ctx, id)
  if (order.status !== INITIAL_STATUS) throw new RuleError('orders.not_editable', 'orders.error.not_editable')
  if (version !== order.version) throw staleOrder()
  if ((await shippedByLine(ctx, id)).size > 0) throw new RuleError('orders.not_editable', 'orders.error.not_editable')
  const before = await inputOf(ctx, order)
  const value = await checked(ctx, order.clientId, { ...before, ...changes }, 'allowed')
  if (JSON.stringify(auditOf(before)) === JSON.stringify(auditOf(value))) return order
  await ctx.transaction(async (tx) => {
    const ok = await updateOrderAt(tx, id, version, {
      order_date: value.orderDate,
      contract_id: value.contractId,
      currency: value.currency,
      delivery_address: value.deliveryAddress,
      desired_date: value.desiredDate,
      comment: value.comment,
      ...derivedColumns(order.number, value),
      updated_at: nowIso(),
    })
    if (!ok) throw staleOrder()
    await deleteLines(tx, id)
    await insertLines(tx, lineRows(id, order.clientId, value))
    await tx.audit('order.updated', {
      entity: 'order',
      entityId: id,
      clientId: order.clientId,
      before: auditOf(before),
      after: auditOf(value),
    })
    await tx.emit('orders.updated', { orderId: id, clientId: order.clientId })
  })
  return getOrder(ctx, id)
}
