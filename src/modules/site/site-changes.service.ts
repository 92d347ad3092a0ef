import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import { isId } from '../../core/db/ids.js'
import { ValidationError } from '../../core/errors.js'
import { externalIdsOf } from './site-links.queries.js'

/** Audit actions on users that record no change to the user (the website need not re-read it). */
const NOT_CHANGES = ['user.signed_in', 'user.password_changed', 'user.password_reset', 'user.totp_reset']
const NOT_CHANGES_PREFIX = 'user.totp_'

/**
 * How long a fresh audit row is held back. Ids are made from the clock before the transaction
 * commits, so a row may become visible after a newer one was already served; waiting for
 * transactions that were open at that moment to finish keeps the cursor from skipping it.
 */
export const SETTLE_MS = 2000

export interface ChangeItem {
  kind: 'client' | 'user'
  id: string
  externalId: string | null
  action: string
  at: string
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz'

/** The smallest ULID of millisecond `ms`: every id made before that millisecond sorts below it. */
export function idFloor(ms: number): string {
  let out = ''
  let t = Math.max(0, Math.floor(ms))
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32] + out
    t = Math.floor(t / 32)
  }
  return `${out}${'0'.repeat(16)}`
}

export const encodeCursor = (lastId: string): string => Buffer.from(`v1:${lastId}`).toString('base64url')

function decodeCursor(cursor: string | undefined): string {
  if (!cursor) return ''
  const raw = /^[A-Za-z0-9_-]{1,100}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : ''
  const id = raw.startsWith('v1:') ? raw.slice(3) : ''
  if (!isId(id)) throw new ValidationError({ cursor: 'site.cursor_invalid' })
  return id
}

/**
 * The earliest moment an uncommitted audit row can date from. On PostgreSQL several instances write
 * at once, so the start of the oldest open transaction bounds it (a long import holds its rows back
 * until it commits); SQLite runs one transaction at a time and a query here waits for it.
 */
async function oldestOpenTransaction(ctx: Ctx): Promise<number | null> {
  if (ctx.services.db.dialect !== 'postgres') return null
  const { rows } = await sql<{ started: Date | string | null }>`
    select min(xact_start) as started from pg_stat_activity
    where datname = current_database() and backend_type = 'client backend'
      and xact_start is not null and pid <> pg_backend_pid()`.execute(
    ctx.unscoped('transaction horizon of the database, not client data'),
  )
  const started = rows[0]?.started
  return started ? new Date(started).getTime() : null
}

/**
 * Changes to clients and client users after `cursor`, oldest first, from the audit log. The cursor
 * names the last row served, so a page is never repeated or skipped, whatever is written meanwhile.
 */
export async function listChanges(
  ctx: Ctx,
  opts: { cursor?: string; limit?: number; now?: number },
): Promise<{ items: ChangeItem[]; nextCursor: string; hasMore: boolean }> {
  ctx.require('site.sync')
  const after = decodeCursor(opts.cursor)
  const limit = Math.max(1, Math.min(500, opts.limit ?? 100))
  const now = opts.now ?? Date.now()
  const open = await oldestOpenTransaction(ctx)
  // The margin also covers clock differences between instances and the database server.
  const horizon = Math.min(now, open ?? now) - SETTLE_MS
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['id', 'entity', 'entity_id', 'action', 'at'])
    .where('id', '>', after)
    .where('id', '<', idFloor(horizon))
    .where((eb) =>
      eb.or([
        eb('entity', '=', 'client'),
        eb.and([eb('entity', '=', 'user'), eb('client_id', 'is not', null), eb('action', 'not in', NOT_CHANGES)]),
      ]),
    )
    .where('action', 'not like', `${NOT_CHANGES_PREFIX}%`)
    .where('entity_id', 'is not', null)
    .orderBy('id')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  const external = await externalIdsOf(
    ctx,
    page.map((r) => r.entity_id as string),
  )
  const items = page.map((r) => ({
    kind: r.entity as 'client' | 'user',
    id: r.entity_id as string,
    externalId: external.get(r.entity_id as string) ?? null,
    action: r.action,
    at: r.at,
  }))
  const last = page[page.length - 1]?.id ?? (after || idFloor(0))
  return { items, nextCursor: encodeCursor(last), hasMore: rows.length > limit }
}
