import type { ColumnType, Insertable, Selectable } from 'kysely'
import type { ContractStatus, ContractType } from './contracts.constants.js'

export interface ContractTable {
  id: string
  client_id: string
  /** Human number, unique per client (`SZ-2026/014`). */
  number: string
  /** Lower-cased number and subject, kept by the service: SQLite's lower() knows only ASCII. */
  search_text: string
  signed_on: string
  subject: string
  type: ContractType
  /** JSON array of `{ key, type, value }` (see ContractParameter). */
  parameters_json: string
  amount_minor: number | null
  amount_currency: string | null
  valid_from: string
  /** Null: open-ended. */
  valid_to: string | null
  status: ContractStatus
  scan_sha256: string | null
  /** The legal entity of ours that signed; free text until the finance issue makes it a reference. */
  issuer: string | null
  notes: string
  version: number
  created_at: string
  updated_at: string
  created_by: string | null
}

export interface ContractStatusChangeTable {
  id: string
  client_id: string
  contract_id: string
  /** Null on the row that records the creation (as a draft). */
  from_status: ContractStatus | null
  to_status: ContractStatus
  /** A user id, or `system` for the expiry job. */
  changed_by: string
  changed_at: string
  comment: string | null
}

/** One row per company date the expiry job has acted on, so it acts once a day across instances. */
export interface ContractExpiryRunTable {
  run_date: string
  ran_at: string
  expired: ColumnType<number, number, number>
}

declare module '../../core/db/database.js' {
  interface Database {
    contracts: ContractTable
    contract_status_changes: ContractStatusChangeTable
    contract_expiry_runs: ContractExpiryRunTable
  }
}

export type ContractRow = Selectable<ContractTable>
export type NewContract = Insertable<ContractTable>
export type ContractStatusChange = Selectable<ContractStatusChangeTable>
