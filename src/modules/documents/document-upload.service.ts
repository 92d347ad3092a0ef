import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso, randomToken } from '../../core/db/ids.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { isLocale } from '../../core/i18n/messages.js'
import { isCurrencyCode, parseAmount } from '../../core/money/money.js'
import { isDocumentKind } from './documents.constants.js'
import type { DocumentTable } from './documents.schema.js'
import { type DocumentView, getDocument } from './documents.service.js'
import { uploadMaxBytes } from './documents-settings.js'

export const FILE_FIELD = 'file'

/** An uploaded file waiting in a temporary place until the whole form is checked. */
export interface ReceivedPdf {
  tmp: string
  size: number
  tooLarge: boolean
  filename: string
}

/**
 * Streams an upload to a temporary file, counting it; past the limit the rest is read and dropped
 * (so the multipart form can still be read to its end) and the file is marked too large.
 */
export async function receiveUpload(ctx: Ctx, source: Readable, filename: string): Promise<ReceivedPdf> {
  const limit = await uploadMaxBytes(ctx)
  const dir = path.join(ctx.services.config.dataDir, 'tmp')
  fs.mkdirSync(dir, { recursive: true })
  const tmp = path.join(dir, `document-${randomToken(12)}`)
  let size = 0
  let tooLarge = false
  await pipeline(
    source,
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        size += chunk.length
        if (size > limit) tooLarge = true
        else yield chunk
      }
    },
    fs.createWriteStream(tmp),
  )
  // @fastify/multipart truncates instead of failing when its own limit is hit.
  if ((source as Readable & { truncated?: boolean }).truncated) tooLarge = true
  return { tmp, size, tooLarge, filename }
}

export const discardUpload = (file: ReceivedPdf | null | undefined) => {
  if (file) fs.rmSync(file.tmp, { force: true })
}

/** Whether the bytes are a PDF: the `%PDF-` header, and an `%%EOF` after a cross-reference pointer or trailer at the end. */
export function looksLikePdf(file: string, size: number): boolean {
  if (size < 32) return false
  const fd = fs.openSync(file, 'r')
  try {
    const head = Buffer.alloc(8)
    fs.readSync(fd, head, 0, 8, 0)
    if (head.subarray(0, 5).toString('latin1') !== '%PDF-') return false
    const tailLength = Math.min(size, 2048)
    const tail = Buffer.alloc(tailLength)
    fs.readSync(fd, tail, 0, tailLength, size - tailLength)
    const text = tail.toString('latin1')
    const eof = text.lastIndexOf('%%EOF')
    if (eof < 0 || text.slice(eof + 5).trim() !== '') return false
    return /startxref\s+\d+\s*$/.test(text.slice(0, eof)) || text.includes('trailer')
  } finally {
    fs.closeSync(fd)
  }
}

export interface UploadInput {
  clientId: string
  kind: string
  number: string
  date: string
  title: string
  total: string
  currency: string
  language: string
  orderId: string
  contractId: string
  invoiceId: string
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`))

/** A linked record must belong to the same client and be in the caller's scope. */
async function checkLinks(ctx: Ctx, input: UploadInput, errors: Record<string, string>) {
  const sameClient = async (table: 'orders' | 'contracts' | 'invoices', id: string) =>
    ctx.db
      .selectFrom(table)
      .select('id')
      .where('id', '=', id)
      .where('client_id', '=', input.clientId)
      .executeTakeFirst()
  if (input.orderId && (!ctx.services.isEnabled('orders') || !(await sameClient('orders', input.orderId))))
    errors.order_id = 'documents.error.link'
  if (input.contractId && (!ctx.services.isEnabled('contracts') || !(await sameClient('contracts', input.contractId))))
    errors.contract_id = 'documents.error.link'
  if (input.invoiceId && !(await sameClient('invoices', input.invoiceId))) errors.invoice_id = 'documents.error.link'
}

/**
 * Files an uploaded PDF (e.g. exported from the accounting program) for a client. The form and the
 * file are checked whole — PDF by its content, within the size limit, links to the same client —
 * before anything is stored; a refused upload leaves neither a file nor a row.
 */
export async function uploadDocument(
  ctx: Ctx,
  input: UploadInput,
  file: ReceivedPdf | null,
  decimal: ',' | '.' = '.',
): Promise<DocumentView> {
  ctx.require('documents.manage')
  const errors: Record<string, string> = {}
  const client = input.clientId
    ? await ctx.db.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst()
    : undefined
  if (!client) errors.client_id = input.clientId ? 'documents.error.client' : 'form.required'
  if (!isDocumentKind(input.kind)) errors.kind = 'form.invalid_choice'
  if (!input.number.trim()) errors.number = 'form.required'
  else if (input.number.length > 60) errors.number = 'documents.error.too_long'
  if (!isDate(input.date)) errors.date = 'documents.error.date'
  if (input.title.length > 200) errors.title = 'documents.error.too_long'
  if (!isLocale(input.language)) errors.language = 'form.invalid_choice'
  let total: number | null = null
  if (input.total.trim()) {
    if (!isCurrencyCode(input.currency)) errors.currency = 'documents.error.currency'
    else {
      total = parseAmount(input.total, input.currency, decimal)
      if (total === null) errors.total = 'documents.error.amount'
    }
  }
  if (client) await checkLinks(ctx, input, errors)
  if (!file || file.size === 0) errors[FILE_FIELD] = file ? 'error.upload_empty' : 'documents.error.file_required'
  else if (file.tooLarge) errors[FILE_FIELD] = 'error.upload_too_large'
  else if (!looksLikePdf(file.tmp, file.size)) errors[FILE_FIELD] = 'documents.error.not_pdf'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const stored = await ctx.services.files.put(
    ctx.unscoped('stored file metadata is content-addressed'),
    fs.createReadStream((file as ReceivedPdf).tmp),
    { field: FILE_FIELD, accept: ['application/pdf'], maxBytes: await uploadMaxBytes(ctx) },
  )
  const id = newId()
  const number = input.number.trim()
  const row: DocumentTable = {
    id,
    client_id: input.clientId,
    kind: input.kind as DocumentTable['kind'],
    origin: 'uploaded',
    number,
    search_text: `${number} ${input.title.trim()}`.toLowerCase(),
    title: input.title.trim(),
    doc_date: input.date,
    total_minor: total,
    currency: total === null ? null : input.currency,
    language: input.language,
    issuer_id: null,
    is_signed: 0,
    is_copy: 0,
    sha256: stored.sha256,
    size: stored.size,
    order_id: input.orderId || null,
    contract_id: input.contractId || null,
    invoice_id: input.invoiceId || null,
    ledger_entry_id: null,
    shipment_id: null,
    source_key: null,
    sent_at: null,
    sent_by: null,
    first_viewed_at: null,
    first_viewed_by: null,
    created_by: ctx.actor?.id ?? null,
    created_at: nowIso(),
  }
  await ctx.transaction(async (tx) => {
    await tx.db.insert('documents', row)
    await tx.audit('document.uploaded', {
      entity: 'document',
      entityId: id,
      clientId: input.clientId,
      after: { kind: row.kind, number, sha256: stored.sha256, size: stored.size, filename: file?.filename },
    })
  })
  const doc = await getDocument(ctx, id).catch(() => null)
  if (!doc) throw new NotFoundError('document')
  return doc
}
