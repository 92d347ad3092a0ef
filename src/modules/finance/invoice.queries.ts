import type { Ctx } from '../../core/ctx.js'
import type { InvoiceTable } from './finance.schema.js'

const FIELDS = [
  'invoices.id',
  'invoices.client_id',
  'invoices.number',
  'invoices.kind',
  'invoices.status',
  'invoices.issue_date',
  'invoices.due_date',
  'invoices.currency',
  'invoices.net_minor',
  'invoices.vat_minor',
  'invoices.total_minor',
  'invoices.paid_minor',
  'invoices.payment_reference',
  'invoices.note',
  'invoices.version',
  'invoices.created_by',
  'invoices.created_at',
  'invoices.updated_at',
  'invoices.issued_at',
] as const

/** Invoices in the caller's scope with the client's name; client users never see drafts. */
export function invoicesQuery(ctx: Ctx) {
  const q = ctx.db
    .selectFrom('invoices')
    .innerJoin('clients', 'clients.id', 'invoices.client_id')
    .select([...FIELDS, 'clients.name as client_name'])
  return ctx.actor?.role === 'client' ? q.where('invoices.status', '!=', 'draft') : q
}

export type InvoiceRecord = Awaited<ReturnType<ReturnType<typeof invoicesQuery>['executeTakeFirstOrThrow']>>

export const findInvoice = (ctx: Ctx, id: string) => invoicesQuery(ctx).where('invoices.id', '=', id).executeTakeFirst()

export const invoiceLines = (ctx: Ctx, invoiceId: string) =>
  ctx.db
    .selectFrom('invoice_lines')
    .selectAll('invoice_lines')
    .where('invoice_lines.invoice_id', '=', invoiceId)
    .orderBy('invoice_lines.position')
    .execute()

export const invoicePayments = (ctx: Ctx, invoiceId: string) =>
  ctx.db
    .selectFrom('invoice_payments')
    .selectAll('invoice_payments')
    .where('invoice_payments.invoice_id', '=', invoiceId)
    .orderBy('invoice_payments.paid_on')
    .orderBy('invoice_payments.id')
    .execute()

/** Updates an invoice only if it still has `version`; returns whether it did (false: someone was first). */
export async function updateInvoiceAt(
  ctx: Ctx,
  id: string,
  version: number,
  set: Partial<Omit<InvoiceTable, 'id' | 'client_id' | 'version' | 'created_at' | 'created_by'>>,
): Promise<boolean> {
  const res = await ctx.db
    .updateTable('invoices')
    .set({ ...set, version: version + 1 })
    .where('invoices.id', '=', id)
    .where('invoices.version', '=', version)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** The invoice row in the caller's scope whatever its status (services changing it; drafts included). */
export const findInvoiceRow = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom('invoices')
    .innerJoin('clients', 'clients.id', 'invoices.client_id')
    .select([...FIELDS, 'clients.name as client_name'])
    .where('invoices.id', '=', id)
    .executeTakeFirst()
