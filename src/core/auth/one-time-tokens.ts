import type { Kysely } from 'kysely'
import type { OneTimeTokenKind } from '../db/core-tables.js'
import type { Database } from '../db/database.js'
import { nowIso, randomToken } from '../db/ids.js'
import { sha256Hex } from './hashing.js'

export const TOKEN_HOURS: Record<OneTimeTokenKind, number> = { setup: 24, invite: 24 * 7, reset: 1 }

/** Issues a single-use link token; earlier unused tokens of the same kind and user are voided. */
export async function issueOneTimeToken(
  db: Kysely<Database>,
  kind: OneTimeTokenKind,
  userId: string | null,
): Promise<string> {
  const token = randomToken(32)
  const now = new Date()
  let voidQ = db.updateTable('one_time_tokens').set({ used_at: now.toISOString() }).where('kind', '=', kind)
  voidQ = userId ? voidQ.where('user_id', '=', userId) : voidQ.where('user_id', 'is', null)
  await voidQ.where('used_at', 'is', null).execute()
  await db
    .insertInto('one_time_tokens')
    .values({
      id: sha256Hex(token),
      kind,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + TOKEN_HOURS[kind] * 3600_000).toISOString(),
      used_at: null,
    })
    .execute()
  return token
}

export interface LiveToken {
  id: string
  userId: string | null
}

/** The token if it is of `kind`, unused and unexpired; does not use it up. */
export async function peekOneTimeToken(
  db: Kysely<Database>,
  kind: OneTimeTokenKind,
  token: string,
): Promise<LiveToken | null> {
  if (!token || token.length > 100) return null
  const row = await db
    .selectFrom('one_time_tokens')
    .select(['id', 'user_id', 'expires_at', 'used_at'])
    .where('id', '=', sha256Hex(token))
    .where('kind', '=', kind)
    .executeTakeFirst()
  if (!row || row.used_at || row.expires_at <= nowIso()) return null
  return { id: row.id, userId: row.user_id }
}

/**
 * Uses a token up, atomically: of two concurrent uses exactly one gets it. Call inside the
 * transaction that does what the token allows, so a failure leaves the token usable.
 */
export async function consumeOneTimeToken(
  db: Kysely<Database>,
  kind: OneTimeTokenKind,
  token: string,
): Promise<LiveToken | null> {
  const live = await peekOneTimeToken(db, kind, token)
  if (!live) return null
  const res = await db
    .updateTable('one_time_tokens')
    .set({ used_at: nowIso() })
    .where('id', '=', live.id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1 ? live : null
}
