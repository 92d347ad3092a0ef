import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import { isCurrencyCode } from '../../core/money/money.js'
import { nextNumber } from '../../core/numbering/numbering.js'
import type { InvoiceKind, InvoiceLineRow, InvoicePaymentRow, InvoiceStatus } from './finance.schema.js'
import { notifyRequestIssued } from './finance-notify.js'
import { companySettings, companyToday, financeSettings, isIsoDate } from './finance-settings.js'
import {
  findInvoice,
  findInvoiceRow,
  type InvoiceRecord,
  invoiceLines,
  invoicePayments,
  invoicesQuery,
  updateInvoiceAt,
} from './invoice.queries.js'
import { computeLine, type LineInput, lineErrors, totalsOf } from './invoice-lines.js'
import { requireFinanceRead } from './ledger.service.js'

export const INVOICE_STATUSES: InvoiceStatus[] = ['draft', 'issued', 'partially_paid', 'paid', 'cancelled']
/** Statuses that still wait for money. */
export const UNPAID_STATUSES: InvoiceStatus[] = ['issued', 'partially_paid']

/** A payment request as pages and the API use it. */
export interface InvoiceView {
  id: string
  clientId: string
  clientName: string
  number: string | null
  kind: InvoiceKind
  status: InvoiceStatus
  issueDate: string | null
  dueDate: string | null
  currency: string
  netMinor: number
  vatMinor: number
  totalMinor: number
  paidMinor: number
  paymentReference: string | null
  note: string
  version: number
  createdAt: string
  issuedAt: string | null
}

export const toInvoiceView = (r: InvoiceRecord): InvoiceView => ({
  id: r.id,
  clientId: r.client_id,
  clientName: r.client_name,
  number: r.number,
  kind: r.kind,
  status: r.status,
  issueDate: r.issue_date,
  dueDate: r.due_date,
  currency: r.currency,
  netMinor: Number(r.net_minor),
  vatMinor: Number(r.vat_minor),
  totalMinor: Number(r.total_minor),
  paidMinor: Number(r.paid_minor),
  paymentReference: r.payment_reference,
  note: r.note,
  version: Number(r.version),
  createdAt: r.created_at,
  issuedAt: r.issued_at,
})

export interface InvoiceDetail {
  invoice: InvoiceView
  lines: InvoiceLineRow[]
  payments: InvoicePaymentRow[]
}

/** An invoice in the caller's scope (client users never see drafts), or NotFoundError. */
export async function getInvoice(ctx: Ctx, id: string): Promise<InvoiceView> {
  requireFinanceRead(ctx)
  const row = await findInvoice(ctx, id)
  if (!row) throw new NotFoundError('invoice')
  return toInvoiceView(row)
}

/** An invoice with its lines and payments. */
export async function getInvoiceDetail(ctx: Ctx, id: string): Promise<InvoiceDetail> {
  const invoice = await getInvoice(ctx, id)
  const lines = (await invoiceLines(ctx, id)).map((l) => ({
    ...l,
    quantity_milli: Number(l.quantity_milli),
    unit_price_minor: Number(l.unit_price_minor),
    vat_rate_bp: Number(l.vat_rate_bp),
    net_minor: Number(l.net_minor),
    vat_minor: Number(l.vat_minor),
    total_minor: Number(l.total_minor),
  }))
  const payments = (await invoicePayments(ctx, id)).map((p) => ({ ...p, amount_minor: Number(p.amount_minor) }))
  return { invoice, lines, payments }
}

export interface InvoiceInput {
  currency: string
  /** Null: the default payment term from the issue date. */
  dueDate: string | null
  note: string
  lines: LineInput[]
}

/** Inserts a draft with its lines (shared by the staff form and the top-up request). */
async function insertDraft(ctx: Ctx, clientId: string, kind: InvoiceKind, input: InvoiceInput): Promise<string> {
  const lines = input.lines.map(computeLine)
  const totals = totalsOf(lines)
  const id = newId()
  const now = nowIso()
  await ctx.db.insert('invoices', {
    id,
    client_id: clientId,
    number: null,
    kind,
    status: 'draft',
    issue_date: null,
    due_date: input.dueDate,
    currency: input.currency,
    net_minor: totals.net,
    vat_minor: totals.vat,
    total_minor: totals.total,
    paid_minor: 0,
    payment_reference: null,
    note: input.note.trim(),
    version: 1,
    created_by: ctx.actor?.id ?? null,
    created_at: now,
    updated_at: now,
    issued_at: null,
  })
  await ctx.db.insert(
    'invoice_lines',
    lines.map((l, i) => ({
      id: newId(),
      client_id: clientId,
      invoice_id: id,
      position: i + 1,
      name: l.name.trim(),
      quantity_milli: l.quantityMilli,
      unit: l.unit.trim(),
      unit_price_minor: l.unitPriceMinor,
      vat_rate_bp: l.vatRateBp,
      net_minor: l.netMinor,
      vat_minor: l.vatMinor,
      total_minor: l.totalMinor,
    })),
  )
  await ctx.audit('finance.invoice_created', {
    entity: 'invoice',
    entityId: id,
    clientId,
    after: { kind, ...input, totals },
  })
  return id
}

/** Checks an invoice input against the company's VAT rates; throws field errors. */
export async function checkInvoiceInput(ctx: Ctx, input: InvoiceInput): Promise<void> {
  const { vatRates } = await companySettings(ctx)
  const errors = lineErrors(input.lines, vatRates)
  if (!isCurrencyCode(input.currency)) errors.currency = 'finance.error.currency'
  if (input.dueDate !== null && !isIsoDate(input.dueDate)) errors.due_date = 'finance.error.date'
  if (input.note.length > 2000) errors.note = 'finance.error.description_long'
  if (Object.keys(errors).length) throw new ValidationError(errors)
}

/** Staff create a payment request as a draft: lines with VAT rates from the company settings, totals summed from rounded lines. */
export async function createInvoice(ctx: Ctx, clientId: string, input: InvoiceInput): Promise<InvoiceView> {
  ctx.require('finance.manage')
  await checkInvoiceInput(ctx, input)
  return ctx.transaction(async (tx) => {
    const id = await insertDraft(tx, clientId, 'standard', input)
    return getInvoice(tx, id)
  })
}

/** The payment reference of a number: its letters and digits only, so it survives a bank's purpose field. */
export const referenceOf = (number: string): string => number.replace(/[^0-9A-Za-z]/g, '').toUpperCase()

/**
 * Issues a draft: it gets its number now, from the gap-free per-year `payment_request` sequence
 * (taken in this transaction, so a failed issue leaves no gap), today's date, its due date and
 * its payment reference. Issuing posts nothing to the ledger: a payment request is not a charge.
 */
export async function issueInvoice(ctx: Ctx, id: string, version?: number): Promise<InvoiceView> {
  ctx.require('finance.manage')
  return issueDraft(ctx, id, version)
}

async function issueDraft(ctx: Ctx, id: string, version?: number): Promise<InvoiceView> {
  return ctx.transaction(async (tx) => {
    // By row, drafts included: a client's own top-up request is issued within the client's scope.
    const inv = await findInvoiceRow(tx, id)
    if (!inv) throw new NotFoundError('invoice')
    if (version !== undefined && Number(inv.version) !== version) throw new ConflictError('stale', 'error.conflict')
    if (inv.status !== 'draft') throw new RuleError('not_draft', 'finance.error.not_draft')
    if (Number(inv.total_minor) <= 0) throw new RuleError('empty_invoice', 'finance.error.empty_invoice')
    const today = await companyToday(tx)
    const { defaultPaymentDays } = await financeSettings(tx)
    const number = await nextNumber(tx, 'payment_request', today)
    const due = inv.due_date && inv.due_date >= today ? inv.due_date : addDays(today, defaultPaymentDays)
    const set = {
      status: 'issued' as const,
      number,
      issue_date: today,
      due_date: due,
      payment_reference: referenceOf(number),
      issued_at: nowIso(),
      updated_at: nowIso(),
    }
    if (!(await updateInvoiceAt(tx, id, Number(inv.version), set))) throw new ConflictError('stale', 'error.conflict')
    await tx.audit('finance.invoice_issued', { entity: 'invoice', entityId: id, clientId: inv.client_id, after: set })
    await tx.emit('finance.invoice_issued', { invoiceId: id, clientId: inv.client_id })
    await notifyRequestIssued(tx, {
      id,
      clientId: inv.client_id,
      number,
      totalMinor: Number(inv.total_minor),
      currency: inv.currency,
      dueDate: due,
    })
    return getInvoice(tx, id)
  })
}

/**
 * Cancels a draft or an issued payment request on which nothing was paid. No ledger entry to
 * reverse: issuing posted none. A request with money on it stays (the money is the client's).
 */
export async function cancelInvoice(ctx: Ctx, id: string, version?: number): Promise<InvoiceView> {
  ctx.require('finance.manage')
  return ctx.transaction(async (tx) => {
    const inv = await findInvoice(tx, id)
    if (!inv) throw new NotFoundError('invoice')
    if (version !== undefined && Number(inv.version) !== version) throw new ConflictError('stale', 'error.conflict')
    if (!['draft', 'issued'].includes(inv.status) || Number(inv.paid_minor) !== 0) {
      throw new RuleError('not_cancellable', 'finance.error.not_cancellable')
    }
    const set = { status: 'cancelled' as const, updated_at: nowIso() }
    if (!(await updateInvoiceAt(tx, id, Number(inv.version), set))) throw new ConflictError('stale', 'error.conflict')
    await tx.audit('finance.invoice_cancelled', {
      entity: 'invoice',
      entityId: id,
      clientId: inv.client_id,
      before: { status: inv.status },
      after: set,
    })
    return getInvoice(tx, id)
  })
}

/** A client user (finance area) asks for a top-up: a one-line payment request, issued at once. */
export async function requestTopUp(ctx: Ctx, input: { amountMinor: number; currency: string; comment: string }) {
  ctx.require('finance.client')
  const clientId = ctx.actor?.clientId
  if (!clientId) throw new NotFoundError('client')
  const { topUpMinMinor } = await financeSettings(ctx)
  const { defaultCurrency } = await companySettings(ctx)
  const errors: Record<string, string> = {}
  if (input.currency !== defaultCurrency) errors.currency = 'finance.error.currency'
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor < topUpMinMinor)
    errors.amount = 'finance.error.top_up_min'
  if (input.comment.length > 1000) errors.comment = 'finance.error.description_long'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  // The line is written in the company's language: the request is the company's document.
  const name = ctx.services.catalog.translator((await companySettings(ctx)).defaultLocale)('finance.top_up_line')
  return ctx.transaction(async (tx) => {
    const id = await insertDraft(tx, clientId, 'top_up', {
      currency: input.currency,
      dueDate: null,
      note: input.comment,
      // An advance carries no VAT on the request; VAT follows on the tax document of the supply.
      lines: [{ name, quantityMilli: 1000, unit: '', unitPriceMinor: input.amountMinor, vatRateBp: 0 }],
    })
    return issueDraft(tx, id)
  })
}

export interface InvoiceFilters {
  status?: string
  clientId?: string
  overdue?: boolean
  kind?: string
}

const SORTS = {
  number: 'invoices.number',
  client: 'clients.name',
  issue_date: 'invoices.issue_date',
  due_date: 'invoices.due_date',
  total: 'invoices.total_minor',
  status: 'invoices.status',
  created_at: 'invoices.created_at',
}
export const INVOICE_SORTS = Object.keys(SORTS)

/** Payment requests in the caller's scope, filtered (status, client, overdue), searched by number, paginated. */
export async function listInvoices(ctx: Ctx, lq: ListQuery, f: InvoiceFilters = {}): Promise<Page<InvoiceView>> {
  requireFinanceRead(ctx)
  let q = invoicesQuery(ctx)
  if (lq.q)
    q = q.where(
      sql<boolean>`lower(${sql.ref('invoices.number')}) like ${`%${lq.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
    )
  if (f.status && INVOICE_STATUSES.includes(f.status as InvoiceStatus))
    q = q.where('invoices.status', '=', f.status as InvoiceStatus)
  if (f.kind === 'standard' || f.kind === 'top_up') q = q.where('invoices.kind', '=', f.kind)
  if (f.clientId) q = q.where('invoices.client_id', '=', f.clientId)
  if (f.overdue) {
    q = q.where('invoices.status', 'in', UNPAID_STATUSES).where('invoices.due_date', '<', await companyToday(ctx))
  }
  const page = await fetchPage(q, lq, SORTS, 'invoices.id')
  return { ...page, rows: page.rows.map(toInvoiceView) }
}

/** Count and outstanding sum (total − paid) per currency of a client's unpaid payment requests. */
export async function unpaidSummary(ctx: Ctx, clientId: string) {
  requireFinanceRead(ctx)
  const rows = await ctx.db
    .selectFrom('invoices')
    .select([
      'invoices.currency',
      sql<string | number>`count(*)`.as('n'),
      sql<string | number>`sum(${sql.ref('invoices.total_minor')} - ${sql.ref('invoices.paid_minor')})`.as('due'),
    ])
    .where('invoices.client_id', '=', clientId)
    .where('invoices.status', 'in', UNPAID_STATUSES)
    .groupBy('invoices.currency')
    .orderBy('invoices.currency')
    .execute()
  return rows.map((r) => ({ currency: r.currency, count: Number(r.n), dueMinor: Number(r.due ?? 0) }))
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
