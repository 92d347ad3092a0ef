/** Issued → accepted, or issued → disputed → (resolved as a new version) issued → … */
export type ReconciliationStatus = 'issued' | 'accepted' | 'disputed'
export type ReconciliationAction = 'issued' | 'accepted' | 'disputed' | 'resolved'

export interface ReconciliationTable {
  id: string
  client_id: string
  number: string
  currency: string
  period_from: string
  period_to: string
  status: ReconciliationStatus
  current_version: number
  /** 1 when a client user asked for it from the cabinet. */
  requested_by_client: number
  created_by: string | null
  created_at: string
  updated_at: string
  /** Optimistic lock: two people acting at once cannot both move it. */
  version: number
}

export interface ReconciliationVersionTable {
  id: string
  client_id: string
  reconciliation_id: string
  version: number
  /** Signed like the ledger: + the client has credit, − the client owes. */
  opening_minor: number
  /** Charges in the period (the client's debit), positive. */
  debit_minor: number
  /** Money received in the period (the client's credit), positive. */
  credit_minor: number
  closing_minor: number
  issued_by: string | null
  issued_at: string
}

export interface ReconciliationLineTable {
  id: string
  client_id: string
  version_id: string
  position: number
  entry_id: string
  entry_date: string
  kind: string
  description: string
  debit_minor: number
  credit_minor: number
}

/** One disputed item: a line of the statement (or none: an entry missing from it) and the client's figure. */
export interface DisputedItem {
  entryId: string | null
  /** The amount in the client's books, minor units (positive), or null when the line should not be there. */
  theirAmountMinor: number | null
  note: string
}

export interface ReconciliationEventTable {
  id: string
  client_id: string
  reconciliation_id: string
  version: number
  action: ReconciliationAction
  comment: string | null
  /** JSON array of DisputedItem on a dispute. */
  items_json: string | null
  actor_id: string | null
  actor_name: string | null
  at: string
}

declare module '../../core/db/database.js' {
  interface Database {
    reconciliations: ReconciliationTable
    reconciliation_versions: ReconciliationVersionTable
    reconciliation_lines: ReconciliationLineTable
    reconciliation_events: ReconciliationEventTable
  }
}
