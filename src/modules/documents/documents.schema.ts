import type { Selectable } from 'kysely'
import type { DocumentKind, DocumentOrigin, SignerRole, VatStatus } from './documents.constants.js'

/** A legal entity of the company that issues documents (the company of the settings is the first). */
export interface DocumentIssuerTable {
  id: string
  name: string
  tax_id: string
  address: string
  email: string
  phone: string
  vat_status: VatStatus
  /** JSON array of `{ bankName, account, bic, currency }`; the first one is printed. */
  bank_accounts_json: string
  /** Put before the number of every document it generates (e.g. `KB-`), '' for none. */
  number_prefix: string
  logo_sha256: string | null
  stamp_sha256: string | null
  is_default: 0 | 1
  is_active: 0 | 1
  version: number
  created_at: string
  updated_at: string
}

/** Who signs for an issuer, with the signature image printed when a document is signed by facsimile. */
export interface DocumentSignerTable {
  id: string
  issuer_id: string
  role: SignerRole
  name: string
  signature_sha256: string | null
  created_at: string
}

/** One stored PDF and what it is. The file is immutable; a new version is a new row. */
export interface DocumentTable {
  id: string
  client_id: string
  kind: DocumentKind
  origin: DocumentOrigin
  number: string
  /** Lower-cased number and title for the search box. */
  search_text: string
  title: string
  doc_date: string
  total_minor: number | null
  currency: string | null
  language: string
  issuer_id: string | null
  is_signed: 0 | 1
  /** Marked "copy" under the facsimile rules. */
  is_copy: 0 | 1
  sha256: string
  size: number
  order_id: string | null
  contract_id: string | null
  invoice_id: string | null
  ledger_entry_id: string | null
  shipment_id: string | null
  /** What a generated document was made from (`payment_request:<invoice id>`): each is made once. */
  source_key: string | null
  sent_at: string | null
  sent_by: string | null
  first_viewed_at: string | null
  first_viewed_by: string | null
  created_by: string | null
  created_at: string
}

/** Every view and download of a document by a client user. */
export interface DocumentAccessTable {
  id: string
  client_id: string
  document_id: string
  user_id: string
  action: 'view' | 'download'
  at: string
}

/** The issuer a client contract names (kept here, so the contracts module's tables stay its own). */
export interface DocumentContractIssuerTable {
  contract_id: string
  client_id: string
  issuer_id: string
  updated_by: string | null
  updated_at: string
}

declare module '../../core/db/database.js' {
  interface Database {
    document_issuers: DocumentIssuerTable
    document_signers: DocumentSignerTable
    documents: DocumentTable
    document_access: DocumentAccessTable
    document_contract_issuers: DocumentContractIssuerTable
  }
}

export type IssuerRow = Selectable<DocumentIssuerTable>
export type SignerRow = Selectable<DocumentSignerTable>
export type DocumentRow = Selectable<DocumentTable>
export type AccessRow = Selectable<DocumentAccessTable>
