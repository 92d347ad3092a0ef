import type { Ctx } from '../../core/ctx.js'
import { newId } from '../../core/db/ids.js'
import type { DemoWorld } from '../../core/module.js'
import { formatNumber, periodOf } from '../../core/numbering/numbering.js'
import { DEFAULT_NUMBERING } from '../../core/settings/settings-store.js'
import { renderMarkdown } from './markdown.js'
import { addSlaMinutes, localDate, type SlaCalendar, slaMinutesBetween } from './sla-clock.js'
import type { Priority, RequestStatus } from './support.constants.js'
import type { SupportMessageTable, SupportRequestTable, SupportStatusChangeTable } from './support.schema.js'
import { DEMO_CATEGORIES, type DemoGroup, RATING_COMMENTS, STORIES } from './support-demo-data.js'
import { slaCalendar, supportSettings } from './support-settings.service.js'

const DAY = 86_400_000
const MIN = 60_000
const iso = (ms: number) => new Date(ms).toISOString()

function pickPriority(x: number): Priority {
  return x < 0.1 ? 'urgent' : x < 0.35 ? 'high' : x < 0.85 ? 'normal' : 'low'
}

interface Built {
  request: SupportRequestTable
  messages: SupportMessageTable[]
  changes: SupportStatusChangeTable[]
}

/** One request's life up to now: opened, answered (sometimes late), waiting, followed up, resolved, closed. */
function buildRequest(
  a: {
    clientId: string
    group: DemoGroup
    k: number
    authorId: string
    staffId: string
    categoryId: string
    story: (typeof STORIES)['en'][number]
    targets: [number, number]
    priority: Priority
    created: number
    now: number
    reopenDays: number
    stuck: boolean
  },
  cal: SlaCalendar,
  r: () => number,
): Built {
  const id = newId(Math.floor(a.created))
  const [fr, res] = a.targets
  const frDue = addSlaMinutes(a.created, fr, cal).getTime()
  let resDue = addSlaMinutes(a.created, res, cal).getTime()
  const lateAnswer = r() < 0.15
  const lateResolution = r() < 0.2
  const answerAfter = Math.max(5, Math.round(fr * (lateAnswer ? 1.2 + r() * 1.5 : 0.1 + r() * 0.8)))
  const respondedAt = a.stuck ? Number.POSITIVE_INFINITY : addSlaMinutes(a.created, answerAfter, cal).getTime()
  // Most clients answer within the day; some take days (those are still waiting now if recent).
  const slowClient = a.k % 6 === 1
  const followAt =
    respondedAt + (slowClient ? Math.floor((2 + r() * 10) * 24 * 60) : 30 + Math.floor(r() * 60 * 30)) * MIN
  const paused = Number.isFinite(respondedAt) ? slaMinutesBetween(respondedAt, followAt, cal) : 0
  if (resDue >= respondedAt) resDue = addSlaMinutes(a.created, res + paused, cal).getTime()
  const workMinutes = Math.max(answerAfter + 10, Math.round(res * (lateResolution ? 1.1 + r() : 0.3 + r() * 0.6)))
  const resolvedAt = Math.max(followAt + 20 * MIN, addSlaMinutes(a.created, workMinutes + paused, cal).getTime())
  const closedAt = resolvedAt + a.reopenDays * DAY + 3_600_000
  const messages: SupportMessageTable[] = []
  const changes: SupportStatusChangeTable[] = []
  const msg = (at: number, author: string, body: string, internal = false) =>
    messages.push({
      id: newId(Math.floor(at)),
      client_id: a.clientId,
      request_id: id,
      author_id: author,
      body_markdown: body,
      body_html: renderMarkdown(body),
      is_internal: internal ? 1 : 0,
      created_at: iso(at),
    })
  const move = (at: number, from: RequestStatus | null, to: RequestStatus, by: string) =>
    changes.push({
      id: newId(Math.floor(at)),
      client_id: a.clientId,
      request_id: id,
      from_status: from,
      to_status: to,
      changed_by: by,
      changed_at: iso(at),
    })
  msg(a.created, a.authorId, a.story.body)
  move(a.created, null, 'new', a.authorId)
  let status: RequestStatus = 'new'
  let pausedSince: number | null = null
  let pausedMinutes = 0
  let last = a.created
  if (respondedAt <= a.now) {
    msg(respondedAt, a.staffId, a.story.reply)
    if (a.k % 4 === 0) msg(respondedAt + 60_000, a.staffId, a.story.note, true)
    move(respondedAt, 'new', 'open', a.staffId)
    move(respondedAt, 'open', 'waiting', a.staffId)
    status = 'waiting'
    pausedSince = respondedAt
    last = respondedAt
  }
  if (followAt <= a.now) {
    msg(followAt, a.authorId, a.story.followUp)
    move(followAt, 'waiting', 'open', a.authorId)
    status = 'open'
    pausedSince = null
    pausedMinutes = paused
    last = followAt
  }
  if (resolvedAt <= a.now) {
    msg(resolvedAt, a.staffId, a.story.resolve)
    move(resolvedAt, 'open', 'resolved', a.staffId)
    status = 'resolved'
    pausedSince = resolvedAt
    last = resolvedAt
  }
  if (closedAt <= a.now) {
    move(closedAt, 'resolved', 'closed', 'system')
    status = 'closed'
  }
  const done = status === 'resolved' || status === 'closed'
  const rated = done && r() < 0.6
  const rating = rated ? (lateResolution ? 2 + Math.floor(r() * 3) : 4 + Math.floor(r() * 2)) : null
  const comments = RATING_COMMENTS[a.group]
  const responded = respondedAt <= a.now
  return {
    request: {
      id,
      client_id: a.clientId,
      number: '',
      category_id: a.categoryId,
      priority: a.priority,
      subject: a.story.subject,
      status,
      created_by: a.authorId,
      assignee_id: a.staffId,
      linked_kind: null,
      linked_id: null,
      first_response_target_minutes: fr,
      resolution_target_minutes: res,
      first_response_due_at: iso(frDue),
      resolution_due_at: iso(resDue),
      first_responded_at: responded ? iso(respondedAt) : null,
      first_response_minutes: responded ? answerAfter : null,
      resolved_at: done ? iso(resolvedAt) : null,
      resolution_minutes: done ? workMinutes : null,
      closed_at: status === 'closed' ? iso(closedAt) : null,
      sla_paused_minutes: pausedMinutes,
      paused_since: pausedSince === null ? null : iso(pausedSince),
      last_message_at: iso(last),
      rating,
      rating_comment: rating && r() < 0.5 ? (comments[Math.floor(r() * comments.length)] ?? null) : null,
      rated_at: rating ? iso(resolvedAt + 2 * 3_600_000) : null,
      version: changes.length,
      created_at: iso(a.created),
      updated_at: iso(
        Math.max(
          last,
          changes[changes.length - 1]?.changed_at
            ? Date.parse(changes[changes.length - 1]?.changed_at as string)
            : last,
        ),
      ),
    },
    messages,
    changes,
  }
}

/** A year of requests for every demo client, with realistic timing: most answered in time, some late, a few overdue now. */
export async function supportDemo(ctx: Ctx, world: DemoWorld): Promise<void> {
  const raw = ctx.unscoped('demo data')
  const now = Date.now()
  const cal = await slaCalendar(ctx)
  const settings = await supportSettings(ctx)
  const categoryIds = new Map<string, string>()
  const stamp = iso(now - 400 * DAY)
  for (const [i, c] of DEMO_CATEGORIES.entries()) {
    const id = newId()
    categoryIds.set(c.key, id)
    await raw
      .insertInto('support_categories')
      .values({
        id,
        name: c.names.en,
        names_json: JSON.stringify(c.names),
        position: i * 10,
        is_active: 1,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute()
    for (const [p, [first, resolution]] of Object.entries(c.targets ?? {})) {
      await raw
        .insertInto('support_sla_targets')
        .values({
          category_id: id,
          priority: p as Priority,
          first_response_minutes: first,
          resolution_minutes: resolution,
        })
        .execute()
    }
  }
  const defaults = new Map(
    settings.priorities.map((p) => [p.key, [p.firstResponseMinutes, p.resolutionMinutes] as [number, number]]),
  )
  const clients = await raw
    .selectFrom('clients')
    .select(['id', 'manager_id'])
    .where('id', 'in', world.clientIds)
    .execute()
  const users = await raw
    .selectFrom('users')
    .select(['id', 'locale'])
    .where('client_id', 'in', world.clientIds)
    .execute()
  const localeOf = new Map(users.map((u) => [u.id, u.locale]))
  const built: Built[] = []
  let k = 0
  for (const clientId of world.clientIds) {
    const userIds = world.clientUserIds[clientId] ?? []
    const locale = localeOf.get(userIds[0] ?? '')
    const group: DemoGroup = locale === 'hu' || locale === 'ru' ? locale : 'en'
    const staffId = clients.find((c) => c.id === clientId)?.manager_id ?? world.headId
    const count = 8 + Math.floor(world.random() * 8)
    for (let j = 0; j < count; j++, k++) {
      const story = STORIES[group][k % STORIES[group].length] as (typeof STORIES)['en'][number]
      const category = DEMO_CATEGORIES.find((c) => c.key === story.category)
      const priority = pickPriority(world.random())
      const own = category?.targets?.[priority]
      // Requests come in during the working day mostly: 07:00–19:00 company time.
      const day = now - Math.floor(world.random() * 365) * DAY
      const created =
        Math.floor(
          Math.min(
            now - 10 * MIN,
            Date.parse(`${localDate(day, cal.timeZone)}T00:00:00Z`) + (6 + world.random() * 12) * 3_600_000,
          ) / MIN,
        ) * MIN
      built.push(
        buildRequest(
          {
            clientId,
            group,
            k,
            authorId: userIds[j % Math.max(1, userIds.length)] ?? world.headId,
            staffId,
            categoryId: categoryIds.get(story.category) as string,
            story,
            targets: own ?? defaults.get(priority) ?? [480, 2400],
            priority,
            created,
            now,
            reopenDays: settings.reopenDays,
            // A few recent requests nobody has answered yet: the overdue list is never empty.
            stuck: now - created < 12 * DAY && k % 7 === 0,
          },
          cal,
          world.random,
        ),
      )
    }
  }
  // Numbers follow the order of arrival within each year, as the live sequence would have given them.
  built.sort((x, y) => x.request.created_at.localeCompare(y.request.created_at))
  const company = await ctx.services.settings.get('company')
  const template = company.numbering.request ?? DEFAULT_NUMBERING.request ?? 'REQ-{YYYY}-{NNNNNN}'
  const perYear = new Map<string, number>()
  for (const b of built) {
    const date = localDate(Date.parse(b.request.created_at), cal.timeZone)
    const period = periodOf(template, date)
    const n = (perYear.get(period) ?? 0) + 1
    perYear.set(period, n)
    b.request.number = formatNumber(template, date, n)
  }
  for (const [period, n] of perYear) {
    await raw.insertInto('number_sequences').values({ kind: 'request', period, last_value: n }).execute()
  }
  const insert = async <T>(table: 'support_requests' | 'support_messages' | 'support_status_changes', rows: T[]) => {
    for (let i = 0; i < rows.length; i += 200) {
      await raw
        .insertInto(table)
        .values(rows.slice(i, i + 200) as never)
        .execute()
    }
  }
  await insert(
    'support_requests',
    built.map((b) => b.request),
  )
  await insert(
    'support_messages',
    built.flatMap((b) => b.messages),
  )
  await insert(
    'support_status_changes',
    built.flatMap((b) => b.changes),
  )
}
