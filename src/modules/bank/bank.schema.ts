import type { Selectable } from 'kysely'
import type { ExpenseRuleKind, MatchKind, ReviewReason, TxStatus } from './bank.constants.js'

/** One of the company's own bank accounts, as statements name it; created when first imported. */
export interface BankOwnAccountTable {
  id: string
  /** Letters and digits, upper case: how statements are matched to it. */
  account_key: string
  /** As the first statement wrote it. */
  account: string
  currency: string | null
  name: string
  /** JSON CsvMapping of parse/types.ts, for CSV statements of this account; null when none is saved. */
  csv_mapping_json: string | null
  created_at: string
  updated_at: string
}

/** One imported file: who, when, which file (kept content-addressed) and what came of it. */
export interface BankImportTable {
  id: string
  file_name: string
  file_sha256: string
  format: string
  statements: number
  transactions: number
  new_count: number
  duplicates: number
  matched: number
  to_review: number
  expenses: number
  imported_by: string | null
  imported_by_label: string
  imported_at: string
}

/** A statement (or a 1C account section) of an import, with its own balance figures and our check of them. */
export interface BankStatementTable {
  id: string
  import_id: string
  own_account_id: string
  statement_ref: string | null
  currency: string | null
  period_from: string | null
  period_to: string | null
  /** Signed minor units as the file states them; null when the file has none. */
  opening_minor: number | null
  closing_minor: number | null
  /** Money in and out of this statement's transactions in the file (duplicates included). */
  sum_in_minor: number
  sum_out_minor: number
  tx_count: number
  /** 1 when opening + in − out differs from the stated closing balance. */
  is_mismatch: number
  created_at: string
}

/** One money movement on an own account, stored once per dedup key (formats.md §0.4, SHA-256 hex). */
export interface BankTransactionTable {
  id: string
  import_id: string
  statement_id: string | null
  own_account_id: string
  dedup_hash: string
  booked_on: string
  value_date: string | null
  document_date: string | null
  amount_minor: number
  currency: string
  direction: 'in' | 'out'
  counterparty_name: string | null
  counterparty_tax_id: string | null
  counterparty_account: string | null
  counterparty_bank_id: string | null
  reference: string | null
  purpose: string | null
  bank_transaction_id: string | null
  is_reversal: number
  status: TxStatus
  review_reason: ReviewReason | null
  match_kind: MatchKind | null
  /** The client it was posted to (or, in review, the one suggested); null when unknown. */
  client_id: string | null
  invoice_id: string | null
  expense_id: string | null
  expense_category_id: string | null
  /** Lower-cased counterparty name and purpose, for a search that works alike on both databases. */
  search_text: string
  resolved_by: string | null
  resolved_at: string | null
  created_at: string
}

/** "Payer name contains X → client Y", saved from the review queue. */
export interface BankClientRuleTable {
  id: string
  client_id: string
  /** Lower case; matched as a substring of the lower-cased payer name. */
  pattern: string
  created_by: string | null
  created_at: string
}

/** Outgoing payments → expense category, by counterparty name, tax id or a purpose keyword. */
export interface BankExpenseRuleTable {
  id: string
  kind: ExpenseRuleKind
  /** Lower case for names and keywords; letters and digits, upper case, for tax ids. */
  value: string
  category_id: string
  position: number
  created_by: string | null
  created_at: string
}

declare module '../../core/db/database.js' {
  interface Database {
    bank_own_accounts: BankOwnAccountTable
    bank_imports: BankImportTable
    bank_statements: BankStatementTable
    bank_transactions: BankTransactionTable
    bank_client_rules: BankClientRuleTable
    bank_expense_rules: BankExpenseRuleTable
  }
}

export type BankOwnAccountRow = Selectable<BankOwnAccountTable>
export type BankImportRow = Selectable<BankImportTable>
export type BankStatementRow = Selectable<BankStatementTable>
export type BankTransactionRow = Selectable<BankTransactionTable>
export type BankClientRuleRow = Selectable<BankClientRuleTable>
export type BankExpenseRuleRow = Selectable<BankExpenseRuleTable>
