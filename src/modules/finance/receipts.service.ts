import type { Ctx } from '../../core/ctx.js'
import { ValidationError } from '../../core/errors.js'
import { isCurrencyCode } from '../../core/money/money.js'
import { financeSettings, isIsoDate } from './finance-settings.js'
import { type EntryView, postEntry } from './ledger.service.js'

/** Money received from a client that pays no particular payment request (e.g. a bank transfer matched by tax id). */
export interface ReceiptInput {
  amountMinor: number
  currency: string
  date: string
  description: string
  /** What produced it, e.g. `bank_transaction`, and that record's id. */
  sourceKind: string
  sourceId: string
}

/**
 * Posts money received as a positive `payment` entry on the client's account: it raises the
 * balance (credit) without settling a request. The period lock applies as to any entry.
 */
export async function recordReceipt(ctx: Ctx, clientId: string, r: ReceiptInput): Promise<EntryView> {
  ctx.require('finance.manage')
  const errors: Record<string, string> = {}
  if (!Number.isSafeInteger(r.amountMinor) || r.amountMinor <= 0) errors.amount = 'finance.error.amount_positive'
  if (!isIsoDate(r.date)) errors.date = 'finance.error.date'
  if (!isCurrencyCode(r.currency)) errors.currency = 'finance.error.currency'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return postEntry(ctx, {
    clientId,
    date: r.date,
    kind: 'payment',
    amountMinor: r.amountMinor,
    currency: r.currency,
    description: r.description.slice(0, 500),
    sourceKind: r.sourceKind,
    sourceId: r.sourceId,
  })
}

/** A payment request as the bank import looks it up by its payment reference. */
export interface PayableRef {
  invoiceId: string
  clientId: string
  number: string | null
  /** The stored `payment_reference` (letters and digits, upper case). */
  reference: string
  status: 'draft' | 'issued' | 'partially_paid' | 'paid' | 'cancelled'
  kind: 'standard' | 'top_up'
  currency: string
  totalMinor: number
  paidMinor: number
}

/**
 * Every payment request with a payment reference in the caller's scope (cancelled and paid ones
 * too, so an importer can tell "reference of a cancelled request" from "no reference"), read in one
 * query so a statement of any size is matched without a query per line.
 */
export async function paymentReferences(ctx: Ctx): Promise<PayableRef[]> {
  const rows = await ctx.db
    .selectFrom('invoices')
    .select([
      'id',
      'client_id',
      'number',
      'payment_reference',
      'status',
      'kind',
      'currency',
      'total_minor',
      'paid_minor',
    ])
    .where('payment_reference', 'is not', null)
    .execute()
  return rows.map((r) => ({
    invoiceId: r.id,
    clientId: r.client_id,
    number: r.number,
    reference: r.payment_reference as string,
    status: r.status,
    kind: r.kind,
    currency: r.currency,
    totalMinor: Number(r.total_minor),
    paidMinor: Number(r.paid_minor),
  }))
}

/** The same for one reference (normalised like `payment_reference`): issued or partially paid requests only. */
export async function findPayableByReference(ctx: Ctx, reference: string): Promise<PayableRef | undefined> {
  const ref = reference.replace(/[^0-9A-Za-z]/g, '').toUpperCase()
  if (!ref) return undefined
  const row = await ctx.db
    .selectFrom('invoices')
    .select([
      'id',
      'client_id',
      'number',
      'payment_reference',
      'status',
      'kind',
      'currency',
      'total_minor',
      'paid_minor',
    ])
    .where('payment_reference', '=', ref)
    .where('status', 'in', ['issued', 'partially_paid'])
    .executeTakeFirst()
  if (!row) return undefined
  return {
    invoiceId: row.id,
    clientId: row.client_id,
    number: row.number,
    reference: ref,
    status: row.status,
    kind: row.kind,
    currency: row.currency,
    totalMinor: Number(row.total_minor),
    paidMinor: Number(row.paid_minor),
  }
}

/** The last locked day (entries on or before it need the head), or null when no period is locked. */
export async function periodLockDate(ctx: Ctx): Promise<string | null> {
  return (await financeSettings(ctx)).lockDate || null
}
