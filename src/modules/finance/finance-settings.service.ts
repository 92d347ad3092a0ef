import type { Ctx } from '../../core/ctx.js'
import { ValidationError } from '../../core/errors.js'
import { parseAmount } from '../../core/money/money.js'
import type { FinanceSettings } from '../../core/settings/settings-store.js'
import { financeSettings, isIsoDate } from './finance-settings.js'

export interface FinanceSettingsForm {
  lockDate: string
  paymentDays: string
  topUpMin: string
}

/**
 * Saves the finance settings. Only the head (finance.locked_periods) moves the period lock: it
 * decides which entries others may still post.
 */
export async function saveFinanceSettings(
  ctx: Ctx,
  form: FinanceSettingsForm,
  currency: string,
  decimal: ',' | '.',
): Promise<FinanceSettings> {
  ctx.require('finance.locked_periods')
  const errors: Record<string, string> = {}
  const lockDate = form.lockDate.trim()
  if (lockDate && !isIsoDate(lockDate)) errors.lock_date = 'finance.error.date'
  const days = Number(form.paymentDays.trim())
  if (!/^\d{1,3}$/.test(form.paymentDays.trim()) || days > 365) errors.payment_days = 'finance.error.payment_days'
  const min = parseAmount(form.topUpMin, currency, decimal)
  if (min === null || min <= 0) errors.top_up_min = 'finance.error.amount_positive'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return ctx.transaction(async (tx) => {
    const before = await financeSettings(tx)
    const after: FinanceSettings = { lockDate, defaultPaymentDays: days, topUpMinMinor: min as number }
    await tx.services.settings.put(tx.unscoped('settings are not client data'), 'finance', after, tx.actor?.id ?? null)
    await tx.audit('finance.settings_changed', { entity: 'settings', entityId: 'finance', before, after })
    return after
  })
}
