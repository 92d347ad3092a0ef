import type { Kysely } from 'kysely'
import type { Actor } from '../ctx.js'
import { parseAreas } from '../db/core-tables.js'
import type { Database } from '../db/database.js'
import { nowIso, randomToken } from '../db/ids.js'
import { sha256Hex } from './hashing.js'

export const SESSION_COOKIE = 'kabinet_session'

/** How long a signed-in-by-password session waits for the TOTP code. */
export const MFA_PENDING_MINUTES = 10

export interface SessionInfo {
  id: string
  mfaPending: boolean
  lastSeenAt: string
  expiresAt: string
  actor: Actor
}

export interface SessionLimits {
  idleMinutes: number
  maxDays: number
}

/** Creates a session and returns the cookie value (the only copy of the secret). */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  limits: SessionLimits,
  opts: { mfaPending?: boolean; ip?: string | null; userAgent?: string | null } = {},
): Promise<string> {
  const token = randomToken(32)
  const now = new Date()
  await db
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      user_id: userId,
      mfa_pending: opts.mfaPending ? 1 : 0,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + limits.maxDays * 86400_000).toISOString(),
      last_seen_at: now.toISOString(),
      ip: opts.ip ?? null,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
    })
    .execute()
  return token
}

/** The live session behind a cookie, or null when unknown, expired, idle too long or the user is disabled. */
export async function loadSession(
  db: Kysely<Database>,
  token: string,
  limits: SessionLimits,
): Promise<SessionInfo | null> {
  if (!token || token.length > 100) return null
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sid',
      's.mfa_pending',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.client_id',
      'u.is_client_admin',
      'u.all_clients',
      'u.areas',
      'u.locale',
      'u.totp_enabled',
      'u.status',
    ])
    .where('s.id', '=', sha256Hex(token))
    .executeTakeFirst()
  if (row?.status !== 'active') return null
  const now = Date.now()
  const idleLimit = new Date(row.last_seen_at).getTime() + limits.idleMinutes * 60_000
  // A password without its second factor is good for a few minutes only, not a whole idle period.
  const mfaLimit = row.mfa_pending === 1 ? new Date(row.created_at).getTime() + MFA_PENDING_MINUTES * 60_000 : Infinity
  if (new Date(row.expires_at).getTime() <= now || idleLimit <= now || mfaLimit <= now) {
    await db.deleteFrom('sessions').where('id', '=', row.sid).execute()
    return null
  }
  // One write a minute at most: enough for the idle timeout, cheap under load.
  if (now - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: nowIso() }).where('id', '=', row.sid).execute()
  }
  return {
    id: row.sid,
    mfaPending: row.mfa_pending === 1,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    actor: toActor(row),
  }
}

export function toActor(row: {
  id: string
  email: string
  name: string
  role: Actor['role']
  client_id: string | null
  is_client_admin: number
  all_clients: number
  areas: string
  locale: string | null
  totp_enabled: number
}): Actor {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    clientId: row.client_id,
    isClientAdmin: row.is_client_admin === 1,
    allClients: row.all_clients === 1,
    areas: row.role === 'client' ? parseAreas(row.areas) : [],
    locale: row.locale,
    totpEnabled: row.totp_enabled === 1,
  }
}

export async function completeMfa(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ mfa_pending: 0, last_seen_at: nowIso() }).where('id', '=', sessionId).execute()
}

export async function destroySession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
}

/** Ends every session of a user (password change, disable, role change). */
export async function destroyUserSessions(db: Kysely<Database>, userId: string, except?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (except) q = q.where('id', '!=', except)
  await q.execute()
}

export async function purgeExpiredSessions(db: Kysely<Database>, idleMinutes: number): Promise<void> {
  const idleBefore = new Date(Date.now() - idleMinutes * 60_000).toISOString()
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', nowIso()), eb('last_seen_at', '<', idleBefore)]))
    .execute()
}
