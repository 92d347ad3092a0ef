import type { Kysely } from 'kysely'
import type { User } from '../db/core-tables.js'
import type { Database } from '../db/database.js'
import { nowIso } from '../db/ids.js'
import { verifyPassword } from './passwords.js'

/** Failures allowed before the account is locked; each further one doubles the wait. */
export const FREE_FAILURES = 5
export const MAX_LOCK_MINUTES = 60

export const lockMinutes = (failures: number): number =>
  failures < FREE_FAILURES ? 0 : Math.min(2 ** (failures - FREE_FAILURES), MAX_LOCK_MINUTES)

export type LoginResult =
  | { ok: true; user: User; needsTotp: boolean }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; minutes: number }

export const normaliseEmail = (email: string): string => email.trim().toLowerCase()

/** Checks e-mail and password, counting failures per account and locking it with back-off. */
export async function checkPassword(db: Kysely<Database>, email: string, password: string): Promise<LoginResult> {
  const user = await db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst()
  const now = Date.now()
  const locked = lockedFor(user?.locked_until ?? null, now)
  if (locked) return { ok: false, reason: 'locked', minutes: locked }
  const ok = await verifyPassword(user?.password_hash ?? null, password)
  if (user?.status !== 'active' || !ok) {
    if (user) {
      const minutes = await recordFailedLogin(db, user.id, now)
      if (minutes) return { ok: false, reason: 'locked', minutes }
    }
    return { ok: false, reason: 'invalid' }
  }
  const needsTotp = user.totp_enabled === 1
  // With a second factor the count runs on until the code is given too: otherwise a thief with
  // the password could reset it between rounds of guessing codes.
  if (!needsTotp) await recordSignIn(db, user.id)
  return { ok: true, user, needsTotp }
}

/** Minutes the account stays locked from now, 0 when it is not. */
export function lockedFor(lockedUntil: string | null, now = Date.now()): number {
  const until = lockedUntil ? new Date(lockedUntil).getTime() : 0
  return until > now ? Math.ceil((until - now) / 60_000) : 0
}

/** A complete sign-in: the failure count starts again. */
export async function recordSignIn(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: nowIso() })
    .where('id', '=', userId)
    .execute()
}

/**
 * Counts one failed attempt (wrong password or wrong second-factor code) and returns the minutes
 * of lock it earns. The increment happens in the database: attempts sent in parallel all read the
 * same old count, and a read-then-write would count them as one.
 */
export async function recordFailedLogin(db: Kysely<Database>, userId: string, now = Date.now()): Promise<number> {
  const { failed_logins: failures } = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow()
  const minutes = lockMinutes(failures)
  if (!minutes) return 0
  const until = new Date(now + minutes * 60_000).toISOString()
  // Only ever lengthen the lock: a slower parallel failure must not shorten a later one's.
  await db
    .updateTable('users')
    .set({ locked_until: until })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', until)]))
    .execute()
  return minutes
}
