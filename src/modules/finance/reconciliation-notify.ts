import type { Ctx } from '../../core/ctx.js'
import { notifyUsers } from '../../core/notifications/notify.js'
import { financeUsers } from './finance-notify.js'
import type { ReconciliationAction } from './reconciliation.schema.js'

const urlOf = (ctx: Ctx, id: string) =>
  `${ctx.services.config.baseUrl.replace(/\/$/, '')}/finance/reconciliations/${encodeURIComponent(id)}`

async function managerOf(ctx: Ctx, clientId: string): Promise<string[]> {
  const row = await ctx
    .unscoped('the client’s manager hears of its answer')
    .selectFrom('clients')
    .select('manager_id')
    .where('id', '=', clientId)
    .executeTakeFirst()
  return row?.manager_id ? [row.manager_id] : []
}

/**
 * Issued or re-issued → the client's finance users; accepted or disputed → the client's manager.
 * Whoever acted is not told of its own step.
 */
export async function notifyReconciliation(
  tx: Ctx,
  r: { id: string; client_id: string; number: string; action: ReconciliationAction; comment?: string | null },
): Promise<number> {
  const toClient = r.action === 'issued' || r.action === 'resolved'
  // financeUsers already leaves out whoever acts; the manager's side must too.
  const recipients = toClient
    ? await financeUsers(tx, r.client_id)
    : (await managerOf(tx, r.client_id)).filter((id) => id !== tx.actor?.id)
  return notifyUsers(tx, {
    event: toClient ? 'finance.reconciliation_issued' : 'finance.reconciliation_answered',
    userIds: recipients,
    message: (t) => ({
      subject: t(`finance.reconciliation.notify.${r.action}_subject`, { number: r.number }),
      text: [
        t(`finance.reconciliation.notify.${r.action}_text`, { number: r.number }),
        r.comment ? t('finance.reconciliation.notify.comment', { comment: r.comment }) : '',
        t('finance.reconciliation.notify.link', { url: urlOf(tx, r.id) }),
      ]
        .filter(Boolean)
        .join('\n\n'),
    }),
  })
}
