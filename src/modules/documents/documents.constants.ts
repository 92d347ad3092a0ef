/**
 * Kinds of accounting documents. What Kabinet generates by itself for `payment_request` is a payment
 * request (díjbekérő / счёт на оплату), never a tax invoice; tax documents (`vat_invoice`) come from
 * the accounting program as uploads.
 */
export const DOCUMENT_KINDS = [
  'payment_request',
  'delivery_note',
  'vat_invoice',
  'service_act',
  'reconciliation',
  'contract',
  'other',
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]
export const isDocumentKind = (v: unknown): v is DocumentKind => DOCUMENT_KINDS.includes(v as DocumentKind)

/** Kinds Kabinet renders itself (the others are uploaded). */
export const GENERATED_KINDS: readonly DocumentKind[] = ['payment_request', 'delivery_note', 'service_act']

export type DocumentOrigin = 'generated' | 'uploaded'

/**
 * Facsimile rule per kind: `never` — no printed stamp or signature at all; `original` — a facsimile
 * signs it as an original; `copy` — a facsimile is allowed, but the document is marked "copy".
 */
export const FACSIMILE_RULES = ['never', 'original', 'copy'] as const
export type FacsimileRule = (typeof FACSIMILE_RULES)[number]

export const SIGNER_ROLES = ['director', 'chief_accountant'] as const
export type SignerRole = (typeof SIGNER_ROLES)[number]

export const VAT_STATUSES = ['payer', 'not_payer', 'exempt'] as const
export type VatStatus = (typeof VAT_STATUSES)[number]

export const ISSUER_IMAGE_KINDS = ['logo', 'stamp'] as const
export type IssuerImageKind = (typeof ISSUER_IMAGE_KINDS)[number]

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024
export const IMAGE_TYPES = ['image/png', 'image/jpeg']

/** How many documents one ZIP may hold: a selection on one page at most. */
export const ZIP_MAX_DOCUMENTS = 100

export const EVENTS = { sent: 'documents.sent' } as const

export const PER_PAGE = 25
