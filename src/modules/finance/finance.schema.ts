import type { Selectable } from 'kysely'
import type { EntryKind } from './finance.constants.js'

/** One line of a client's account. Append-only: never updated or deleted, corrected by a reversal. */
export interface LedgerEntryTable {
  id: string
  client_id: string
  /** `YYYY-MM-DD`, the accounting date (the period lock judges by it). */
  entry_date: string
  kind: EntryKind
  /** Signed minor units: + money received (credit), − charges. */
  amount_minor: number
  currency: string
  description: string
  /** What produced the entry, e.g. `invoice` / `shipment` / `service_act`, and its id. */
  source_kind: string | null
  source_id: string | null
  /** Set on a reversal: the entry it cancels. Unique: an entry is reversed at most once. */
  reverses_entry_id: string | null
  created_by: string | null
  created_at: string
}

export type InvoiceKind = 'standard' | 'top_up'
export type InvoiceStatus = 'draft' | 'issued' | 'partially_paid' | 'paid' | 'cancelled'

/** A payment request (díjbekérő / счёт на оплату), not a tax invoice: it asks for money, it posts no charge. */
export interface InvoiceTable {
  id: string
  client_id: string
  /** Given at issue from the `payment_request` sequence; null while a draft. */
  number: string | null
  kind: InvoiceKind
  status: InvoiceStatus
  issue_date: string | null
  due_date: string | null
  currency: string
  net_minor: number
  vat_minor: number
  total_minor: number
  paid_minor: number
  /** What the payer writes in the transfer's purpose; the bank import recognises it. Set at issue. */
  payment_reference: string | null
  note: string
  version: number
  created_by: string | null
  created_at: string
  updated_at: string
  issued_at: string | null
}

export interface InvoiceLineTable {
  id: string
  client_id: string
  invoice_id: string
  position: number
  name: string
  quantity_milli: number
  unit: string
  unit_price_minor: number
  vat_rate_bp: number
  net_minor: number
  vat_minor: number
  total_minor: number
}

/** One payment recorded against an invoice, with the ledger entry it posted. */
export interface InvoicePaymentTable {
  id: string
  client_id: string
  invoice_id: string
  amount_minor: number
  paid_on: string
  /** The bank's reference of the transfer: unique per client, so a payment is never recorded twice. */
  reference: string
  ledger_entry_id: string
  created_by: string | null
  created_at: string
}

declare module '../../core/db/database.js' {
  interface Database {
    ledger_entries: LedgerEntryTable
    invoices: InvoiceTable
    invoice_lines: InvoiceLineTable
    invoice_payments: InvoicePaymentTable
  }
}

export type LedgerEntryRow = Selectable<LedgerEntryTable>
export type InvoiceRow = Selectable<InvoiceTable>
export type InvoiceLineRow = Selectable<InvoiceLineTable>
export type InvoicePaymentRow = Selectable<InvoicePaymentTable>
