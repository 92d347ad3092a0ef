import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { notifyPaymentReceived } from './finance-notify.js'
import { isIsoDate } from './finance-settings.js'
import { findInvoice, updateInvoiceAt } from './invoice.queries.js'
import { getInvoice, type InvoiceView } from './invoice.service.js'
import { postEntry } from './ledger.service.js'

export interface PaymentInput {
  amountMinor: number
  date: string
  /** The bank's reference of the transfer; recorded once per client. */
  reference: string
}

const isUniqueViolation = (err: unknown) => /unique|duplicate/i.test(String((err as Error)?.message))

/**
 * Records money received against an issued payment request, in one transaction: a positive ledger
 * entry (kind `payment`, or `top_up` for a top-up request), the payment row, and the request's paid
 * amount and status. More than the remainder stays on the balance as credit; the request stays paid.
 * The same bank reference twice is refused as a duplicate (a unique index, so also under races).
 */
export async function recordPayment(ctx: Ctx, invoiceId: string, p: PaymentInput): Promise<InvoiceView> {
  ctx.require('finance.manage')
  const errors: Record<string, string> = {}
  if (!Number.isSafeInteger(p.amountMinor) || p.amountMinor <= 0) errors.amount = 'finance.error.amount_positive'
  if (!isIsoDate(p.date)) errors.date = 'finance.error.date'
  const reference = p.reference.trim()
  if (!reference) errors.reference = 'form.required'
  if (reference.length > 200) errors.reference = 'finance.error.description_long'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  try {
    return await ctx.transaction(async (tx) => {
      const inv = await findInvoice(tx, invoiceId)
      if (!inv) throw new NotFoundError('invoice')
      if (!['issued', 'partially_paid', 'paid'].includes(inv.status)) {
        throw new RuleError('not_payable', 'finance.error.not_payable')
      }
      const entry = await postEntry(tx, {
        clientId: inv.client_id,
        date: p.date,
        kind: inv.kind === 'top_up' ? 'top_up' : 'payment',
        amountMinor: p.amountMinor,
        currency: inv.currency,
        description: `${inv.number ?? ''} · ${reference}`,
        sourceKind: 'invoice',
        sourceId: inv.id,
      })
      const paid = Number(inv.paid_minor) + p.amountMinor
      const set = {
        paid_minor: paid,
        status: paid >= Number(inv.total_minor) ? ('paid' as const) : ('partially_paid' as const),
        updated_at: nowIso(),
      }
      if (!(await updateInvoiceAt(tx, inv.id, Number(inv.version), set)))
        throw new ConflictError('stale', 'error.conflict')
      const payment = {
        id: newId(),
        client_id: inv.client_id,
        invoice_id: inv.id,
        amount_minor: p.amountMinor,
        paid_on: p.date,
        reference,
        ledger_entry_id: entry.id,
        created_by: tx.actor?.id ?? null,
        created_at: nowIso(),
      }
      // Last on purpose: a duplicate found here undoes the entry and the status change with it.
      await tx.db.insert('invoice_payments', payment)
      await tx.audit('finance.payment_recorded', {
        entity: 'invoice',
        entityId: inv.id,
        clientId: inv.client_id,
        before: { status: inv.status, paid_minor: Number(inv.paid_minor) },
        after: { ...set, payment },
      })
      await notifyPaymentReceived(tx, {
        invoiceId: inv.id,
        clientId: inv.client_id,
        number: inv.number ?? '',
        amountMinor: p.amountMinor,
        currency: inv.currency,
        paidInFull: set.status === 'paid',
      })
      return getInvoice(tx, inv.id)
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw new RuleError('duplicate_payment', 'finance.error.duplicate_payment')
    throw err
  }
}
