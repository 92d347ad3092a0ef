import type { Ctx } from '../../core/ctx.js'
import { allowedTransitions, orderHistory } from './order-status.service.js'
import { quantityText } from './order-totals.js'
import { INITIAL_STATUS } from './orders.constants.js'
import { findVisibleClient, listClientContracts } from './orders.queries.js'
import { decimalSeparator, getOrder, getOrderLines, ordersWorkflow } from './orders.service.js'
import { orderShipments } from './shipments.service.js'

/** Everything an order's page shows, in the caller's scope (client users: no internal comments or notes). */
export async function orderDetail(ctx: Ctx, id: string) {
  const order = await getOrder(ctx, id)
  const [lines, history, shipments, w] = await Promise.all([
    getOrderLines(ctx, order.id),
    orderHistory(ctx, order.id),
    orderShipments(ctx, order.id),
    ordersWorkflow(ctx),
  ])
  const sep = decimalSeparator(ctx.locale)
  return {
    order,
    lines,
    history,
    shipments,
    w,
    allowed: ctx.can('orders.manage') ? allowedTransitions(w, order) : [],
    // Lines are edited only while the order is new and nothing has left.
    editable: order.status === INITIAL_STATUS && lines.every((l) => l.shippedMilli === 0),
    remainingText: Object.fromEntries(
      lines.map((l) => [l.id, quantityText(Math.max(0, l.quantityMilli - l.shippedMilli), sep)]),
    ),
  }
}

/** A client for an order form: its name, default delivery address, and the contracts an order may cite. */
export async function clientForOrder(ctx: Ctx, clientId: string) {
  const client = await findVisibleClient(ctx, clientId)
  if (!client) return null
  const contracts = ctx.services.isEnabled('contracts') ? await listClientContracts(ctx, clientId) : null
  return {
    id: client.id,
    name: client.name,
    address: client.postal_address || client.legal_address || '',
    contracts,
  }
}
