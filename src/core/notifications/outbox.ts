import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { newId, nowIso } from '../db/ids.js'
import type { Services } from '../services.js'

export const MAX_ATTEMPTS = 8

export interface OutgoingMail {
  to: string
  userId?: string | null
  subject: string
  text: string
}

/** Queues a message in the caller's transaction; it leaves only if that transaction commits. */
export async function enqueueMail(db: Kysely<Database>, mail: OutgoingMail): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('outbox')
    .values({
      id,
      channel: 'email',
      recipient: mail.to,
      user_id: mail.userId ?? null,
      subject: mail.subject,
      body_text: mail.text,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      locked_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .execute()
  return id
}

/** Back-off after the n-th failed attempt: 1, 2, 4 … minutes, at most six hours. */
export const retryDelayMs = (attempts: number): number => Math.min(60_000 * 2 ** (attempts - 1), 6 * 3600_000)

/**
 * Takes one message for sending, for five minutes, if it is still due and nobody holds it. It checks
 * again what the caller selected: another instance may have sent it (or failed and rescheduled it)
 * since, leaving no lock behind, and must not be followed by a second send.
 */
export async function claimMail(db: Kysely<Database>, id: string): Promise<boolean> {
  const now = nowIso()
  const lease = new Date(Date.now() + 5 * 60_000).toISOString()
  const claimed = await db
    .updateTable('outbox')
    .set({ status: 'sending', locked_until: lease })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst()
  return Number(claimed.numUpdatedRows) === 1
}

/**
 * Sends what is due. Each row is claimed with a conditional update first, so several instances
 * never send the same message twice.
 */
export async function deliverDue(services: Services, limit = 50): Promise<{ sent: number; failed: number }> {
  const db = services.db.kysely
  const now = nowIso()
  const due = await db
    .selectFrom('outbox')
    .select(['id', 'recipient', 'subject', 'body_text', 'attempts', 'channel'])
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute()
  let sent = 0
  let failed = 0
  for (const row of due) {
    if (!(await claimMail(db, row.id))) continue
    try {
      if (row.channel !== 'email') throw new Error(`no sender for channel ${row.channel}`)
      await services.mailer.send({ to: row.recipient, subject: row.subject, text: row.body_text })
      await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: nowIso(), locked_until: null, attempts: row.attempts + 1, last_error: null })
        .where('id', '=', row.id)
        .execute()
      sent++
    } catch (err) {
      const attempts = row.attempts + 1
      const giveUp = attempts >= MAX_ATTEMPTS
      await db
        .updateTable('outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          attempts,
          locked_until: null,
          last_error: err instanceof Error ? err.message.slice(0, 500) : String(err),
          next_attempt_at: new Date(Date.now() + retryDelayMs(attempts)).toISOString(),
        })
        .where('id', '=', row.id)
        .execute()
      services.log.warn({ err, outboxId: row.id, attempts }, 'mail delivery failed')
      failed++
    }
  }
  return { sent, failed }
}
