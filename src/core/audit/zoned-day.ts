const formats = new Map<string, Intl.DateTimeFormat>()

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone)
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
    formats.set(timeZone, f)
  }
  return f
}

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `utcMs`, in milliseconds. */
function offsetAt(utcMs: number, timeZone: string): number {
  const parts = wallClock(timeZone).formatToParts(new Date(utcMs))
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000))
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isPlainDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === text
}

/** The calendar date after `date` (`YYYY-MM-DD`). */
export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y as number, (m as number) - 1, (d as number) + 1)).toISOString().slice(0, 10)
}

/** The calendar date (`YYYY-MM-DD`) on `timeZone`'s wall clock at `utcMs`. */
function localDate(utcMs: number, timeZone: string): string {
  const parts = wallClock(timeZone).formatToParts(new Date(utcMs))
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/**
 * The UTC instant at which the calendar day `date` begins in `timeZone`. Two candidates come from
 * the offsets either side of a daylight-saving change; the earliest one that lies on `date` wins
 * (where midnight is skipped, the day begins at the first minute that exists).
 */
export function startOfDayUtc(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  const wall = Date.UTC(y as number, (m as number) - 1, d as number)
  const first = wall - offsetAt(wall, timeZone)
  const second = wall - offsetAt(first, timeZone)
  const onDate = [first, second].filter((c) => localDate(c, timeZone) === date)
  return new Date(onDate.length ? Math.min(...onDate) : Math.max(first, second))
}
