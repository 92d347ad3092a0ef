import type { Ctx } from '../../core/ctx.js'
import { dateInZone } from '../../core/i18n/format.js'
import type { FinanceSettings } from '../../core/settings/settings-store.js'

/**
 * The finance settings. Inside a transaction they are read through it: on SQLite the transaction
 * holds the one write connection and the cache's own query would wait for it.
 */
export async function financeSettings(ctx: Ctx): Promise<FinanceSettings> {
  return ctx.inTransaction
    ? ctx.services.settings.load(ctx.unscoped('settings are not client data'), 'finance')
    : ctx.services.settings.get('finance')
}

/** The company settings, read the same way. */
export async function companySettings(ctx: Ctx) {
  return ctx.inTransaction
    ? ctx.services.settings.load(ctx.unscoped('settings are not client data'), 'company')
    : ctx.services.settings.get('company')
}

/** Today in the company's time zone: due dates and default entry dates follow the company's calendar. */
export async function companyToday(ctx: Ctx, now: Date = new Date()): Promise<string> {
  return dateInZone(now, (await companySettings(ctx)).timeZone)
}

export const isIsoDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s
