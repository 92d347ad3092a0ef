import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import type { PageContext } from '../../core/ui/page-context.js'
import { overdueNow } from './sla-sql.js'
import { OPEN_STATUSES } from './support.constants.js'
import { CLIENT, isClient, ownOnly, READ } from './support.service.js'
import { SupportDashboard } from './views/support-dashboard.js'

/** The home block: staff see their queue, the unassigned one and what is overdue; client users their open requests. */
export async function supportDashboard(ctx: Ctx, pc: PageContext): Promise<JSX.Element> {
  const client = isClient(ctx)
  if (!ctx.actor || !ctx.can(client ? CLIENT : READ)) return ''
  const now = new Date().toISOString()
  const own = await ownOnly(ctx)
  let q = ctx.db
    .selectFrom('support_requests')
    .select([
      sql<number>`count(*)`.as('open'),
      sql<number>`sum(case when ${sql.ref('support_requests.assignee_id')} = ${ctx.actor.id} then 1 else 0 end)`.as(
        'mine',
      ),
      sql<number>`sum(case when ${sql.ref('support_requests.assignee_id')} is null then 1 else 0 end)`.as('unassigned'),
      sql<number>`sum(case when ${overdueNow(now)} then 1 else 0 end)`.as('overdue'),
      sql<number>`sum(case when ${sql.ref('support_requests.status')} = 'waiting' then 1 else 0 end)`.as('waiting'),
    ])
    .where('support_requests.status', 'in', [...OPEN_STATUSES])
  if (own) q = q.where('support_requests.created_by', '=', own)
  const row = (await q.executeTakeFirst()) as Record<string, unknown> | undefined
  const n = (k: string) => Number(row?.[k] ?? 0)
  return (
    <SupportDashboard
      pc={pc}
      client={client}
      open={n('open')}
      mine={n('mine')}
      unassigned={n('unassigned')}
      overdue={n('overdue')}
      waiting={n('waiting')}
    />
  )
}
