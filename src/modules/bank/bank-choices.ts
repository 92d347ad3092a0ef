import type { Ctx } from '../../core/ctx.js'
import { formatMoney } from '../../core/i18n/format.js'
import { listExpenseCategories } from '../finance/index.js'
import { IMPORT } from './bank.constants.js'

const CLIENT_LIMIT = 1000
const INVOICE_LIMIT = 300

/** Clients the caller may assign to (a manager: its own), by name. */
export async function clientChoices(ctx: Ctx): Promise<{ id: string; name: string }[]> {
  const rows = await ctx.db
    .selectFrom('clients')
    .select(['id', 'name'])
    .orderBy('name')
    .orderBy('id')
    .limit(CLIENT_LIMIT)
    .execute()
  return rows
}

/** Open payment requests in the caller's scope (of one client when known), labelled number · client · open amount. */
export async function invoiceChoices(ctx: Ctx, clientId: string | null): Promise<{ id: string; label: string }[]> {
  let q = ctx.db
    .selectFrom('invoices')
    .innerJoin('clients', 'clients.id', 'invoices.client_id')
    .select([
      'invoices.id',
      'invoices.number',
      'invoices.currency',
      'invoices.total_minor',
      'invoices.paid_minor',
      'clients.name',
    ])
    .where('invoices.status', 'in', ['issued', 'partially_paid'])
  if (clientId) q = q.where('invoices.client_id', '=', clientId)
  const rows = await q.orderBy('invoices.issue_date', 'desc').orderBy('invoices.id').limit(INVOICE_LIMIT).execute()
  return rows.map((r) => ({
    id: r.id,
    label: `${r.number ?? ''} · ${r.name} · ${formatMoney(ctx.locale, Number(r.total_minor) - Number(r.paid_minor), r.currency)}`,
  }))
}

/** Active expense categories (for rules and the review screen), empty for those who keep no company money. */
export async function categoryChoices(ctx: Ctx): Promise<{ id: string; name: string }[]> {
  if (!ctx.can(IMPORT)) return []
  return (await listExpenseCategories(ctx)).filter((c) => !c.archived).map((c) => ({ id: c.id, name: c.path }))
}
