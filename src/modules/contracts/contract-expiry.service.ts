import type { Ctx } from '../../core/ctx.js'
import { nowIso } from '../../core/db/ids.js'
import { recordStatusChange } from './contract-status.service.js'
import { contractsPastValidity, findExpiryRun, insertExpiryRun } from './contracts.queries.js'
import { companyToday } from './contracts.service.js'

/**
 * Moves every active or suspended contract whose last valid day is before today (in the company's
 * time zone) to `expired`, recorded as done by `system`. Returns the ids it expired.
 */
export async function expireEndedContracts(ctx: Ctx, now: Date = new Date()): Promise<string[]> {
  const today = await companyToday(ctx, now)
  return ctx.transaction(async (tx) => expireBefore(tx, today))
}

async function expireBefore(tx: Ctx, today: string): Promise<string[]> {
  const due = await contractsPastValidity(tx, today)
  for (const c of due) {
    await recordStatusChange(
      tx,
      { id: c.id, clientId: c.client_id, status: c.status, version: Number(c.version) },
      'expired',
      null,
      'system',
    )
  }
  return due.map((c) => c.id)
}

/**
 * The daily job: it is scheduled hourly but acts once per company date, the first time it runs on
 * that date; the run is recorded in the same transaction as the expiries, so a failed run is retried.
 */
export async function runDailyExpiry(ctx: Ctx, now: Date = new Date()): Promise<{ ran: boolean; expired: string[] }> {
  const today = await companyToday(ctx, now)
  return ctx.transaction(async (tx) => {
    if (await findExpiryRun(tx, today)) return { ran: false, expired: [] }
    const expired = await expireBefore(tx, today)
    await insertExpiryRun(tx, today, nowIso(), expired.length)
    if (expired.length > 0) tx.services.log.info({ expired: expired.length, date: today }, 'contracts expired')
    return { ran: true, expired }
  })
}
