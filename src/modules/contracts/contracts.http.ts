import fs from 'node:fs'
import type { FastifyReply } from 'fastify'
import { NotFoundError } from '../../core/errors.js'
import type { contractScanFile } from './contract-scan.service.js'

/** Sends a contract scan as a download: never inline, never cached, with a file name safe in a header. */
export function sendScan(reply: FastifyReply, file: Awaited<ReturnType<typeof contractScanFile>>) {
  if (!fs.existsSync(file.path)) throw new NotFoundError('scan')
  return reply
    .type('application/pdf')
    .header(
      'content-disposition',
      `attachment; filename="${file.name.ascii}"; filename*=UTF-8''${encodeURIComponent(file.name.utf8)}`,
    )
    .header('cache-control', 'private, no-store')
    .header('etag', `"${file.sha256}"`)
    .send(fs.createReadStream(file.path))
}

/** The field error of a refused scan upload (ours, or @fastify/multipart's own size limit). */
export function scanUploadErrors(err: unknown): Record<string, string> | null {
  const e = err as { fields?: Record<string, string>; code?: string }
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE') return { scan: 'error.upload_too_large' }
  if (e?.code === 'validation_failed' && e.fields) return e.fields.scan ? { scan: e.fields.scan } : e.fields
  return null
}
