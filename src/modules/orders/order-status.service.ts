import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { RuleError, ValidationError } from '../../core/errors.js'
import { postShipmentCharge } from '../finance/index.js'
import { notifyStatusChange } from './order-notify.js'
import { isAllowedTransition, statusLabel, transitionsFrom, type Workflow } from './order-workflow.js'
import { CANCELLED_STATUS, INITIAL_STATUS, isShipmentStatus, MAX_COMMENT } from './orders.constants.js'
import { insertStatusChange, listStatusChanges, setShipmentLinks, updateOrderAt } from './orders.queries.js'
import { getOrder, type OrderView, ordersWorkflow, staleOrder } from './orders.service.js'
import { type PreparedShipment, prepareShipment, type ShipmentInput, storeShipment } from './shipments.service.js'

/** Why the order may not move to `to` now (null when it may): the workflow, and prices before confirming. */
export function transitionRefusal(
  w: Workflow,
  order: Pick<OrderView, 'status' | 'isPriced'>,
  to: string,
): { code: string; messageKey: string } | null {
  if (!isAllowedTransition(w, order.status, to)) {
    return { code: 'orders.illegal_transition', messageKey: 'orders.error.illegal_transition' }
  }
  // A client's order carries no prices: it can be cancelled, but not confirmed until it is priced.
  if (order.status === INITIAL_STATUS && to !== CANCELLED_STATUS && !order.isPriced) {
    return { code: 'orders.unpriced', messageKey: 'orders.error.unpriced' }
  }
  return null
}

/** The statuses the order may move to now (what the page offers). */
export const allowedTransitions = (w: Workflow, order: Pick<OrderView, 'status' | 'isPriced'>): string[] =>
  transitionsFrom(w, order.status).filter((to) => transitionRefusal(w, order, to) === null)

export interface StatusChangeInput {
  /** The version the caller saw; a stale one is a ConflictError. */
  version: number
  comment?: string | null
  /** The comment is for staff only. */
  internal?: boolean
  /** Moving to shipped/delivered: what was handed over (default: everything not yet shipped, today). */
  shipment?: ShipmentInput
}

/**
 * Moves an order along the configured workflow if it still has `version` (so of two managers acting at
 * once one wins and the other gets a conflict). Every change leaves one history row, an audit record,
 * a notification to the client's order followers, and — to shipped/delivered — the shipment record.
 */
export async function changeOrderStatus(ctx: Ctx, id: string, to: string, input: StatusChangeInput) {
  ctx.require('orders.manage')
  const order = await getOrder(ctx, id)
  const w = await ordersWorkflow(ctx)
  if (!w.statuses.some((s) => s.key === to)) throw new ValidationError({ to: 'form.invalid_choice' })
  const comment = input.comment?.trim() || null
  if (comment && comment.length > MAX_COMMENT) throw new ValidationError({ comment: 'form.too_long' })
  if (input.version !== order.version) throw staleOrder()
  const refusal = transitionRefusal(w, order, to)
  if (refusal) {
    throw new RuleError(refusal.code, refusal.messageKey, {
      from: statusLabel(w, order.status, ctx.locale),
      to: statusLabel(w, to, ctx.locale),
    })
  }
  const shipment = isShipmentStatus(to) ? await prepareShipment(ctx, order, input.shipment ?? {}) : null
  const internal = Boolean(input.internal && comment)
  await ctx.transaction(async (tx) => {
    const now = nowIso()
    // The version guard is the lock: a second request with the same version changes nothing and rolls back.
    if (!(await updateOrderAt(tx, order.id, order.version, { status: to, updated_at: now }))) throw staleOrder()
    await insertStatusChange(tx, {
      id: newId(),
      client_id: order.clientId,
      order_id: order.id,
      from_status: order.status,
      to_status: to,
      changed_by: ctx.actor?.id ?? null,
      changed_at: now,
      comment,
      is_internal: internal ? 1 : 0,
    })
    const shipmentId = shipment && isShipmentStatus(to) ? await storeShipment(tx, order, to, shipment) : null
    if (shipment && shipmentId) await chargeShipment(tx, order, shipmentId, shipment)
    await tx.audit('order.status_changed', {
      entity: 'order',
      entityId: order.id,
      clientId: order.clientId,
      before: { status: order.status },
      after: { status: to, comment, internal, shipmentId },
    })
    await notifyStatusChange(tx, order, w, to, internal ? null : comment)
    await tx.emit('orders.status_changed', { orderId: order.id, clientId: order.clientId, from: order.status, to })
    if (shipmentId) await tx.emit('orders.shipped', { orderId: order.id, clientId: order.clientId, shipmentId })
  })
  return getOrder(ctx, id)
}

export interface StatusHistoryItem {
  id: string
  /** Null on the order's creation. */
  from: string | null
  to: string
  by: string | null
  byClient: boolean
  at: string
  comment: string | null
  internal: boolean
}

/** An order's status history, oldest first; client users never get internal comments. */
export async function orderHistory(ctx: Ctx, id: string): Promise<StatusHistoryItem[]> {
  const order = await getOrder(ctx, id)
  const staff = ctx.actor?.role !== 'client'
  const rows = await listStatusChanges(ctx, order.id)
  return rows.map((r) => {
    const internal = Number(r.is_internal) === 1
    return {
      id: r.id,
      from: r.from_status,
      to: r.to_status,
      by: r.changed_by_name,
      byClient: r.changed_by_role === 'client',
      at: r.changed_at,
      comment: internal && !staff ? null : r.comment,
      internal: staff && internal,
    }
  })
}

/**
 * The shipment's charge on the client's account, in the status change's transaction so an order is
 * never shipped without it (nor charged without being shipped). Only when finance is on; a shipment
 * of nothing (delivery after everything had left) charges nothing.
 */
async function chargeShipment(tx: Ctx, order: OrderView, shipmentId: string, s: PreparedShipment) {
  if (!tx.services.isEnabled('finance') || s.row.total_minor <= 0) return
  const entry = await postShipmentCharge(tx, {
    clientId: order.clientId,
    shipmentId,
    amountMinor: s.row.total_minor,
    currency: s.row.currency,
    date: s.row.shipped_at,
    // The entry's kind says "shipment" in the reader's language; the order number says which.
    description: order.number,
  })
  await setShipmentLinks(tx, shipmentId, { ledger_entry_id: entry.id })
}
