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

declare module '../../core/db/database.js' {
  interface Database {
    ledger_entries: LedgerEntryTable
  }
}

export type LedgerEntryRow = Selectable<LedgerEntryTable>
