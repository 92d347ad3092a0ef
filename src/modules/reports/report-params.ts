import type { Ctx } from '../../core/ctx.js'
import { dateInZone } from '../../core/i18n/format.js'
import { GROUPINGS, type Grouping, PRESETS, type Preset, presetRange, type Range } from './periods.js'
import { BASES, type Basis } from './pnl.queries.js'
import type { PnlParams } from './pnl.service.js'

/** A preset period on the company's calendar (its time zone decides which day `now` is). */
export async function companyPreset(ctx: Ctx, preset: Preset, now: Date = new Date()): Promise<Range> {
  const { timeZone } = await ctx.services.settings.get('company')
  return presetRange(preset, dateInZone(now, timeZone))
}

/**
 * The report's parameters from a query string: a preset wins over from/to; nothing given is this
 * year so far grouped by month on accrual in the company's currency.
 */
export async function paramsFrom(ctx: Ctx, query: unknown): Promise<PnlParams & { preset: string }> {
  const q = (query ?? {}) as Record<string, unknown>
  const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim().slice(0, 40) : '')
  const company = await ctx.services.settings.get('company')
  const preset = PRESETS.includes(s('preset') as Preset) ? (s('preset') as Preset) : null
  const fallback = await companyPreset(ctx, 'this_year')
  const range = preset
    ? await companyPreset(ctx, preset)
    : { from: s('from') || fallback.from, to: s('to') || fallback.to }
  return {
    ...range,
    preset: preset ?? '',
    group: GROUPINGS.includes(s('group') as Grouping) ? (s('group') as Grouping) : 'month',
    basis: BASES.includes(s('basis') as Basis) ? (s('basis') as Basis) : 'accrual',
    currency: (s('currency') || company.defaultCurrency).toUpperCase(),
  }
}

export { queryOf } from './views/report-format.js'
