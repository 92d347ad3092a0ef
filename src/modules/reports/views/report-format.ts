/** Absolute and relative change; the relative one is null on a zero base (shown as "—", never Infinity). */
export function change(current: number, base: number): { abs: number; pct: number | null } {
  return { abs: current - base, pct: base === 0 ? null : (current - base) / Math.abs(base) }
}

/** The query string of a report's parameters (links between report pages, exports, drill-downs). */
export const queryOf = (p: Record<string, string | undefined>): string =>
  new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => !!e[1])).toString()

/** The choices of the report's filter bar. */
export const CHOICES = {
  presets: ['this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_year'],
  groupings: ['month', 'quarter', 'year'],
  bases: ['accrual', 'cash'],
} as const
