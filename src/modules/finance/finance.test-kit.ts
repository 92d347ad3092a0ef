import { toActor } from '../../core/auth/sessions.js'
import { Ctx } from '../../core/ctx.js'
import type { User } from '../../core/db/core-tables.js'
import type { Services } from '../../core/services.js'

/** A service ctx acting as `user`, as a request of theirs would have. */
export const ctxOf = (services: Services, user: User) => Ctx.forActor(services, toActor(user), { locale: 'en' })

/** A deterministic pseudo-random generator (mulberry32): a failing sequence can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The raw sum of a client's entries in one currency, straight from the table. */
export async function rawSum(services: Services, clientId: string, currency: string): Promise<number> {
  const rows = await services.db.kysely
    .selectFrom('ledger_entries')
    .select('amount_minor')
    .where('client_id', '=', clientId)
    .where('currency', '=', currency)
    .execute()
  return rows.reduce((s, r) => s + Number(r.amount_minor), 0)
}
