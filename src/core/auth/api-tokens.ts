import type { Kysely } from 'kysely'
import type { Actor } from '../ctx.js'
import type { Database } from '../db/database.js'
import { newId, nowIso, randomToken } from '../db/ids.js'
import { sha256Hex } from './hashing.js'
import { toActor } from './sessions.js'

export const TOKEN_PREFIX = 'kab_'

/** Creates an API token; the plain token is returned once and only its hash is kept. */
export async function createApiToken(
  db: Kysely<Database>,
  userId: string,
  name: string,
  expiresAt: string | null = null,
): Promise<{ id: string; token: string; prefix: string }> {
  const token = `${TOKEN_PREFIX}${randomToken(30)}`
  const id = newId()
  const prefix = token.slice(0, 10)
  await db
    .insertInto('api_tokens')
    .values({
      id,
      user_id: userId,
      name,
      token_hash: sha256Hex(token),
      prefix,
      created_at: nowIso(),
      expires_at: expiresAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute()
  return { id, token, prefix }
}

/** The actor behind a bearer token, or null when unknown, revoked, expired or the user is disabled. */
export async function actorForBearer(db: Kysely<Database>, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id as tid',
      't.expires_at',
      't.revoked_at',
      't.last_used_at',
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
    .where('t.token_hash', '=', sha256Hex(token))
    .executeTakeFirst()
  if (!row || row.revoked_at || row.status !== 'active') return null
  if (row.expires_at && row.expires_at <= nowIso()) return null
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', row.tid).execute()
  }
  return toActor(row)
}
