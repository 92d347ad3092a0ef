import { type Expression, type SqlBool, sql } from 'kysely'
import { AGE_BUCKET_DAYS, type AgeBucket } from './support.constants.js'

// The SLA judgements of slaState (support.service.ts) as SQL, for lists and the report. Timestamps
// are ISO-8601 UTC text of one length, so comparing them as text compares the instants.

const DAY = 86_400_000
const r = (c: string) => sql.ref(`support_requests.${c}`)

/** Open requests past a due time at `now` (see slaState), as a where-clause. */
export function overdueNow(now: string): Expression<SqlBool> {
  const stop = sql`coalesce(${r('paused_since')}, ${now})`
  return sql<SqlBool>`(${r('status')} in ('new', 'open', 'waiting') and ((${r('first_responded_at')} is null and ${r(
    'first_response_due_at',
  )} < ${stop}) or ${r('resolution_due_at')} < ${stop}))`
}

/** Requests that breached a target, as of `now` (late answer, late resolution, or still late). */
export function breachedAt(now: string): Expression<SqlBool> {
  const stopResponse = sql`coalesce(${r('first_responded_at')}, ${r('paused_since')}, ${now})`
  const stopResolution = sql`coalesce(${r('resolved_at')}, ${r('paused_since')}, ${now})`
  return sql<SqlBool>`(${r('first_response_due_at')} < ${stopResponse} or ${r('resolution_due_at')} < ${stopResolution})`
}

/** Since when an overdue request is late: its unanswered first response if that is late, else its resolution. */
export function overdueSince(now: string) {
  const stop = sql`coalesce(${r('paused_since')}, ${now})`
  return sql<string>`case when ${r('first_responded_at')} is null and ${r('first_response_due_at')} < ${stop} then ${r(
    'first_response_due_at',
  )} else ${r('resolution_due_at')} end`
}

/** The where-clause of one ageing bucket: overdue now, late since [now − hi days, now − lo days). */
export function inBucket(bucket: AgeBucket, now: string): Expression<SqlBool> {
  const [lo, hi] = AGE_BUCKET_DAYS[bucket]
  const at = (days: number) => new Date(new Date(now).getTime() - days * DAY).toISOString()
  const since = overdueSince(now)
  return hi === null
    ? sql<SqlBool>`(${overdueNow(now)} and ${since} < ${at(lo)})`
    : sql<SqlBool>`(${overdueNow(now)} and ${since} < ${at(lo)} and ${since} >= ${at(hi)})`
}
