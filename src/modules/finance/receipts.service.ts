import type { Ctx } from '../../core/ctx.js'
import type { AuditLogTable } from '../../core/db/core-tables.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ConflictError, RuleError, ValidationError } from '../../core/errors.js'
import { isCurrencyCode } from '../../core/money/money.js'
import type { InvoicePaymentTable, InvoiceStatus, LedgerEntryTable } from './finance.schema.js'
import { financeSettings, isIsoDate } from './finance-settings.js'
import { updateInvoiceAt } from './invoice.queries.js'
import { checkPeriodLock, type EntryView, postEntry } from './ledger.service.js'

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

/** One payment received by bank: to a payment request, or (invoiceId null) to the client's balance. */
export interface BankReceipt {
  clientId: string
  invoiceId: string | null
  amountMinor: number
  currency: string
  date: string
  /** Request payments: the bank's reference, unique per client. Balance receipts: the ledger text. */
  text: string
  /** The bank transaction's id (source of a balance receipt). */
  sourceId: string
}

const BATCH = 500
const PAYABLE = new Set<InvoiceStatus>(['issued', 'partially_paid', 'paid'])

/**
 * Posts many bank receipts in the caller's transaction with the rules of recordPayment and
 * recordReceipt — a positive entry each (`top_up` for a top-up request), a payment row per request
 * payment, the request's paid amount and status (over-payment stays on the balance), the period
 * lock, an audit record per entry and per payment — but with multi-row inserts and one read and one
 * update per request, so a statement of 100,000 lines is not 100,000 round trips of each.
 */
export async function recordBankReceipts(ctx: Ctx, receipts: BankReceipt[]): Promise<void> {
  ctx.require('finance.manage')
  if (!receipts.length) return
  for (const r of receipts) {
    if (!Number.isSafeInteger(r.amountMinor) || r.amountMinor <= 0 || !isIsoDate(r.date) || !isCurrencyCode(r.currency))
      throw new ValidationError({ amount: 'finance.error.amount_positive' })
  }
  await ctx.transaction(async (tx) => {
    const earliest = receipts.map((r) => r.date).sort()[0] as string
    await checkPeriodLock(tx, earliest)
    const ids = [...new Set(receipts.map((r) => r.invoiceId).filter((id): id is string => id !== null))]
    const invoices = new Map<string, { row: InvoiceState; before: InvoiceState }>()
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = await tx.db
        .selectFrom('invoices')
        .select(['id', 'client_id', 'number', 'kind', 'status', 'currency', 'total_minor', 'paid_minor', 'version'])
        .where('id', 'in', ids.slice(i, i + BATCH))
        .execute()
      for (const r of rows) {
        const state = {
          ...r,
          total_minor: Number(r.total_minor),
          paid_minor: Number(r.paid_minor),
          version: Number(r.version),
        }
        invoices.set(r.id, { row: state, before: { ...state } })
      }
    }
    const now = nowIso()
    const entries: LedgerEntryTable[] = []
    const payments: InvoicePaymentTable[] = []
    const audit: AuditLogTable[] = []
    const auditRow = (
      action: string,
      entity: string,
      entityId: string,
      clientId: string,
      before: unknown,
      after: unknown,
    ) => ({
      id: newId(),
      at: now,
      actor_id: tx.actor?.id ?? null,
      actor_label: tx.actorLabel,
      action,
      entity,
      entity_id: entityId,
      client_id: clientId,
      before_json: before === undefined ? null : JSON.stringify(before),
      after_json: JSON.stringify(after),
      ip: tx.ip,
      request_id: tx.requestId,
    })
    for (const r of receipts) {
      const inv = r.invoiceId ? invoices.get(r.invoiceId) : undefined
      if (r.invoiceId && !inv) throw new RuleError('not_payable', 'finance.error.not_payable')
      if (inv && (!PAYABLE.has(inv.row.status) || inv.row.client_id !== r.clientId || inv.row.currency !== r.currency))
        throw new RuleError('not_payable', 'finance.error.not_payable')
      const entry: LedgerEntryTable = {
        id: newId(),
        client_id: r.clientId,
        entry_date: r.date,
        kind: inv?.row.kind === 'top_up' ? 'top_up' : 'payment',
        amount_minor: r.amountMinor,
        currency: r.currency,
        description: (inv ? `${inv.row.number ?? ''} · ${r.text}` : r.text).slice(0, 500).trim(),
        source_kind: inv ? 'invoice' : 'bank_transaction',
        source_id: inv ? inv.row.id : r.sourceId,
        reverses_entry_id: null,
        created_by: tx.actor?.id ?? null,
        created_at: now,
      }
      entries.push(entry)
      audit.push(auditRow('finance.entry_posted', 'ledger_entry', entry.id, r.clientId, undefined, entry))
      if (!inv) continue
      const before = { status: inv.row.status, paid_minor: inv.row.paid_minor }
      inv.row.paid_minor += r.amountMinor
      inv.row.status = inv.row.paid_minor >= inv.row.total_minor ? 'paid' : 'partially_paid'
      const payment: InvoicePaymentTable = {
        id: newId(),
        client_id: r.clientId,
        invoice_id: inv.row.id,
        amount_minor: r.amountMinor,
        paid_on: r.date,
        reference: r.text.slice(0, 200),
        ledger_entry_id: entry.id,
        created_by: tx.actor?.id ?? null,
        created_at: now,
      }
      payments.push(payment)
      audit.push(
        auditRow('finance.payment_recorded', 'invoice', inv.row.id, r.clientId, before, {
          status: inv.row.status,
          paid_minor: inv.row.paid_minor,
          payment,
        }),
      )
    }
    for (let i = 0; i < entries.length; i += BATCH) await tx.db.insert('ledger_entries', entries.slice(i, i + BATCH))
    for (let i = 0; i < payments.length; i += BATCH)
      await tx.db.insert('invoice_payments', payments.slice(i, i + BATCH))
    for (const { row, before } of invoices.values()) {
      if (row.paid_minor === before.paid_minor) continue
      const set = { paid_minor: row.paid_minor, status: row.status, updated_at: now }
      if (!(await updateInvoiceAt(tx, row.id, before.version, set))) throw new ConflictError('stale', 'error.conflict')
    }
    for (let i = 0; i < audit.length; i += BATCH) await tx.db.insert('audit_log', audit.slice(i, i + BATCH))
  })
}

interface InvoiceState {
  id: string
  client_id: string
  number: string | null
  kind: 'standard' | 'top_up'
  status: InvoiceStatus
  currency: string
  total_minor: number
  paid_minor: number
  version: number
}
