import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import { containsText } from '../../core/http/list-query.js'

/** Bank transactions in the caller's scope with the client's and the account's names. */
export function transactionsQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('bank_transactions')
    .innerJoin('bank_own_accounts', 'bank_own_accounts.id', 'bank_transactions.own_account_id')
    .leftJoin('clients', 'clients.id', 'bank_transactions.client_id')
    .leftJoin('invoices', 'invoices.id', 'bank_transactions.invoice_id')
    .select([
      'bank_transactions.id',
      'bank_transactions.import_id',
      'bank_transactions.own_account_id',
      'bank_transactions.booked_on',
      'bank_transactions.value_date',
      'bank_transactions.document_date',
      'bank_transactions.amount_minor',
      'bank_transactions.currency',
      'bank_transactions.direction',
      'bank_transactions.counterparty_name',
      'bank_transactions.counterparty_tax_id',
      'bank_transactions.counterparty_account',
      'bank_transactions.counterparty_bank_id',
      'bank_transactions.reference',
      'bank_transactions.purpose',
      'bank_transactions.bank_transaction_id',
      'bank_transactions.is_reversal',
      'bank_transactions.status',
      'bank_transactions.review_reason',
      'bank_transactions.match_kind',
      'bank_transactions.client_id',
      'bank_transactions.invoice_id',
      'bank_transactions.expense_id',
      'bank_transactions.expense_category_id',
      'bank_transactions.resolved_at',
      'bank_transactions.created_at',
      'bank_own_accounts.name as account_name',
      'clients.name as client_name',
      'invoices.number as invoice_number',
    ])
}

export type TransactionRecord = Awaited<ReturnType<ReturnType<typeof transactionsQuery>['executeTakeFirstOrThrow']>>

export interface TransactionFilters {
  status?: string
  direction?: string
  accountId?: string
  importId?: string
  reason?: string
  q?: string
}

/** The filtered list; `uncategorised` is the expenses still without a category. */
export function filteredTransactions(ctx: Ctx, f: TransactionFilters) {
  let q = transactionsQuery(ctx)
  if (f.status === 'uncategorised') {
    q = q.where('bank_transactions.status', '=', 'expense').where('bank_transactions.expense_category_id', 'is', null)
  } else if (f.status) q = q.where('bank_transactions.status', '=', f.status as 'review')
  if (f.direction === 'in' || f.direction === 'out') q = q.where('bank_transactions.direction', '=', f.direction)
  if (f.accountId) q = q.where('bank_transactions.own_account_id', '=', f.accountId)
  if (f.importId) q = q.where('bank_transactions.import_id', '=', f.importId)
  if (f.reason) q = q.where('bank_transactions.review_reason', '=', f.reason as 'unmatched')
  if (f.q) q = q.where(containsText('bank_transactions.search_text', f.q))
  return q
}

export const TRANSACTION_ORDER: Record<string, string> = {
  date: 'bank_transactions.booked_on',
  amount: 'bank_transactions.amount_minor',
  counterparty: 'bank_transactions.counterparty_name',
  status: 'bank_transactions.status',
}

/** Review items waiting, for the home page and the nav badge: one count in the caller's scope. */
export async function countWaiting(ctx: Ctx): Promise<number> {
  const row = await ctx.db
    .selectFrom('bank_transactions')
    .select(sql<number>`count(*)`.as('n'))
    .where('status', '=', 'review')
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}
