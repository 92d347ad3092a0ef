import { clockMinutes, type SlaCalendar, wallToUtc } from '../../modules/support/sla-clock.js'
import { addDays } from './random.js'

const MINUTE = 60_000
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const

/**
 * The support module's SLA clock (sla-clock.ts) answered from opening windows worked out once per
 * day of the data set: the module's functions ask Intl for every call, which for 100,000 requests
 * would cost the seed a minute. The seed test checks both give the same instants and minutes.
 */
export class SlaWindows {
  private readonly windows: [number, number][] = []

  constructor(cal: SlaCalendar, first: string, last: string) {
    const holidays = new Set(cal.holidays)
    for (let date = first; date <= last; date = addDays(date, 1)) {
      const hours = cal.hours[WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] as (typeof WEEKDAYS)[number]]
      if (!hours || holidays.has(date)) continue
      const open = clockMinutes(hours[0])
      const close = clockMinutes(hours[1])
      if (open === null || close === null || close <= open) continue
      this.windows.push([wallToUtc(date, open, cal.timeZone), wallToUtc(date, close, cal.timeZone)])
    }
  }

  /** Index of the first window that closes after `at`. */
  private firstAfter(at: number): number {
    let lo = 0
    let hi = this.windows.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.windows[mid] as [number, number])[1] <= at) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  add(from: number, minutes: number): number {
    let remaining = Math.max(0, minutes) * MINUTE
    for (let i = this.firstAfter(from); i < this.windows.length; i++) {
      const [open, close] = this.windows[i] as [number, number]
      const begin = Math.max(from, open)
      if (remaining <= close - begin) return begin + remaining
      remaining -= close - begin
    }
    throw new Error('SLA target beyond the seeded calendar')
  }

  between(from: number, to: number): number {
    if (to <= from) return 0
    let total = 0
    for (let i = this.firstAfter(from); i < this.windows.length; i++) {
      const [open, close] = this.windows[i] as [number, number]
      if (open >= to) break
      total += Math.min(close, to) - Math.max(open, from)
    }
    return Math.round(total / MINUTE)
  }
}
