import { DEFAULTS } from '../../core/settings/settings-store.js'
import type { SlaCalendar } from '../../modules/support/sla-clock.js'
import { at, iso } from './random.js'
import type { SeedClient, SeedWorld } from './seed-world.js'
import type { SlaWindows } from './sla-windows.js'

const HOUR = 3_600_000
export const SUPPORT_CATEGORIES = [
  'Orders and delivery',
  'Invoices and payments',
  'Documents',
  'Portal access',
  'Other',
]
const SUBJECTS = [
  'Where is my delivery?',
  'Wrong amount on a payment request',
  'Please send the signed contract',
  'Cannot sign in',
  'Question about prices',
]

export const seedCalendar = (timeZone: string): SlaCalendar => ({
  mode: DEFAULTS.support.calendar,
  timeZone,
  hours: DEFAULTS.support.hours,
  holidays: DEFAULTS.support.holidays,
})

/**
 * `count` support requests of one client over the last two years with their opening message, the
 * staff reply, status history and SLA figures on the default business calendar: old ones resolved
 * and closed, recent ones open or waiting for the client, some of those overdue.
 */
export async function seedSupport(
  w: SeedWorld,
  client: SeedClient,
  count: number,
  categoryIds: string[],
  sla: SlaWindows,
): Promise<void> {
  const { rng, ids } = w
  const now = at(w.plan.today, 16 * 60)
  const targets = DEFAULTS.support.priorities
  const starts = Array.from({ length: count }, () => at(w.daysAgo(rng.int(0, 729)), rng.int(7 * 60, 18 * 60))).sort()
  for (const created of starts) {
    const p = rng.pick(targets)
    const cat = rng.int(0, categoryIds.length - 1)
    const author = client.userIds[rng.int(0, client.userIds.length - 1)] as string
    const id = ids.id(created)
    const responded = created + rng.int(1, 30) * HOUR
    const resolved = responded + rng.int(1, 96) * HOUR
    const recent = now - created < 20 * 24 * HOUR
    const hasReply = responded < now && !(recent && rng.chance(0.2))
    const done = hasReply && resolved < now && !(recent && rng.chance(0.5))
    const closed = done && now - resolved > 7 * 24 * HOUR
    const waiting = hasReply && !done && rng.chance(0.4)
    const rating = done && rng.chance(0.3) ? rng.int(3, 5) : null
    const status = closed ? 'closed' : done ? 'resolved' : waiting ? 'waiting' : hasReply ? 'open' : 'new'
    const end = done ? resolved : now
    const changes: [string | null, string, string, number][] = [[null, 'new', author, created]]
    if (hasReply) changes.push(['new', 'open', client.managerId, responded])
    if (waiting) changes.push(['open', 'waiting', client.managerId, responded + 1])
    if (done) changes.push(['open', 'resolved', client.managerId, resolved])
    if (closed) changes.push(['resolved', 'closed', 'system', resolved + 7 * 24 * HOUR])
    await w.w.add('support_requests', {
      id,
      client_id: client.id,
      number: w.number('request', iso(created).slice(0, 10)),
      category_id: categoryIds[cat] as string,
      priority: p.key as 'normal',
      subject: SUBJECTS[cat] as string,
      status: status as 'open',
      created_by: author,
      assignee_id: client.managerId,
      linked_kind: null,
      linked_id: null,
      first_response_target_minutes: p.firstResponseMinutes,
      resolution_target_minutes: p.resolutionMinutes,
      first_response_due_at: iso(sla.add(created, p.firstResponseMinutes)),
      resolution_due_at: iso(sla.add(created, p.resolutionMinutes)),
      first_responded_at: hasReply ? iso(responded) : null,
      first_response_minutes: hasReply ? sla.between(created, responded) : null,
      resolved_at: done ? iso(resolved) : null,
      resolution_minutes: done ? sla.between(created, resolved) : null,
      closed_at: closed ? iso(resolved + 7 * 24 * HOUR) : null,
      // Paused from the resolution or the wait on; nothing paused before.
      sla_paused_minutes: 0,
      paused_since: done ? iso(resolved) : waiting ? iso(responded + 1) : null,
      last_message_at: iso(hasReply ? responded : created),
      rating,
      rating_comment: null,
      rated_at: rating ? iso(resolved + HOUR) : null,
      version: changes.length,
      created_at: iso(created),
      updated_at: iso(changes.at(-1)?.[3] ?? end),
    })
    const text = `${SUBJECTS[cat]} Our reference: ${client.index + 1}/${id.slice(-6)}.`
    await w.w.add('support_messages', {
      id: ids.id(created),
      client_id: client.id,
      request_id: id,
      author_id: author,
      body_markdown: text,
      body_html: `<p>${text}</p>`,
      is_internal: 0,
      created_at: iso(created),
    })
    if (hasReply) {
      const reply = 'Thank you, we are looking into it and will come back to you shortly.'
      await w.w.add('support_messages', {
        id: ids.id(responded),
        client_id: client.id,
        request_id: id,
        author_id: client.managerId,
        body_markdown: reply,
        body_html: `<p>${reply}</p>`,
        is_internal: 0,
        created_at: iso(responded),
      })
    }
    for (const [from, to, by, ms] of changes) {
      await w.w.add('support_status_changes', {
        id: ids.id(ms),
        client_id: client.id,
        request_id: id,
        from_status: from as 'new' | null,
        to_status: to as 'new',
        changed_by: by,
        changed_at: iso(ms),
      })
    }
  }
}
