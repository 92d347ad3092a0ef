import type { Ctx } from '../../core/ctx.js'
import { newId } from '../../core/db/ids.js'
import { type BankReceipt, type NewExpense, recordExpense, recordPayment, recordReceipt } from '../finance/index.js'
import type { MatchKind, ReviewReason, TxStatus } from './bank.constants.js'
import { categoriseOutgoing, type MatchLookups, matchIncoming } from './bank-match.js'
import type { NormalizedTransaction } from './parse/types.js'

/** What became of one new transaction, as its row records it. */
export interface PostOutcome {
  status: TxStatus
  reason: ReviewReason | null
  matchKind: MatchKind | null
  clientId: string | null
  invoiceId: string | null
  expenseId: string | null
  categoryId: string | null
}

const outcome = (o: Partial<PostOutcome> & { status: TxStatus }): PostOutcome => ({
  reason: null,
  matchKind: null,
  clientId: null,
  invoiceId: null,
  expenseId: null,
  categoryId: null,
  ...o,
})

/** The payment's reference on the request: the bank's own id with ours, so it is unique per client. */
export const paymentReferenceOf = (t: NormalizedTransaction, id: string): string =>
  `${(t.bankTransactionId ?? t.reference ?? 'bank').slice(0, 120)} · ${id}`

/** Ledger text for money received without a request: who paid and why, as the bank said. */
export const receiptDescription = (t: NormalizedTransaction): string =>
  [t.counterpartyName, t.purpose].filter(Boolean).join(' · ').slice(0, 500) || 'Bank transfer'

/** Posts a matched incoming payment to its request (partial, full, over) or to the client's balance. */
export async function postIncoming(
  ctx: Ctx,
  id: string,
  t: NormalizedTransaction,
  target: { clientId: string; invoiceId: string | null },
): Promise<void> {
  if (target.invoiceId) {
    await recordPayment(ctx, target.invoiceId, {
      amountMinor: t.amount,
      date: t.date,
      reference: paymentReferenceOf(t, id),
    })
  } else {
    await recordReceipt(ctx, target.clientId, {
      amountMinor: t.amount,
      currency: t.currency,
      date: t.date,
      description: receiptDescription(t),
      sourceKind: 'bank_transaction',
      sourceId: id,
    })
  }
}

/** Records an outgoing payment as a company expense (source `bank`, keyed by the transaction id). */
export async function postOutgoing(ctx: Ctx, id: string, t: NormalizedTransaction, categoryId: string | null) {
  return recordExpense(ctx, expenseOf(id, t, categoryId))
}

/** An outgoing payment as a company expense (source `bank`, keyed by the transaction id). */
export function expenseOf(id: string, t: NormalizedTransaction, categoryId: string | null): NewExpense {
  return {
    date: t.date,
    amountMinor: t.amount,
    currency: t.currency,
    categoryId,
    counterparty: t.counterpartyName?.slice(0, 200) ?? null,
    counterpartyTaxId: t.counterpartyTaxId?.slice(0, 40) ?? null,
    counterpartyAccount: t.counterpartyAccount?.slice(0, 60) ?? null,
    description: (t.purpose ?? t.reference ?? '').slice(0, 500),
    source: 'bank',
    sourceRef: id,
  }
}

/** A matched incoming payment as the batch posting takes it. */
export function receiptOf(
  id: string,
  t: NormalizedTransaction,
  clientId: string,
  invoiceId: string | null,
): BankReceipt {
  return {
    clientId,
    invoiceId,
    amountMinor: t.amount,
    currency: t.currency,
    date: t.date,
    text: invoiceId ? paymentReferenceOf(t, id) : receiptDescription(t),
    sourceId: id,
  }
}

/**
 * Decides one new transaction inside the import's transaction. Incoming: matched ones are queued in
 * `receipts` (posted together at the end, see recordBankReceipts), the rest wait in review.
 * Outgoing: an expense with the category of the first fitting rule. Reversals and anything in a
 * locked period wait for a person.
 */
export async function postTransaction(
  ctx: Ctx,
  id: string,
  t: NormalizedTransaction,
  l: MatchLookups,
  receipts: BankReceipt[],
  expenses: (NewExpense & { id: string })[],
): Promise<PostOutcome> {
  if (t.direction === 'out') {
    if (t.isReversal) return outcome({ status: 'review', reason: 'reversal' })
    if (l.lockDate && t.date <= l.lockDate) return outcome({ status: 'review', reason: 'period_locked' })
    const categoryId = categoriseOutgoing(t, l)
    // Recorded in bulk after the loop (recordBankExpenses), like the receipts.
    const expenseId = newId()
    expenses.push({ ...expenseOf(id, t, categoryId), id: expenseId })
    return outcome({
      status: 'expense',
      reason: categoryId ? null : 'uncategorised',
      expenseId,
      categoryId,
    })
  }
  const d = matchIncoming(t, l)
  if (d.kind === 'review') {
    return outcome({ status: 'review', reason: d.reason, clientId: d.clientId, invoiceId: d.invoiceId })
  }
  const invoiceId = d.kind === 'invoice' ? d.invoice.invoiceId : null
  receipts.push(receiptOf(id, t, d.clientId, invoiceId))
  if (d.kind === 'invoice') {
    // Later lines of the same file see the request as it will be.
    d.invoice.paidMinor += t.amount
    d.invoice.status = d.invoice.paidMinor >= d.invoice.totalMinor ? 'paid' : 'partially_paid'
  }
  return outcome({ status: 'posted', matchKind: d.matchKind, clientId: d.clientId, invoiceId })
}
