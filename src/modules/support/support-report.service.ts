import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import { ValidationError } from '../../core/errors.js'
import { dateInZone } from '../../core/i18n/format.js'
import { localDate, wallToUtc } from './sla-clock.js'
import { breachedAt, inBucket, overdueNow } from './sla-sql.js'
import {
  AGE_BUCKETS,
  type AgeBucket,
  OPEN_STATUSES,
  PRIORITIES,
  type Priority,
  type ReportGroup,
} from './support.constants.js'
import { categoryName } from './support-settings.service.js'

export const REPORTS = 'support.reports'
const DAY = 86_400_000

export interface ReportParams {
  group: ReportGroup
  /** Company-calendar dates, both included. */
  from: string
  to: string
  categoryId?: string
  priority?: string
  now?: string
}

export interface ReportRow {
  /** The group's id; null for "unassigned" / "no category". */
  key: string | null
  label: string
  openNow: number
  overdueNow: number
  overdueResponse: number
  overdueResolution: number
  buckets: Record<AgeBucket, number>
  created: number
  breached: number
  responseDecided: number
  responseMet: number
  resolutionDecided: number
  resolutionMet: number
  responseMinutesSum: number
  responded: number
  resolutionMinutesSum: number
  resolved: number
}

export interface Report {
  params: Required<Omit<ReportParams, 'categoryId' | 'priority'>> & { categoryId: string; priority: string }
  /** The period as UTC instants [start, end). */
  start: string
  end: string
  rows: ReportRow[]
  total: ReportRow
}

const r = (c: string) => sql.ref(`support_requests.${c}`)
const count = (cond: Expression<SqlBool> | RawBuilder<unknown>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`

const GROUP_COLUMN: Record<ReportGroup, string> = {
  manager: 'support_requests.assignee_id',
  client: 'support_requests.client_id',
  category: 'support_requests.category_id',
}

const emptyRow = (key: string | null, label: string): ReportRow => ({
  key,
  label,
  openNow: 0,
  overdueNow: 0,
  overdueResponse: 0,
  overdueResolution: 0,
  buckets: { lt1: 0, d1_3: 0, d3_7: 0, gt7: 0 },
  created: 0,
  breached: 0,
  responseDecided: 0,
  responseMet: 0,
  resolutionDecided: 0,
  resolutionMet: 0,
  responseMinutesSum: 0,
  responded: 0,
  resolutionMinutesSum: 0,
  resolved: 0,
})

/** The default period: the 30 company days up to today. */
export function defaultPeriod(timeZone: string, now = new Date()): { from: string; to: string } {
  const to = dateInZone(now, timeZone)
  return { from: localDate(wallToUtc(to, 0, timeZone) - 29 * DAY, timeZone), to }
}

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/

function filtered(ctx: Ctx, p: ReportParams) {
  let q = ctx.db.selectFrom('support_requests')
  if (p.categoryId) q = q.where('support_requests.category_id', '=', p.categoryId)
  if (p.priority && PRIORITIES.includes(p.priority as Priority))
    q = q.where('support_requests.priority', '=', p.priority as Priority)
  return q
}

/**
 * The overdue-requests report in the caller's scope (a manager sees the requests of its clients):
 * per manager (assignee), client or category, what is open and overdue now with its ageing, and
 * for the requests opened in the period how many breached a target, SLA compliance and the average
 * first-response and resolution times (SLA minutes, pauses left out). Aggregated in SQL.
 */
export async function overdueReport(ctx: Ctx, params: ReportParams): Promise<Report> {
  ctx.require(REPORTS)
  const now = params.now ?? new Date().toISOString()
  const tz = (await ctx.services.settings.get('company')).timeZone
  const errors: Record<string, string> = {}
  if (!PLAIN_DATE.test(params.from)) errors.from = 'support.error.date'
  if (!PLAIN_DATE.test(params.to)) errors.to = 'support.error.date'
  if (!errors.from && !errors.to && params.to < params.from) errors.to = 'support.error.period'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const start = new Date(wallToUtc(params.from, 0, tz)).toISOString()
  const end = new Date(wallToUtc(params.to, 24 * 60, tz)).toISOString()
  const key = sql<string | null>`${sql.ref(GROUP_COLUMN[params.group])}`
  const stop = sql`coalesce(${r('paused_since')}, ${now})`

  const nowRows = await filtered(ctx, params)
    .select([
      key.as('k'),
      sql<number>`count(*)`.as('open_now'),
      count(overdueNow(now)).as('overdue_now'),
      count(sql`${r('first_responded_at')} is null and ${r('first_response_due_at')} < ${stop}`).as('overdue_response'),
      count(sql`${r('resolution_due_at')} < ${stop}`).as('overdue_resolution'),
      ...AGE_BUCKETS.map((b) => count(inBucket(b, now)).as(`b_${b}`)),
    ])
    .where('support_requests.status', 'in', [...OPEN_STATUSES])
    .groupBy(key)
    .execute()

  const stopResponse = sql`coalesce(${r('first_responded_at')}, ${r('paused_since')}, ${now})`
  const stopResolution = sql`coalesce(${r('resolved_at')}, ${r('paused_since')}, ${now})`
  const periodRows = await filtered(ctx, params)
    .select([
      key.as('k'),
      sql<number>`count(*)`.as('created'),
      count(breachedAt(now)).as('breached'),
      count(sql`${r('first_responded_at')} is not null or ${r('first_response_due_at')} < ${stopResponse}`).as(
        'response_decided',
      ),
      count(
        sql`${r('first_responded_at')} is not null and ${r('first_responded_at')} <= ${r('first_response_due_at')}`,
      ).as('response_met'),
      count(sql`${r('resolved_at')} is not null or ${r('resolution_due_at')} < ${stopResolution}`).as(
        'resolution_decided',
      ),
      count(sql`${r('resolved_at')} is not null and ${r('resolved_at')} <= ${r('resolution_due_at')}`).as(
        'resolution_met',
      ),
      sql<number>`coalesce(sum(${r('first_response_minutes')}), 0)`.as('response_sum'),
      sql<number>`count(${r('first_response_minutes')})`.as('responded'),
      sql<number>`coalesce(sum(${r('resolution_minutes')}), 0)`.as('resolution_sum'),
      sql<number>`count(${r('resolution_minutes')})`.as('resolved'),
    ])
    .where('support_requests.created_at', '>=', start)
    .where('support_requests.created_at', '<', end)
    .groupBy(key)
    .execute()

  const byKey = new Map<string, ReportRow>()
  const rowOf = (k: string | null) => {
    const id = k ?? ''
    let row = byKey.get(id)
    if (!row) {
      row = emptyRow(k, '')
      byKey.set(id, row)
    }
    return row
  }
  const n = (v: unknown) => Number(v ?? 0)
  for (const a of nowRows as Record<string, unknown>[]) {
    const row = rowOf(a.k as string | null)
    row.openNow = n(a.open_now)
    row.overdueNow = n(a.overdue_now)
    row.overdueResponse = n(a.overdue_response)
    row.overdueResolution = n(a.overdue_resolution)
    for (const b of AGE_BUCKETS) row.buckets[b] = n(a[`b_${b}`])
  }
  for (const b of periodRows as Record<string, unknown>[]) {
    const row = rowOf(b.k as string | null)
    row.created = n(b.created)
    row.breached = n(b.breached)
    row.responseDecided = n(b.response_decided)
    row.responseMet = n(b.response_met)
    row.resolutionDecided = n(b.resolution_decided)
    row.resolutionMet = n(b.resolution_met)
    row.responseMinutesSum = n(b.response_sum)
    row.responded = n(b.responded)
    row.resolutionMinutesSum = n(b.resolution_sum)
    row.resolved = n(b.resolved)
  }
  const rows = [...byKey.values()]
  await labelRows(ctx, params.group, rows)
  rows.sort((a, b) => b.overdueNow - a.overdueNow || b.breached - a.breached || a.label.localeCompare(b.label))
  const total = emptyRow(null, '')
  for (const row of rows) addInto(total, row)
  return {
    params: {
      group: params.group,
      from: params.from,
      to: params.to,
      now,
      categoryId: params.categoryId ?? '',
      priority: params.priority ?? '',
    },
    start,
    end,
    rows,
    total,
  }
}

function addInto(total: ReportRow, row: ReportRow) {
  for (const k of Object.keys(total) as (keyof ReportRow)[]) {
    if (typeof total[k] === 'number') (total[k] as number) += row[k] as number
  }
  for (const b of AGE_BUCKETS) total.buckets[b] += row.buckets[b]
}

/** Names for the group keys, looked up once after the aggregation. */
async function labelRows(ctx: Ctx, group: ReportGroup, rows: ReportRow[]) {
  const ids = rows.map((x) => x.key).filter((k): k is string => k !== null)
  const names = new Map<string, string>()
  if (ids.length && group === 'client') {
    for (const c of await ctx.db.selectFrom('clients').select(['id', 'name']).where('id', 'in', ids).execute()) {
      names.set(c.id, c.name)
    }
  } else if (ids.length && group === 'manager') {
    for (const u of await ctx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()) {
      names.set(u.id, u.name)
    }
  } else if (ids.length) {
    const cats = await ctx.db
      .selectFrom('support_categories')
      .select(['id', 'name', 'names_json'])
      .where('id', 'in', ids)
      .execute()
    for (const c of cats) names.set(c.id, categoryName(c, ctx.locale))
  }
  const t = ctx.services.catalog.translator(ctx.locale)
  for (const row of rows) {
    row.label =
      row.key === null
        ? t(group === 'manager' ? 'support.unassigned' : 'support.no_category')
        : (names.get(row.key) ?? t('support.report.unknown'))
  }
}

/** Share of targets met among those decided (met, or already breached); null when none is decided. */
export const compliance = (row: ReportRow): number | null => {
  const decided = row.responseDecided + row.resolutionDecided
  return decided === 0 ? null : (row.responseMet + row.resolutionMet) / decided
}
export const ratio = (met: number, decided: number): number | null => (decided === 0 ? null : met / decided)
export const average = (sum: number, count: number): number | null => (count === 0 ? null : sum / count)
