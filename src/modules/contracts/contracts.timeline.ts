import type { Ctx } from '../../core/ctx.js'
import type { TimelineEvent } from '../../core/module.js'
import { clientStatusChanges } from './contracts.queries.js'

/**
 * The client card's contract events, newest first: each contract's creation (staff-only: it is a
 * draft then) and every status change. Client users get only the changes of contracts past draft,
 * without the staff's comments, and only with their documents area open.
 */
export async function contractsTimeline(
  ctx: Ctx,
  clientId: string,
  opts: { before?: string; limit: number },
): Promise<TimelineEvent[]> {
  const client = ctx.actor?.role === 'client'
  if (!ctx.can(client ? 'contracts.client' : 'contracts.read')) return []
  const t = ctx.services.catalog.translator(ctx.locale)
  const rows = await clientStatusChanges(ctx, clientId, opts)
  return rows.map((r) => ({
    at: r.changed_at,
    module: 'contracts',
    title:
      r.from_status === null
        ? t('contracts.timeline_created', { number: r.number })
        : t('contracts.timeline_status', {
            number: r.number,
            from: t(`contracts.status.${r.from_status}`),
            to: t(`contracts.status.${r.to_status}`),
          }),
    detail: [r.subject, client ? null : r.comment].filter(Boolean).join(' · '),
    href: client ? '/contracts/mine' : `/contracts/${encodeURIComponent(r.contract_id)}`,
    who: r.changed_by === 'system' ? t('contracts.by_system') : (r.changed_by_name ?? undefined),
    internal: r.from_status === null,
  }))
}
