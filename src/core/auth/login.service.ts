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
  if (user?.locked_until && new Date(user.locked_until).getTime() > now) {
    return { ok: false, reason: 'locked', minutes: Math.ceil((new Date(user.locked_until).getTime() - now) / 60_000) }
  }
  const ok = await verifyPassword(user?.password_hash ?? null, password)
  if (user?.status !== 'active' || !ok) {
    if (user) {
      const minutes = await countFailure(db, user.id, now)
      if (minutes) return { ok: false, reason: 'locked', minutes }
    }
    return { ok: false, reason: 'invalid' }
  }
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: nowIso() })
    .where('id', '=', user.id)
    .execute()
  return { ok: true, user, needsTotp: user.totp_enabled === 1 }
}

/**
 * Counts one failed attempt and returns the lock it earns. The increment happens in the database:
 * attempts sent in parallel all read the same old count, and a read-then-write would count one.
 */
async function countFailure(db: Kysely<Database>, userId: string, now: number): Promise<number> {
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
