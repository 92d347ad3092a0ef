// The SLA clock: how many minutes of service time lie between two instants, and when a number of
// them will have passed. Business hours are wall-clock times in the company's time zone; Intl knows
// every zone's offsets (and their daylight-saving changes), so no time zone library is needed.
import type { Weekday } from './support.constants.js'

export interface SlaCalendar {
  /** `business`: only the opening hours count; `calendar`: every minute counts. */
  mode: 'business' | 'calendar'
  timeZone: string
  /** Per weekday `['09:00', '17:00']` (end may be `24:00`), or null for a closed day. */
  hours: Readonly<Record<Weekday, readonly [string, string] | null>>
  /** `YYYY-MM-DD` days without any business hours. */
  holidays: readonly string[]
}

const MINUTE = 60_000
const DAY_KEYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
/** Far enough for a year-long target on a one-day-a-week calendar; stops a runaway loop. */
const MAX_DAYS = 3700

const formatters = new Map<string, Intl.DateTimeFormat>()
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

function partsAt(utcMs: number, timeZone: string) {
  const out: Record<string, number> = {}
  for (const p of wallClock(timeZone).formatToParts(new Date(utcMs)))
    if (p.type !== 'literal') out[p.type] = Number(p.value)
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number }
}

/** How far the zone's wall clock is ahead of UTC at `utcMs`. */
function offsetAt(utcMs: number, timeZone: string): number {
  const p = partsAt(utcMs, timeZone)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second)
  return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000))
}

/**
 * The UTC instant of wall-clock `minutes` after midnight of `date` in `timeZone`. A time inside a
 * spring-forward gap is read as the clocks showed it an hour later; an hour that happens twice in
 * autumn as its later (standard time) occurrence.
 */
export function wallToUtc(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const naive = Date.UTC(y, m - 1, d) + minutes * MINUTE
  const first = naive - offsetAt(naive, timeZone)
  return naive - offsetAt(first, timeZone)
}

/** The zone's calendar date at `utcMs`, `YYYY-MM-DD`. */
export function localDate(utcMs: number, timeZone: string): string {
  const p = partsAt(utcMs, timeZone)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

const addDay = (date: string, days = 1): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

const weekdayOf = (date: string): Weekday => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return DAY_KEYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] as Weekday
}

/** `HH:MM` as minutes after midnight (`24:00` is 1440), or null when malformed. */
export function clockMinutes(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text)
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null
  return h * 60 + min
}

/** The opening window of `date` as UTC milliseconds, or null when closed (weekday off, or a holiday). */
function windowOf(date: string, cal: SlaCalendar, holidays: ReadonlySet<string>): [number, number] | null {
  if (holidays.has(date)) return null
  const hours = cal.hours[weekdayOf(date)]
  if (!hours) return null
  const open = clockMinutes(hours[0])
  const close = clockMinutes(hours[1])
  if (open === null || close === null || close <= open) return null
  return [wallToUtc(date, open, cal.timeZone), wallToUtc(date, close, cal.timeZone)]
}

/** A week without any opening hours would never reach a due time: such a calendar runs around the clock. */
const runsAroundTheClock = (cal: SlaCalendar) =>
  cal.mode === 'calendar' ||
  Object.values(cal.hours).every((h) => !h || (clockMinutes(h[1]) ?? 0) <= (clockMinutes(h[0]) ?? 0))

const ms = (at: Date | string | number) => (typeof at === 'number' ? at : new Date(at).getTime())

/** The instant at which `minutes` of SLA time will have passed since `start`. */
export function addSlaMinutes(start: Date | string | number, minutes: number, cal: SlaCalendar): Date {
  const from = ms(start)
  if (runsAroundTheClock(cal)) return new Date(from + minutes * MINUTE)
  const holidays = new Set(cal.holidays)
  let remaining = Math.max(0, minutes) * MINUTE
  let date = localDate(from, cal.timeZone)
  for (let i = 0; i < MAX_DAYS; i++, date = addDay(date)) {
    const w = windowOf(date, cal, holidays)
    if (!w) continue
    const begin = Math.max(from, w[0])
    if (begin >= w[1]) continue
    if (remaining <= w[1] - begin) return new Date(begin + remaining)
    remaining -= w[1] - begin
  }
  throw new Error('SLA target too far ahead for the business calendar')
}

/** Minutes of SLA time between two instants (0 when `to` is not after `from`), rounded to the minute. */
export function slaMinutesBetween(from: Date | string | number, to: Date | string | number, cal: SlaCalendar): number {
  const a = ms(from)
  const b = ms(to)
  if (b <= a) return 0
  if (runsAroundTheClock(cal)) return Math.round((b - a) / MINUTE)
  const holidays = new Set(cal.holidays)
  let total = 0
  let date = localDate(a, cal.timeZone)
  const last = localDate(b, cal.timeZone)
  for (let i = 0; i < MAX_DAYS * 10 && date <= last; i++, date = addDay(date)) {
    const w = windowOf(date, cal, holidays)
    if (!w) continue
    const begin = Math.max(a, w[0])
    const end = Math.min(b, w[1])
    if (end > begin) total += end - begin
  }
  return Math.round(total / MINUTE)
}
