import type { Ctx } from '../../core/ctx.js'
import { formatMoney } from '../../core/i18n/format.js'
import { notifyUsers } from '../../core/notifications/notify.js'

const urlOf = (ctx: Ctx, path: string) => `${ctx.services.config.baseUrl.replace(/\/$/, '')}${path}`

/** The client's active users with the finance area open, except whoever acts. */
export async function financeUsers(ctx: Ctx, clientId: string): Promise<string[]> {
  const rows = await ctx
    .unscoped('recipients of a finance notice')
    .selectFrom('users')
    .select(['id', 'areas'])
    .where('client_id', '=', clientId)
    .where('role', '=', 'client')
    .where('status', '=', 'active')
    .execute()
  return rows.filter((u) => u.areas.split(',').includes('finance') && u.id !== ctx.actor?.id).map((u) => u.id)
}

/** A payment request was issued to the client: its finance users get the number, total, due date and link. */
export async function notifyRequestIssued(
  tx: Ctx,
  inv: { id: string; clientId: string; number: string; totalMinor: number; currency: string; dueDate: string },
) {
  return notifyUsers(tx, {
    event: 'finance.request_issued',
    userIds: await financeUsers(tx, inv.clientId),
    message: (t, locale) => {
      const total = formatMoney(locale, inv.totalMinor, inv.currency)
      return {
        subject: t('finance.notify.issued_subject', { number: inv.number, total }),
        text: [
          t('finance.notify.issued_text', { number: inv.number, total, due: inv.dueDate }),
          t('finance.notify.link', { url: urlOf(tx, `/finance/invoices/${encodeURIComponent(inv.id)}`) }),
        ].join('\n\n'),
      }
    },
  })
}

/** Money was received against a request: the client's finance users see it arrive. */
export async function notifyPaymentReceived(
  tx: Ctx,
  p: {
    invoiceId: string
    clientId: string
    number: string
    amountMinor: number
    currency: string
    paidInFull: boolean
  },
) {
  return notifyUsers(tx, {
    event: 'finance.payment_received',
    userIds: await financeUsers(tx, p.clientId),
    message: (t, locale) => {
      const amount = formatMoney(locale, p.amountMinor, p.currency)
      return {
        subject: t('finance.notify.paid_subject', { number: p.number, amount }),
        text: [
          t(p.paidInFull ? 'finance.notify.paid_full_text' : 'finance.notify.paid_part_text', {
            number: p.number,
            amount,
          }),
          t('finance.notify.link', { url: urlOf(tx, `/finance/invoices/${encodeURIComponent(p.invoiceId)}`) }),
        ].join('\n\n'),
      }
    },
  })
}
