import type { Ctx } from '../../core/ctx.js'
import type { TimelineEvent } from '../../core/module.js'

/**
 * This module's share of a client's timeline: the client was created, its manager was changed
 * (staff-only), contact persons were added. Newest first, strictly before `before`.
 */
export async function clientsTimeline(
  ctx: Ctx,
  clientId: string,
  opts: { before?: string; limit: number },
): Promise<TimelineEvent[]> {
  const t = ctx.services.catalog.translator(ctx.locale)
  const before = opts.before ?? '9999'
  const [client, history, contacts] = await Promise.all([
    ctx.db
      .selectFrom('clients')
      .select(['created_at', 'name'])
      .where('id', '=', clientId)
      .where('created_at', '<', before)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('client_manager_history')
      .leftJoin('users as f', 'f.id', 'client_manager_history.from_manager_id')
      .leftJoin('users as t', 't.id', 'client_manager_history.to_manager_id')
      .leftJoin('users as b', 'b.id', 'client_manager_history.changed_by')
      .select([
        'client_manager_history.changed_at',
        'client_manager_history.comment',
        'f.name as from_name',
        't.name as to_name',
        'b.name as by_name',
      ])
      .where('client_manager_history.client_id', '=', clientId)
      .where('client_manager_history.changed_at', '<', before)
      .orderBy('client_manager_history.changed_at', 'desc')
      .limit(opts.limit)
      .execute(),
    ctx.db
      .selectFrom('contact_persons')
      .select(['created_at', 'name', 'position'])
      .where('client_id', '=', clientId)
      .where('created_at', '<', before)
      .orderBy('created_at', 'desc')
      .limit(opts.limit)
      .execute(),
  ])
  const events: TimelineEvent[] = []
  if (client) events.push({ at: client.created_at, module: 'clients', title: t('clients.timeline.created') })
  for (const h of history) {
    events.push({
      at: h.changed_at,
      module: 'clients',
      title: t('clients.timeline.reassigned', {
        from: h.from_name ?? t('clients.no_manager'),
        to: h.to_name ?? t('clients.no_manager'),
      }),
      detail: h.comment ?? undefined,
      who: h.by_name ?? undefined,
      internal: true,
    })
  }
  for (const c of contacts) {
    events.push({
      at: c.created_at,
      module: 'clients',
      title: t('clients.timeline.contact_added', { name: c.name }),
      detail: c.position ?? undefined,
    })
  }
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, opts.limit)
}

/**
 * The client card's timeline: every enabled module's events merged, newest first, one page at a
 * time. `older` is the cursor for the next page (the time of the last item shown), or null.
 */
export async function mergedTimeline(
  ctx: Ctx,
  clientId: string,
  opts: { before?: string; limit: number },
): Promise<{ items: TimelineEvent[]; older: string | null }> {
  const { services } = ctx
  const all: TimelineEvent[] = []
  for (const mod of services.modules) {
    if (!mod.timeline || !services.isEnabled(mod.name)) continue
    all.push(...(await mod.timeline(ctx, clientId, { before: opts.before, limit: opts.limit + 1 })))
  }
  all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
  if (all.length <= opts.limit) return { items: all, older: null }
  const boundary = (all[opts.limit] as TimelineEvent).at
  const page = all.slice(0, opts.limit)
  // Items sharing the boundary instant go to the next page together: the cursor is exclusive, so it
  // points one millisecond past that instant. A page made only of one instant moves past it.
  const before = page.filter((i) => i.at !== boundary)
  if (before.length === 0) return { items: page, older: boundary }
  const next = new Date(Date.parse(boundary) + 1).toISOString()
  return { items: before, older: before.length < page.length ? next : (page[page.length - 1] as TimelineEvent).at }
}
