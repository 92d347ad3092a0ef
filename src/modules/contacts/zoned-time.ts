// The contact form takes wall-clock time in the company's time zone; the database keeps UTC.
// Intl knows every zone's offsets, so no time zone library is needed.

const formatters = new Map<string, Intl.DateTimeFormat>()

function partsIn(timeZone: string, utcMs: number) {
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
  const out: Record<string, number> = {}
  for (const p of f.formatToParts(new Date(utcMs))) if (p.type !== 'literal') out[p.type] = Number(p.value)
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number }
}

/** Milliseconds `timeZone` is ahead of UTC at the instant `utcMs`. */
function offsetMs(utcMs: number, timeZone: string): number {
  const p = partsIn(timeZone, utcMs)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second)
  return wall - Math.floor(utcMs / 1000) * 1000
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/

/**
 * A wall-clock time `YYYY-MM-DDTHH:MM` in `timeZone` as a UTC ISO timestamp, or null when it is not
 * a real date and time. A time inside a spring-forward gap is taken as clocks showed it an hour
 * later; an ambiguous autumn hour as the later (standard time) one.
 */
export function localToUtc(local: string, timeZone: string): string | null {
  const m = LOCAL_RE.exec(local.trim())
  if (!m) return null
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number]
  if (h > 23 || mi > 59) return null
  const naive = Date.UTC(y, mo - 1, d, h, mi)
  const check = new Date(naive)
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null
  const first = naive - offsetMs(naive, timeZone)
  return new Date(naive - offsetMs(first, timeZone)).toISOString()
}

/** A UTC instant as wall-clock `YYYY-MM-DDTHH:MM` in `timeZone` (the value of a datetime-local input). */
export function utcToLocal(iso: string | Date, timeZone: string): string {
  const p = partsIn(timeZone, (typeof iso === 'string' ? new Date(iso) : iso).getTime())
  const two = (n: number) => String(n).padStart(2, '0')
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour % 24)}:${two(p.minute)}`
}

/** Whether `value` is a real calendar date `YYYY-MM-DD`. */
export function isPlainDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value
}

/** The calendar day after `date` (`YYYY-MM-DD`). */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}
