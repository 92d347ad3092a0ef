// Calendar arithmetic on plain YYYY-MM-DD dates (UTC noon-free: Date.UTC only), for report periods.

export type Grouping = 'month' | 'quarter' | 'year'
export const GROUPINGS: readonly Grouping[] = ['month', 'quarter', 'year']
export type Preset = 'this_month' | 'last_month' | 'this_quarter' | 'last_quarter' | 'this_year' | 'last_year'
export const PRESETS: readonly Preset[] = [
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
]

export interface Range {
  from: string
  to: string
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10)
const parts = (date: string) => date.split('-').map(Number) as [number, number, number]
export const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** `date` moved by whole months, the day clamped to the month's end (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date)
  const total = y * 12 + (m - 1) + months
  const ny = Math.floor(total / 12)
  const nm = (total % 12) + 1
  return iso(ny, nm, Math.min(d, lastDayOf(ny, nm)))
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date)
  return iso(y, m, d + days)
}

export const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)

const isMonthStart = (date: string) => date.endsWith('-01')
const isMonthEnd = (date: string) => {
  const [y, m, d] = parts(date)
  return d === lastDayOf(y, m)
}

/** The number of whole calendar months a range spans when it starts on a 1st and ends on a month's last day. */
function wholeMonths(r: Range): number | null {
  if (!isMonthStart(r.from) || !isMonthEnd(r.to)) return null
  const [fy, fm] = parts(r.from)
  const [ty, tm] = parts(r.to)
  return (ty - fy) * 12 + (tm - fm) + 1
}

/**
 * The period of the same length just before `r`: whole months give the preceding months (Q2 → Q1,
 * March → February), any other range the same number of days right before it.
 */
export function previousPeriod(r: Range): Range {
  const months = wholeMonths(r)
  if (months !== null) {
    const from = addMonths(r.from, -months)
    return { from, to: addDays(r.from, -1) }
  }
  const len = daysBetween(r.from, r.to) + 1
  return { from: addDays(r.from, -len), to: addDays(r.from, -1) }
}

/** The same period a year earlier (a range ending on 29 February ends on the 28th). */
export function yearEarlier(r: Range): Range {
  const months = wholeMonths(r)
  if (months !== null) {
    const from = addMonths(r.from, -12)
    return { from, to: addDays(addMonths(from, months), -1) }
  }
  return { from: addMonths(r.from, -12), to: addMonths(r.to, -12) }
}

/** A preset period relative to `today` (the company's date). */
export function presetRange(preset: Preset, today: string): Range {
  const [y, m] = parts(today)
  const q = Math.floor((m - 1) / 3)
  switch (preset) {
    case 'this_month':
      return { from: iso(y, m, 1), to: iso(y, m, lastDayOf(y, m)) }
    case 'last_month': {
      const from = addMonths(iso(y, m, 1), -1)
      return { from, to: addDays(iso(y, m, 1), -1) }
    }
    case 'this_quarter':
      return { from: iso(y, q * 3 + 1, 1), to: addDays(addMonths(iso(y, q * 3 + 1, 1), 3), -1) }
    case 'last_quarter': {
      const start = addMonths(iso(y, q * 3 + 1, 1), -3)
      return { from: start, to: addDays(iso(y, q * 3 + 1, 1), -1) }
    }
    case 'this_year':
      return { from: iso(y, 1, 1), to: iso(y, 12, 31) }
    case 'last_year':
      return { from: iso(y - 1, 1, 1), to: iso(y - 1, 12, 31) }
  }
}

/** The bucket key of a month (`YYYY-MM`) under a grouping: `2026-04`, `2026-Q2`, `2026`. */
export function bucketOf(month: string, g: Grouping): string {
  if (g === 'month') return month
  const [y, m] = month.split('-').map(Number) as [number, number]
  return g === 'year' ? String(y) : `${y}-Q${Math.floor((m - 1) / 3) + 1}`
}

export interface Bucket extends Range {
  key: string
}

/** The buckets covering `r` in order, each clipped to the range (a range may start mid-month). */
export function bucketsOf(r: Range, g: Grouping): Bucket[] {
  const out: Bucket[] = []
  let cursor = r.from
  while (cursor <= r.to) {
    const [y, m] = parts(cursor)
    const key = bucketOf(cursor.slice(0, 7), g)
    const span = g === 'month' ? 1 : g === 'quarter' ? 3 - ((m - 1) % 3) : 13 - m
    const end = addDays(addMonths(iso(y, m, 1), span), -1)
    const to = end < r.to ? end : r.to
    out.push({ key, from: cursor, to })
    cursor = addDays(to, 1)
  }
  return out
}

/** Disjoint ranges covering every range given (overlapping or touching ones merged), in date order. */
export function mergeRanges(ranges: Range[]): Range[] {
  const out: Range[] = []
  for (const r of [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
    const last = out[out.length - 1]
    if (last && r.from <= addDays(last.to, 1)) {
      if (r.to > last.to) last.to = r.to
    } else out.push({ from: r.from, to: r.to })
  }
  return out
}
