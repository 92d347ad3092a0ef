import type { Ctx } from '../../core/ctx.js'
import type { PageContext } from '../../core/ui/page-context.js'
import { myCurrentOrders, ordersByStatus, waitingOrders } from './order-overview.service.js'
import { ordersWorkflow } from './orders.service.js'
import { MyOrdersBlock, OrdersByStatusBlock, WaitingOrdersBlock } from './views/orders-dashboard.js'

/** The home block: a client's current orders; a manager's orders waiting for action; the head's orders by status. */
export async function ordersDashboard(ctx: Ctx, pc: PageContext): Promise<JSX.Element> {
  const role = ctx.actor?.role
  if (role === 'client') {
    if (!ctx.can('orders.client')) return ''
    const [w, mine] = await Promise.all([ordersWorkflow(ctx), myCurrentOrders(ctx)])
    return <MyOrdersBlock pc={pc} w={w} rows={mine.rows} total={mine.total} />
  }
  if (!ctx.can('orders.read')) return ''
  const w = await ordersWorkflow(ctx)
  if (role === 'head') {
    const o = await ordersByStatus(ctx)
    return <OrdersByStatusBlock pc={pc} w={w} currency={o.currency} figures={o.figures} />
  }
  const waiting = await waitingOrders(ctx)
  return <WaitingOrdersBlock pc={pc} w={w} rows={waiting.rows} counts={waiting.counts} total={waiting.total} />
}
