import type { Selectable } from 'kysely'

/** A head-managed expense category; a tree of at most two levels (a parent has no parent). */
export interface ExpenseCategoryTable {
  id: string
  parent_id: string | null
  name: string
  code: string | null
  /** 0/1: archived categories keep their history but are not offered for new expenses. */
  archived: number
  created_at: string
}

export type ExpenseSource = 'manual' | 'bank'

/**
 * Money the company paid out. Append-only like the ledger: a wrong expense is corrected by a
 * reversing row (the negated amount, `reverses_expense_id` set); only the category may change.
 */
export interface ExpenseTable {
  id: string
  /** `YYYY-MM-DD`: the day the money left (a bank expense's booking date). */
  expense_date: string
  /** Minor units: positive for an expense, negative for its reversal. */
  amount_minor: number
  currency: string
  category_id: string | null
  counterparty: string | null
  counterparty_tax_id: string | null
  counterparty_account: string | null
  description: string
  source: ExpenseSource
  /** The importer's dedupe key (e.g. the bank transaction id): unique, so an import is idempotent. */
  source_ref: string | null
  reverses_expense_id: string | null
  created_by: string | null
  created_at: string
}

/** A head-managed income category: a type of service a service charge may name. */
export interface IncomeCategoryTable {
  id: string
  name: string
  code: string | null
  archived: number
  created_at: string
}

declare module '../../../core/db/database.js' {
  interface Database {
    expense_categories: ExpenseCategoryTable
    expenses: ExpenseTable
    income_categories: IncomeCategoryTable
  }
}

// The income category of a charge lives on its ledger entry (migration 2026_11_29_1510).
declare module '../finance.schema.js' {
  interface LedgerEntryTable {
    category_id?: string | null
  }
}

export type ExpenseRow = Selectable<ExpenseTable>
export type ExpenseCategoryRow = Selectable<ExpenseCategoryTable>
export type IncomeCategoryRow = Selectable<IncomeCategoryTable>
