import type { Ctx } from '../../core/ctx.js'
import type { TimelineEvent } from '../../core/module.js'
import { CLIENT, isClient, ownOnly, READ } from './support.service.js'

/**
 * The client card's support events, newest first: each request opened and each status change.
 * Client users see only requests visible to them (their own under `mine`); no internal text is here.
 */
export async function supportTimeline(
  ctx: Ctx,
  clientId: string,
  opts: { before?: string; limit: number },
): Promise<TimelineEvent[]> {
  const client = isClient(ctx)
  if (!ctx.can(client ? CLIENT : READ)) return []
  const t = ctx.services.catalog.translator(ctx.locale)
  const own = await ownOnly(ctx)
  let q = ctx.db
    .selectFrom('support_status_changes')
    .innerJoin('support_requests', 'support_requests.id', 'support_status_changes.request_id')
    .leftJoin('users', 'users.id', 'support_status_changes.changed_by')
    .select([
      'support_status_changes.id',
      'support_status_changes.request_id',
      'support_status_changes.from_status',
      'support_status_changes.to_status',
      'support_status_changes.changed_by',
      'support_status_changes.changed_at',
      'support_requests.number',
      'support_requests.subject',
      'users.name as changed_by_name',
    ])
    .where('support_status_changes.client_id', '=', clientId)
  if (own) q = q.where('support_requests.created_by', '=', own)
  if (opts.before) q = q.where('support_status_changes.changed_at', '<', opts.before)
  const rows = await q
    .orderBy('support_status_changes.changed_at', 'desc')
    .orderBy('support_status_changes.id', 'desc')
    .limit(opts.limit)
    .execute()
  return rows.map((r) => ({
    at: r.changed_at,
    module: 'support',
    title:
      r.from_status === null
        ? t('support.timeline_opened', { number: r.number })
        : t('support.timeline_status', {
            number: r.number,
            from: t(`support.status.${r.from_status}`),
            to: t(`support.status.${r.to_status}`),
          }),
    detail: r.subject,
    href: `/support/${encodeURIComponent(r.request_id)}`,
    who: r.changed_by === 'system' ? t('support.by_system') : (r.changed_by_name ?? undefined),
  }))
}
