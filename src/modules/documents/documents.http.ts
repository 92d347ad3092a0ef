import fs from 'node:fs'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Ctx } from '../../core/ctx.js'
import { ValidationError } from '../../core/errors.js'
import {
  discardUpload,
  FILE_FIELD,
  type ReceivedPdf,
  receiveUpload,
  type UploadInput,
} from './document-upload.service.js'
import { type DocumentView, documentFileName, documentPath } from './documents.service.js'

/** Sends a stored PDF: never cached, a file name safe in a header. */
export function sendPdf(ctx: Ctx, reply: FastifyReply, doc: DocumentView, inline = false) {
  const path = documentPath(ctx, doc)
  const name = documentFileName(doc)
  return reply
    .type('application/pdf')
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`,
    )
    .header('cache-control', 'private, no-store')
    .header('etag', `"${doc.sha256}"`)
    .send(fs.createReadStream(path))
}

/**
 * Reads a multipart upload form whole: the fields, and the one PDF streamed to a temporary file
 * (whatever order the parts come in). The caller discards the file when done.
 */
export async function readUploadForm(
  req: FastifyRequest,
): Promise<{ fields: Record<string, string>; file: ReceivedPdf | null }> {
  const fields: Record<string, string> = {}
  let file: ReceivedPdf | null = null
  if (!req.isMultipart()) throw new ValidationError({ [FILE_FIELD]: 'documents.error.file_required' })
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== FILE_FIELD || file || !part.filename) {
          part.file.resume()
          continue
        }
        file = await receiveUpload(req.ctx, part.file, part.filename)
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value
    }
  } catch (err) {
    discardUpload(file)
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new ValidationError({ [FILE_FIELD]: 'error.upload_too_large' })
    }
    throw err
  }
  return { fields, file }
}

/** The upload form's fields as the service takes them (snake_case form names or camelCase API names). */
export const uploadInputOf = (f: Record<string, string>): UploadInput => ({
  clientId: f.client_id ?? f.clientId ?? '',
  kind: f.kind ?? '',
  number: f.number ?? '',
  date: f.date ?? '',
  title: f.title ?? '',
  total: f.total ?? '',
  currency: (f.currency ?? '').trim().toUpperCase(),
  language: f.language ?? '',
  orderId: f.order_id ?? f.orderId ?? '',
  contractId: f.contract_id ?? f.contractId ?? '',
  invoiceId: f.invoice_id ?? f.invoiceId ?? '',
})

/** The ids of a selection (`ids` repeated, or comma-separated). */
export function idsOf(body: unknown): string[] {
  const raw = (body as { ids?: unknown } | undefined)?.ids
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : []
  return [
    ...new Set(
      list
        .filter((x): x is string => typeof x === 'string')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]
}
