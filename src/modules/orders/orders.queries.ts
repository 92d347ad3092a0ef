import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import type {
  NewOrder,
  NewOrderLine,
  OrderStatusChangeTable,
  OrderTable,
  ShipmentLineTable,
  ShipmentTable,
} from './orders.schema.js'

const FIELDS = [
  'orders.id',
  'orders.client_id',
  'orders.number',
  'orders.order_date',
  'orders.contract_id',
  'orders.status',
  'orders.currency',
  'orders.total_net_minor',
  'orders.total_vat_minor',
  'orders.total_minor',
  'orders.is_priced',
  'orders.line_count',
  'orders.delivery_address',
  'orders.desired_date',
  'orders.comment',
  'orders.created_by',
  'orders.created_via',
  'orders.version',
  'orders.created_at',
  'orders.updated_at',
] as const

/** Orders in the caller's scope with their client's name, contract number and creator: one query, no per-row lookups. */
export const ordersQuery = (ctx: Ctx) =>
  ctx.db
    .selectFrom('orders')
    .innerJoin('clients', 'clients.id', 'orders.client_id')
    .leftJoin('contracts', 'contracts.id', 'orders.contract_id')
    .leftJoin('users as creator', 'creator.id', 'orders.created_by')
    .select([
      ...FIELDS,
      'clients.name as client_name',
      'contracts.number as contract_number',
      'creator.name as created_by_name',
    ])

export type OrderRecord = Awaited<ReturnType<ReturnType<typeof ordersQuery>['executeTakeFirstOrThrow']>>

export const findOrder = (ctx: Ctx, id: string) => ordersQuery(ctx).where('orders.id', '=', id).executeTakeFirst()

export const insertOrder = (ctx: Ctx, row: NewOrder) => ctx.db.insert('orders', row)

/** Updates an order only if it still has `version`; returns whether it did (false: someone was first). */
export async function updateOrderAt(
  ctx: Ctx,
  id: string,
  version: number,
  set: Partial<Omit<OrderTable, 'id' | 'client_id' | 'version' | 'created_at' | 'created_by' | 'number'>>,
): Promise<boolean> {
  const res = await ctx.db
    .updateTable('orders')
    .set({ ...set, version: version + 1 })
    .where('orders.id', '=', id)
    .where('orders.version', '=', version)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export const listLines = (ctx: Ctx, orderId: string) =>
  ctx.db
    .selectFrom('order_lines')
    .selectAll()
    .where('order_lines.order_id', '=', orderId)
    .orderBy('order_lines.position')
    .execute()

export const insertLines = (ctx: Ctx, rows: NewOrderLine[]) => ctx.db.insert('order_lines', rows)

export const deleteLines = (ctx: Ctx, orderId: string) =>
  ctx.db.deleteFrom('order_lines').where('order_lines.order_id', '=', orderId).execute()

export const insertStatusChange = (ctx: Ctx, row: OrderStatusChangeTable) => ctx.db.insert('order_status_changes', row)

/** An order's status history, oldest first, with the names of who changed it. */
export const listStatusChanges = (ctx: Ctx, orderId: string) =>
  ctx.db
    .selectFrom('order_status_changes')
    .leftJoin('users', 'users.id', 'order_status_changes.changed_by')
    .select([
      'order_status_changes.id',
      'order_status_changes.from_status',
      'order_status_changes.to_status',
      'order_status_changes.changed_by',
      'order_status_changes.changed_at',
      'order_status_changes.comment',
      'order_status_changes.is_internal',
      'users.name as changed_by_name',
      'users.role as changed_by_role',
    ])
    .where('order_status_changes.order_id', '=', orderId)
    .orderBy('order_status_changes.changed_at')
    .orderBy('order_status_changes.id')
    .execute()

/** A client's order events newest first (the client card's timeline), before `before` when given. */
export function clientStatusChanges(ctx: Ctx, clientId: string, opts: { before?: string; limit: number }) {
  let q = ctx.db
    .selectFrom('order_status_changes')
    .innerJoin('orders', 'orders.id', 'order_status_changes.order_id')
    .leftJoin('users', 'users.id', 'order_status_changes.changed_by')
    .select([
      'order_status_changes.id',
      'order_status_changes.order_id',
      'order_status_changes.from_status',
      'order_status_changes.to_status',
      'order_status_changes.changed_at',
      'order_status_changes.comment',
      'order_status_changes.is_internal',
      'orders.number',
      'users.name as changed_by_name',
    ])
    .where('order_status_changes.client_id', '=', clientId)
  if (opts.before) q = q.where('order_status_changes.changed_at', '<', opts.before)
  return q
    .orderBy('order_status_changes.changed_at', 'desc')
    .orderBy('order_status_changes.id', 'desc')
    .limit(opts.limit)
    .execute()
}

export const insertShipment = (ctx: Ctx, row: ShipmentTable) => ctx.db.insert('shipments', row)
export const insertShipmentLines = (ctx: Ctx, rows: ShipmentLineTable[]) => ctx.db.insert('shipment_lines', rows)

/** What has been shipped so far per order line of one order: quantity, net and VAT. */
export async function shippedByLine(
  ctx: Ctx,
  orderId: string,
): Promise<Map<string, { qty: number; net: number; vat: number }>> {
  const rows = await ctx.db
    .selectFrom('shipment_lines')
    .innerJoin('shipments', 'shipments.id', 'shipment_lines.shipment_id')
    .select([
      'shipment_lines.order_line_id',
      sql<number>`sum(shipment_lines.quantity_milli)`.as('qty'),
      sql<number>`sum(shipment_lines.net_minor)`.as('net'),
      sql<number>`sum(shipment_lines.vat_minor)`.as('vat'),
    ])
    .where('shipments.order_id', '=', orderId)
    .groupBy('shipment_lines.order_line_id')
    .execute()
  return new Map(rows.map((r) => [r.order_line_id, { qty: Number(r.qty), net: Number(r.net), vat: Number(r.vat) }]))
}

export const listShipments = (ctx: Ctx, orderId: string) =>
  ctx.db
    .selectFrom('shipments')
    .leftJoin('users', 'users.id', 'shipments.created_by')
    .selectAll('shipments')
    .select('users.name as created_by_name')
    .where('shipments.order_id', '=', orderId)
    .orderBy('shipments.shipped_at')
    .orderBy('shipments.created_at')
    .execute()

export const findShipment = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom('shipments').selectAll().where('shipments.id', '=', id).executeTakeFirst()

/** The lines of the given shipments, with what they ship (name, SKU, unit, price, VAT rate). */
export const listShipmentLines = (ctx: Ctx, shipmentIds: string[]) =>
  shipmentIds.length === 0
    ? Promise.resolve([])
    : ctx.db
        .selectFrom('shipment_lines')
        .innerJoin('order_lines', 'order_lines.id', 'shipment_lines.order_line_id')
        .select([
          'shipment_lines.id',
          'shipment_lines.shipment_id',
          'shipment_lines.order_line_id',
          'shipment_lines.quantity_milli',
          'shipment_lines.net_minor',
          'shipment_lines.vat_minor',
          'shipment_lines.total_minor',
          'order_lines.position',
          'order_lines.sku',
          'order_lines.name',
          'order_lines.unit',
          'order_lines.unit_price_minor',
          'order_lines.vat_rate_bp',
        ])
        .where('shipment_lines.shipment_id', 'in', shipmentIds)
        .orderBy('order_lines.position')
        .execute()

export const setShipmentLinks = (ctx: Ctx, id: string, set: { ledger_entry_id?: string; document_id?: string }) =>
  ctx.db.updateTable('shipments').set(set).where('shipments.id', '=', id).executeTakeFirst()

/** Orders whose status is in `statuses`, by order date (the home blocks). */
export const ordersInStatuses = (ctx: Ctx, statuses: readonly string[], limit: number, dir: 'asc' | 'desc' = 'desc') =>
  statuses.length === 0
    ? Promise.resolve([])
    : ordersQuery(ctx)
        .where('orders.status', 'in', [...statuses])
        .orderBy('orders.order_date', dir)
        .orderBy('orders.id', dir)
        .limit(limit)
        .execute()

export async function countInStatuses(ctx: Ctx, statuses: readonly string[]): Promise<number> {
  if (statuses.length === 0) return 0
  const row = await ctx.db
    .selectFrom('orders')
    .select(sql<number>`count(*)`.as('n'))
    .where('orders.status', 'in', [...statuses])
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Count of orders and the sum of their totals in `currency`, per status. */
export const statusFigures = (ctx: Ctx, currency: string) =>
  ctx.db
    .selectFrom('orders')
    .select([
      'orders.status',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when ${sql.ref('orders.currency')} = ${currency} then ${sql.ref('orders.total_minor')} else 0 end)`.as(
        'total',
      ),
      sql<number>`sum(case when ${sql.ref('orders.currency')} = ${currency} then 0 else 1 end)`.as('other_currency'),
    ])
    .groupBy('orders.status')
    .execute()

/** The statuses that orders in the caller’s scope hold now (a workflow may not drop them). */
export async function statusesInUse(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db.selectFrom('orders').select('orders.status').distinct().execute()
  return rows.map((r) => r.status)
}

export const findVisibleClient = (ctx: Ctx, clientId: string) =>
  ctx.db
    .selectFrom('clients')
    .select(['clients.id', 'clients.name', 'clients.postal_address', 'clients.legal_address'])
    .where('clients.id', '=', clientId)
    .executeTakeFirst()

/** Clients the caller may pick from (forms and filters), by name; `limit` keeps huge books out of a select. */
export const listVisibleClients = (ctx: Ctx, limit: number) =>
  ctx.db
    .selectFrom('clients')
    .select(['clients.id', 'clients.name'])
    .where('clients.status', '!=', 'archived')
    .orderBy('clients.name')
    .limit(limit)
    .execute()

/** A client's contracts an order may refer to (signed ones: never drafts), newest first. */
export const listClientContracts = (ctx: Ctx, clientId: string) =>
  ctx.db
    .selectFrom('contracts')
    .select(['contracts.id', 'contracts.number', 'contracts.subject', 'contracts.status'])
    .where('contracts.client_id', '=', clientId)
    .where('contracts.status', '!=', 'draft')
    .orderBy('contracts.signed_on', 'desc')
    .limit(200)
    .execute()

export const findClientContract = (ctx: Ctx, clientId: string, contractId: string) =>
  ctx.db
    .selectFrom('contracts')
    .select(['contracts.id', 'contracts.status'])
    .where('contracts.client_id', '=', clientId)
    .where('contracts.id', '=', contractId)
    .executeTakeFirst()

/** The client's active users with the orders area open: who hears about their orders. */
export async function orderAreaUsers(ctx: Ctx, clientId: string): Promise<{ id: string; locale: string | null }[]> {
  const rows = await ctx.db
    .selectFrom('users')
    .select(['users.id', 'users.locale', 'users.areas'])
    .where('users.client_id', '=', clientId)
    .where('users.role', '=', 'client')
    .where('users.status', '=', 'active')
    .execute()
  return rows.filter((u) => u.areas.split(',').includes('orders')).map((u) => ({ id: u.id, locale: u.locale }))
}

export const findClientManager = (ctx: Ctx, clientId: string) =>
  ctx.db.selectFrom('clients').select('clients.manager_id').where('clients.id', '=', clientId).executeTakeFirst()
