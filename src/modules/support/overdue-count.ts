import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import { overdueNow } from './sla-sql.js'
import { OPEN_STATUSES } from './support.constants.js'

/** How many open requests in the caller's scope are past a due time now (the head's dashboard). */
export async function countOverdueRequests(ctx: Ctx, now: string = new Date().toISOString()): Promise<number> {
  const row = await ctx.db
    .selectFrom('support_requests')
    .select(sql<number>`count(*)`.as('n'))
    .where('support_requests.status', 'in', [...OPEN_STATUSES])
    .where(overdueNow(now))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}
