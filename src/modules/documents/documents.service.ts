import fs from 'node:fs'
import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ForbiddenError, NotFoundError } from '../../core/errors.js'
import { containsText, fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import { type DocumentKind, type DocumentOrigin, isDocumentKind } from './documents.constants.js'

export interface DocumentView {
  id: string
  clientId: string
  clientName: string
  kind: DocumentKind
  origin: DocumentOrigin
  number: string
  title: string
  date: string
  totalMinor: number | null
  currency: string | null
  language: string
  issuerId: string | null
  isSigned: boolean
  isCopy: boolean
  sha256: string
  size: number
  orderId: string | null
  contractId: string | null
  invoiceId: string | null
  ledgerEntryId: string | null
  shipmentId: string | null
  sentAt: string | null
  firstViewedAt: string | null
  firstViewedByName: string | null
  createdAt: string
}

export interface AccessView {
  at: string
  action: 'view' | 'download'
  userName: string
  userEmail: string
}

/** Staff read with `documents.read`; client users with `documents.client` (their documents area). */
export function requireDocumentsRead(ctx: Ctx): void {
  if (!ctx.can('documents.read') && !ctx.can('documents.client')) throw new ForbiddenError('documents.read')
}

const isClientUser = (ctx: Ctx) => ctx.actor?.role === 'client'

/** Documents joined with their client; client users see only what was sent to them. */
function documentsQuery(ctx: Ctx) {
  let qb = ctx.db
    .selectFrom('documents')
    .innerJoin('clients', 'clients.id', 'documents.client_id')
    .leftJoin('users as viewer', 'viewer.id', 'documents.first_viewed_by')
    .selectAll('documents')
    .select(['clients.name as client_name', 'viewer.name as first_viewed_by_name'])
  if (isClientUser(ctx)) qb = qb.where('documents.sent_at', 'is not', null)
  return qb
}

type DocumentRecord = Awaited<ReturnType<ReturnType<typeof documentsQuery>['execute']>>[number]

export const toDocumentView = (r: DocumentRecord): DocumentView => ({
  id: r.id,
  clientId: r.client_id,
  clientName: r.client_name,
  kind: r.kind,
  origin: r.origin,
  number: r.number,
  title: r.title,
  date: r.doc_date,
  totalMinor: r.total_minor === null ? null : Number(r.total_minor),
  currency: r.currency,
  language: r.language,
  issuerId: r.issuer_id,
  isSigned: r.is_signed === 1,
  isCopy: r.is_copy === 1,
  sha256: r.sha256,
  size: Number(r.size),
  orderId: r.order_id,
  contractId: r.contract_id,
  invoiceId: r.invoice_id,
  ledgerEntryId: r.ledger_entry_id,
  shipmentId: r.shipment_id,
  sentAt: r.sent_at,
  firstViewedAt: r.first_viewed_at,
  firstViewedByName: r.first_viewed_by_name ?? null,
  createdAt: r.created_at,
})

/** One document in the caller's scope (for a client user: sent to it), or NotFoundError. */
export async function getDocument(ctx: Ctx, id: string): Promise<DocumentView> {
  requireDocumentsRead(ctx)
  const row = await documentsQuery(ctx).where('documents.id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError('document')
  return toDocumentView(row)
}

/** Several documents at once, all in scope or NotFoundError for the whole set (ZIP, bulk send). */
export async function getDocuments(ctx: Ctx, ids: string[]): Promise<DocumentView[]> {
  requireDocumentsRead(ctx)
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  const rows = await documentsQuery(ctx).where('documents.id', 'in', unique).execute()
  if (rows.length !== unique.length) throw new NotFoundError('document')
  const byId = new Map(rows.map((r) => [r.id, toDocumentView(r)]))
  return unique.map((id) => byId.get(id) as DocumentView)
}

export interface DocumentFilters {
  clientId?: string
  kind?: string
  from?: string
  to?: string
  /** Staff: `sent` or `unsent`. */
  sent?: string
}

const SORTS: Record<string, string> = {
  date: 'documents.doc_date',
  number: 'documents.number',
  kind: 'documents.kind',
  total: 'documents.total_minor',
  client: 'clients.name',
  sent: 'documents.sent_at',
}
export const DOCUMENT_SORTS = Object.keys(SORTS)
const isDate = (v: string | undefined): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v)

/** A page of documents in the caller's scope: filter by client, kind, period and sent state; search by number. */
export async function listDocuments(ctx: Ctx, lq: ListQuery, f: DocumentFilters = {}): Promise<Page<DocumentView>> {
  requireDocumentsRead(ctx)
  let qb = documentsQuery(ctx)
  if (f.clientId) qb = qb.where('documents.client_id', '=', f.clientId)
  if (isDocumentKind(f.kind)) qb = qb.where('documents.kind', '=', f.kind)
  if (isDate(f.from)) qb = qb.where('documents.doc_date', '>=', f.from)
  if (isDate(f.to)) qb = qb.where('documents.doc_date', '<=', f.to)
  if (!isClientUser(ctx) && f.sent === 'sent') qb = qb.where('documents.sent_at', 'is not', null)
  if (!isClientUser(ctx) && f.sent === 'unsent') qb = qb.where('documents.sent_at', 'is', null)
  if (lq.q) qb = qb.where(containsText('documents.search_text', lq.q))
  const page = await fetchPage(qb, lq, SORTS, 'documents.id')
  return { ...page, rows: page.rows.map(toDocumentView) }
}

/** The newest documents of a client (its home page, the client card). */
export async function recentDocuments(ctx: Ctx, clientId: string, limit = 5): Promise<DocumentView[]> {
  requireDocumentsRead(ctx)
  const rows = await documentsQuery(ctx)
    .where('documents.client_id', '=', clientId)
    .orderBy('documents.doc_date', 'desc')
    .orderBy('documents.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toDocumentView)
}

/**
 * Records that a client user opened or downloaded documents: one access row each, and the first
 * view on the document itself. Staff looking at a document are not the client reading it.
 */
export async function recordAccess(ctx: Ctx, docs: DocumentView[], action: 'view' | 'download'): Promise<void> {
  const actor = ctx.actor
  if (!actor || actor.role !== 'client' || docs.length === 0) return
  const at = nowIso()
  await ctx.transaction(async (tx) => {
    await tx.db.insert(
      'document_access',
      docs.map((d) => ({ id: newId(), client_id: d.clientId, document_id: d.id, user_id: actor.id, action, at })),
    )
    await tx.db
      .updateTable('documents')
      .set({ first_viewed_at: at, first_viewed_by: actor.id })
      .where(
        'id',
        'in',
        docs.map((d) => d.id),
      )
      .where('first_viewed_at', 'is', null)
      .execute()
  })
}

/** Who of the client opened and downloaded the document, newest first (staff only). */
export async function accessLog(ctx: Ctx, doc: DocumentView, limit = 200): Promise<AccessView[]> {
  ctx.require('documents.read')
  const rows = await ctx.db
    .selectFrom('document_access')
    .innerJoin('users', 'users.id', 'document_access.user_id')
    .select(['document_access.at', 'document_access.action', 'users.name', 'users.email'])
    .where('document_access.document_id', '=', doc.id)
    .where('document_access.client_id', '=', doc.clientId)
    .orderBy('document_access.at', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ at: r.at, action: r.action, userName: r.name, userEmail: r.email }))
}

/** The stored PDF's path; NotFoundError if the file is gone from the store. */
export function documentPath(ctx: Ctx, doc: DocumentView): string {
  const path = ctx.services.files.pathOf(doc.sha256)
  if (!fs.existsSync(path)) throw new NotFoundError('file')
  return path
}

/** A file name safe in a header and on every file system: `payment_request-PR-2026-000042.pdf`. */
export function documentFileName(doc: Pick<DocumentView, 'kind' | 'number'>): { ascii: string; utf8: string } {
  const base =
    doc.number
      .replace(/[/\\:*?"<>|\s]+/g, '-')
      .replace(/\p{Cc}/gu, '')
      .slice(0, 80) || 'document'
  return {
    ascii: `${doc.kind}-${base.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`,
    utf8: `${doc.kind}-${base}.pdf`,
  }
}
