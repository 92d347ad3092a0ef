import type { Ctx } from '../../core/ctx.js'
import { nowIso } from '../../core/db/ids.js'
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import { setExpenseCategory } from '../finance/index.js'
import { IMPORT, type MatchKind, REVIEW, type ReviewReason, type TxStatus } from './bank.constants.js'
import {
  filteredTransactions,
  TRANSACTION_ORDER,
  type TransactionFilters,
  type TransactionRecord,
  transactionsQuery,
} from './bank.queries.js'
import { postIncoming, postOutgoing } from './bank-post.js'
import { createClientRule } from './bank-rules.service.js'
import type { NormalizedTransaction } from './parse/types.js'

/** A bank transaction as pages and the API show it. */
export interface TransactionView {
  id: string
  importId: string
  accountId: string
  accountName: string
  date: string
  valueDate: string | null
  amountMinor: number
  currency: string
  direction: 'in' | 'out'
  counterpartyName: string | null
  counterpartyTaxId: string | null
  counterpartyAccount: string | null
  reference: string | null
  purpose: string | null
  bankTransactionId: string | null
  isReversal: boolean
  status: TxStatus
  reviewReason: ReviewReason | null
  matchKind: MatchKind | null
  clientId: string | null
  clientName: string | null
  invoiceId: string | null
  invoiceNumber: string | null
  expenseId: string | null
  expenseCategoryId: string | null
  resolvedAt: string | null
  createdAt: string
}

export const toTransactionView = (r: TransactionRecord): TransactionView => ({
  id: r.id,
  importId: r.import_id,
  accountId: r.own_account_id,
  accountName: r.account_name,
  date: r.booked_on,
  valueDate: r.value_date,
  amountMinor: Number(r.amount_minor),
  currency: r.currency,
  direction: r.direction,
  counterpartyName: r.counterparty_name,
  counterpartyTaxId: r.counterparty_tax_id,
  counterpartyAccount: r.counterparty_account,
  reference: r.reference,
  purpose: r.purpose,
  bankTransactionId: r.bank_transaction_id,
  isReversal: Number(r.is_reversal) === 1,
  status: r.status,
  reviewReason: r.review_reason,
  matchKind: r.match_kind,
  clientId: r.client_id,
  clientName: r.client_name,
  invoiceId: r.invoice_id,
  invoiceNumber: r.invoice_number,
  expenseId: r.expense_id,
  expenseCategoryId: r.expense_category_id,
  resolvedAt: r.resolved_at,
  createdAt: r.created_at,
})

/** The review queue and transaction lists: a manager sees incoming payments of its clients and unassigned ones. */
export async function listTransactions(ctx: Ctx, lq: ListQuery, f: TransactionFilters): Promise<Page<TransactionView>> {
  ctx.require(REVIEW)
  const page = await fetchPage(filteredTransactions(ctx, f), lq, TRANSACTION_ORDER, 'bank_transactions.id')
  return { ...page, rows: page.rows.map(toTransactionView) }
}

/** One transaction in the caller's scope, or NotFoundError. */
export async function getTransaction(ctx: Ctx, id: string): Promise<TransactionView> {
  ctx.require(REVIEW)
  const row = await transactionsQuery(ctx).where('bank_transactions.id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError('bank_transaction')
  return toTransactionView(row)
}

/** The stored transaction in the shape posting takes. */
const asNormalized = (v: TransactionView): NormalizedTransaction => ({
  ownAccount: v.accountName,
  date: v.date,
  valueDate: v.valueDate,
  documentDate: null,
  amount: v.amountMinor,
  currency: v.currency,
  direction: v.direction,
  counterpartyName: v.counterpartyName,
  counterpartyTaxId: v.counterpartyTaxId,
  counterpartyAccount: v.counterpartyAccount,
  counterpartyBankId: null,
  reference: v.reference,
  purpose: v.purpose,
  bankTransactionId: v.bankTransactionId,
  isReversal: v.isReversal,
  dedupKey: '',
})

/** Moves a transaction out of review exactly once: a second resolver (another tab, a race) gets a conflict. */
async function resolve(ctx: Ctx, id: string, set: Record<string, unknown>): Promise<void> {
  const res = await ctx.db
    .updateTable('bank_transactions')
    .set({ ...set, resolved_by: ctx.actor?.id ?? null, resolved_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'review')
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError('bank_resolved', 'bank.error.already_resolved')
}

export interface AssignInput {
  clientId: string
  invoiceId?: string | null
  /** When given, saved as "payer name contains this → the client" for later imports. */
  rulePattern?: string | null
}

/**
 * Assigns an incoming payment waiting in review to a client (and optionally one of its payment
 * requests) and posts it, in one transaction; optionally saves the assignment as a name rule.
 * Reversals are never posted as payments: they can only be set aside.
 */
export async function assignTransaction(ctx: Ctx, id: string, input: AssignInput): Promise<TransactionView> {
  ctx.require(REVIEW)
  return ctx.transaction(async (tx) => {
    const t = await getTransaction(tx, id)
    if (t.status !== 'review') throw new ConflictError('bank_resolved', 'bank.error.already_resolved')
    if (t.direction !== 'in') throw new RuleError('bank_not_incoming', 'bank.error.not_incoming')
    if (t.isReversal) throw new RuleError('bank_reversal', 'bank.error.reversal')
    const client = await tx.db.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst()
    if (!client) throw new ValidationError({ client_id: 'bank.error.client' })
    const invoiceId = input.invoiceId || null
    if (invoiceId) {
      const inv = await tx.db
        .selectFrom('invoices')
        .select(['id', 'client_id', 'status', 'currency'])
        .where('id', '=', invoiceId)
        .executeTakeFirst()
      if (!inv || inv.client_id !== client.id) throw new ValidationError({ invoice_id: 'bank.error.invoice' })
      if (!['issued', 'partially_paid', 'paid'].includes(inv.status))
        throw new ValidationError({ invoice_id: 'bank.error.invoice_not_payable' })
      if (inv.currency !== t.currency) throw new ValidationError({ invoice_id: 'bank.error.invoice_currency' })
    }
    await resolve(tx, id, { status: 'posted', match_kind: 'manual', client_id: client.id, invoice_id: invoiceId })
    await postIncoming(tx, id, asNormalized(t), { clientId: client.id, invoiceId })
    await tx.audit('bank.transaction_assigned', {
      entity: 'bank_transaction',
      entityId: id,
      clientId: client.id,
      before: { status: t.status, reason: t.reviewReason, clientId: t.clientId, invoiceId: t.invoiceId },
      after: { status: 'posted', clientId: client.id, invoiceId },
    })
    const pattern = input.rulePattern?.trim()
    if (pattern) await createClientRule(tx, { pattern, clientId: client.id })
    return getTransaction(tx, id)
  })
}

/** Sets a transaction in review aside without posting it (a refund, a transfer between own accounts…). */
export async function ignoreTransaction(ctx: Ctx, id: string): Promise<TransactionView> {
  ctx.require(REVIEW)
  return ctx.transaction(async (tx) => {
    const t = await getTransaction(tx, id)
    if (t.status !== 'review') throw new ConflictError('bank_resolved', 'bank.error.already_resolved')
    // Recording an expense that lost its expense is for those who keep the company's money.
    if (t.direction === 'out') tx.require(IMPORT)
    await resolve(tx, id, { status: 'ignored' })
    await tx.audit('bank.transaction_ignored', {
      entity: 'bank_transaction',
      entityId: id,
      clientId: t.clientId,
      before: { status: t.status, reason: t.reviewReason },
      after: { status: 'ignored' },
    })
    return getTransaction(tx, id)
  })
}

/** Records an outgoing payment that waited in review (a locked period, say) as an expense. */
export async function recordAsExpense(ctx: Ctx, id: string, categoryId: string | null): Promise<TransactionView> {
  ctx.require(IMPORT)
  return ctx.transaction(async (tx) => {
    const t = await getTransaction(tx, id)
    if (t.status !== 'review') throw new ConflictError('bank_resolved', 'bank.error.already_resolved')
    if (t.direction !== 'out' || t.isReversal) throw new RuleError('bank_not_outgoing', 'bank.error.not_outgoing')
    const expense = await postOutgoing(tx, id, asNormalized(t), categoryId || null)
    await resolve(tx, id, {
      status: 'expense',
      expense_id: expense.id,
      expense_category_id: categoryId || null,
      review_reason: categoryId ? null : 'uncategorised',
    })
    await tx.audit('bank.transaction_expensed', {
      entity: 'bank_transaction',
      entityId: id,
      before: { status: t.status },
      after: { status: 'expense', expenseId: expense.id, categoryId },
    })
    return getTransaction(tx, id)
  })
}

/** Changes the expense category of an outgoing payment (the expense itself is changed by finance). */
export async function setTransactionCategory(
  ctx: Ctx,
  id: string,
  categoryId: string | null,
): Promise<TransactionView> {
  ctx.require(IMPORT)
  return ctx.transaction(async (tx) => {
    const t = await getTransaction(tx, id)
    if (!t.expenseId) throw new RuleError('bank_no_expense', 'bank.error.no_expense')
    await setExpenseCategory(tx, t.expenseId, categoryId || null)
    const set = {
      expense_category_id: categoryId || null,
      review_reason: categoryId ? null : ('uncategorised' as const),
    }
    await tx.db.updateTable('bank_transactions').set(set).where('id', '=', id).execute()
    await tx.audit('bank.category_changed', {
      entity: 'bank_transaction',
      entityId: id,
      before: { categoryId: t.expenseCategoryId },
      after: { categoryId: set.expense_category_id },
    })
    return getTransaction(tx, id)
  })
}
