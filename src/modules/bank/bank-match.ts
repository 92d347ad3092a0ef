import type { PayableRef } from '../finance/index.js'
import type { ExpenseRuleKind, MatchKind, ReviewReason } from './bank.constants.js'
import { accountKeys, referenceCandidates, taxIdKeys } from './bank-keys.js'
import type { NormalizedTransaction } from './parse/types.js'

/** Everything matching needs, loaded once per file (no query per transaction). */
export interface MatchLookups {
  references: Map<string, PayableRef>
  referenceLengths: Set<number>
  taxIds: Map<string, Set<string>>
  accounts: Map<string, Set<string>>
  clientRules: { pattern: string; clientId: string }[]
  expenseRules: { kind: ExpenseRuleKind; value: string; categoryId: string }[]
  /** Entries on or before this day are not posted by an import. */
  lockDate: string | null
}

export type IncomingDecision =
  | { kind: 'invoice'; matchKind: 'reference'; clientId: string; invoice: PayableRef }
  | { kind: 'client'; matchKind: Exclude<MatchKind, 'reference' | 'manual'>; clientId: string }
  | { kind: 'review'; reason: ReviewReason; clientId: string | null; invoiceId: string | null }

const review = (reason: ReviewReason, clientId: string | null = null, invoiceId: string | null = null) =>
  ({ kind: 'review', reason, clientId, invoiceId }) as const

const PAYABLE = new Set(['issued', 'partially_paid', 'paid'])

function byReference(t: NormalizedTransaction, l: MatchLookups): IncomingDecision | null {
  if (l.references.size === 0) return null
  const text = [t.reference, t.purpose].filter(Boolean).join(' ')
  const found = new Map<string, PayableRef>()
  for (const c of referenceCandidates(text, l.referenceLengths)) {
    const ref = l.references.get(c)
    if (ref) found.set(ref.invoiceId, ref)
  }
  if (found.size === 0) return null
  const refs = [...found.values()]
  const clients = new Set(refs.map((r) => r.clientId))
  if (refs.length > 1) return review('ambiguous', clients.size === 1 ? (refs[0] as PayableRef).clientId : null)
  const inv = refs[0] as PayableRef
  if (inv.status === 'cancelled') return review('request_cancelled', inv.clientId, inv.invoiceId)
  if (!PAYABLE.has(inv.status)) return review('request_not_payable', inv.clientId, inv.invoiceId)
  if (inv.currency !== t.currency) return review('currency_mismatch', inv.clientId, inv.invoiceId)
  return { kind: 'invoice', matchKind: 'reference', clientId: inv.clientId, invoice: inv }
}

function byKeys(
  keys: string[],
  map: Map<string, Set<string>>,
  matchKind: 'tax_id' | 'account',
): IncomingDecision | null {
  const clients = new Set<string>()
  for (const k of keys) for (const id of map.get(k) ?? []) clients.add(id)
  if (clients.size === 0) return null
  if (clients.size > 1) return review('ambiguous')
  return { kind: 'client', matchKind, clientId: [...clients][0] as string }
}

function byRule(t: NormalizedTransaction, l: MatchLookups): IncomingDecision | null {
  const name = (t.counterpartyName ?? '').toLowerCase()
  if (!name) return null
  const clients = new Set(l.clientRules.filter((r) => name.includes(r.pattern)).map((r) => r.clientId))
  if (clients.size === 0) return null
  if (clients.size > 1) return review('ambiguous')
  return { kind: 'client', matchKind: 'rule', clientId: [...clients][0] as string }
}

/**
 * Finds who paid, trying in order a payment-request reference in the reference or purpose, the
 * payer's tax id, the payer's account, then the saved name rules; the first that says anything
 * decides. Anything doubtful (two candidates, a cancelled request, another currency, a reversal, a
 * locked period) goes to review with what was found as a suggestion: nothing is posted to a wrong client.
 */
export function matchIncoming(t: NormalizedTransaction, l: MatchLookups): IncomingDecision {
  const found =
    byReference(t, l) ??
    byKeys(taxIdKeys(t.counterpartyTaxId), l.taxIds, 'tax_id') ??
    byKeys(accountKeys(t.counterpartyAccount), l.accounts, 'account') ??
    byRule(t, l) ??
    review('unmatched')
  const invoiceId =
    found.kind === 'invoice' ? found.invoice.invoiceId : found.kind === 'review' ? found.invoiceId : null
  if (t.isReversal) return review('reversal', found.clientId, invoiceId)
  if (found.kind === 'review') return found
  if (l.lockDate && t.date <= l.lockDate) return review('period_locked', found.clientId, invoiceId)
  return found
}

/** The expense category of an outgoing payment: the first rule (by position) that fits, or null. */
export function categoriseOutgoing(t: NormalizedTransaction, l: MatchLookups): string | null {
  const name = (t.counterpartyName ?? '').toLowerCase()
  const purpose = (t.purpose ?? '').toLowerCase()
  const taxKeys = taxIdKeys(t.counterpartyTaxId)
  for (const r of l.expenseRules) {
    if (r.kind === 'tax_id' && taxKeys.includes(r.value)) return r.categoryId
    if (r.kind === 'name' && name && name.includes(r.value)) return r.categoryId
    if (r.kind === 'keyword' && purpose && purpose.includes(r.value)) return r.categoryId
  }
  return null
}
