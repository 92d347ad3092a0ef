import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'
import type { Flag } from '../../core/db/core-tables.js'
import type { ClientKind, RelationshipRole, SupportVisibility } from './clients.constants.js'

/**
 * The tenant table with the business columns this module adds to core's `clients` (see the
 * migration `clients_extend_clients`). Columns with defaults may be left out on insert, so core's
 * own inserts (tests, demo loader) still type-check.
 */
export interface ClientTable {
  id: string
  /** The legal name (what documents print). */
  name: string
  manager_id: string | null
  status: string
  created_at: string
  updated_at: string
  short_name: string | null
  kind: ColumnType<ClientKind, ClientKind | undefined, ClientKind>
  /** ISO 3166 alpha-2, upper case; null when not known yet. */
  country: string | null
  /** Canonical form: HU `12345678-1-23`, RU digits only, others as typed (upper case). */
  tax_id: string | null
  /** Russian organisations' KPP (9 characters); null elsewhere. */
  kpp: string | null
  registration_number: string | null
  legal_address: string | null
  postal_address: string | null
  /** JSON array of BankAccount. */
  bank_accounts: ColumnType<string, string | undefined, string>
  phone: string | null
  email: string | null
  website: string | null
  /** Group or segment, free text shared as a datalist. */
  client_group: string | null
  /** Comma-separated tags, trimmed and de-duplicated. */
  tags: string | null
  notes: string | null
  support_visibility: ColumnType<SupportVisibility, SupportVisibility | undefined, SupportVisibility>
  /** Lower-cased names, tax ids, e-mails and contact persons, for a search that works the same on both databases. */
  search_text: ColumnType<string, string | undefined, string>
  /** The name as a sort key: lower case, Latin accents folded, so both databases order alike. */
  sort_name: ColumnType<string, string | undefined, string>
}

export interface BankAccount {
  bankName: string
  account: string
  bic: string
  currency: string
}

export interface ContactPersonTable {
  id: string
  client_id: string
  name: string
  position: string | null
  email: string | null
  phone: string | null
  mobile: string | null
  /** Jabber/XMPP address or Telegram handle. */
  messenger: string | null
  relationship_role: RelationshipRole
  is_primary: Flag
  notes: string | null
  /** The client user this person signs in as, once given portal access. */
  user_id: string | null
  /** Removed from the card; kept so the contact log's history still names the person. */
  archived_at: string | null
  created_at: string
  updated_at: string
}

export interface ClientManagerHistoryTable {
  id: string
  client_id: string
  from_manager_id: string | null
  to_manager_id: string | null
  changed_by: string | null
  changed_at: string
  comment: string | null
}

declare module '../../core/db/database.js' {
  interface Database {
    clients: ClientTable
    contact_persons: ContactPersonTable
    client_manager_history: ClientManagerHistoryTable
  }
}

export type ClientRow = Selectable<ClientTable>
export type NewClientRow = Insertable<ClientTable>
export type ClientUpdate = Updateable<ClientTable>
export type ContactPerson = Selectable<ContactPersonTable>
export type NewContactPerson = Insertable<ContactPersonTable>
export type ManagerHistoryRow = Selectable<ClientManagerHistoryTable>
