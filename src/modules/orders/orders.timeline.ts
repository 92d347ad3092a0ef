import type { Ctx } from '../../core/ctx.js'
import type { TimelineEvent } from '../../core/module.js'
import { statusLabel } from './order-workflow.js'
import { clientStatusChanges } from './orders.queries.js'
import { ordersWorkflow } from './orders.service.js'

/**
 * The client card's order events, newest first: each order's creation and every status change.
 * Staff see internal comments (marked internal); client users get the changes without them.
 */
export async function ordersTimeline(
  ctx: Ctx,
  clientId: string,
  opts: { before?: string; limit: number },
): Promise<TimelineEvent[]> {
  const client = ctx.actor?.role === 'client'
  if (!ctx.can(client ? 'orders.client' : 'orders.read')) return []
  const t = ctx.services.catalog.translator(ctx.locale)
  const w = await ordersWorkflow(ctx)
  const rows = await clientStatusChanges(ctx, clientId, opts)
  return rows.map((r) => {
    const internal = Number(r.is_internal) === 1
    const comment = internal && client ? null : r.comment
    return {
      at: r.changed_at,
      module: 'orders',
      title:
        r.from_status === null
          ? t('orders.timeline_created', { number: r.number })
          : t('orders.timeline_status', {
              number: r.number,
              from: statusLabel(w, r.from_status, ctx.locale),
              to: statusLabel(w, r.to_status, ctx.locale),
            }),
      detail: comment ?? undefined,
      href: `/orders/${encodeURIComponent(r.order_id)}`,
      who: r.changed_by_name ?? undefined,
      internal: !client && internal,
    }
  })
}
