import type { Ctx } from '../../core/ctx.js'
import type { TimelineEvent } from '../../core/module.js'
import { clientTimelineRows } from './contacts.queries.js'
import { READ } from './contacts.service.js'

const DETAIL_CHARS = 300

/** The client card's share of contacts: newest first, marked internal, none for client users. */
export async function contactTimeline(
  ctx: Ctx,
  clientId: string,
  opts: { before?: string; limit: number },
): Promise<TimelineEvent[]> {
  // The contact log is internal; the scope filter hides it from clients too, this says it plainly.
  if (!ctx.can(READ) || ctx.actor?.role === 'client') return []
  const t = ctx.services.catalog.translator(ctx.locale)
  const rows = await clientTimelineRows(ctx, clientId, opts.before, opts.limit)
  return rows.map((r) => {
    const parts = [r.summary]
    if (r.outcome) parts.push(t('contacts.timeline.outcome', { outcome: r.outcome }))
    if (r.next_step && !r.next_step_done_at) parts.push(t('contacts.timeline.next_step', { step: r.next_step }))
    const detail = parts.join(' · ')
    return {
      at: r.occurred_at,
      module: 'contacts',
      title: t('contacts.timeline.title', {
        channel: t(`contacts.channel.${r.channel}`),
        direction: t(`contacts.direction.${r.direction}`),
      }),
      detail: detail.length > DETAIL_CHARS ? `${detail.slice(0, DETAIL_CHARS - 1)}…` : detail,
      href: `/contacts/${encodeURIComponent(r.id)}`,
      who: r.employee_name,
      internal: true,
    }
  })
}
