import fs from 'node:fs'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Ctx } from '../../core/ctx.js'
import type { FieldErrors } from '../../core/errors.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { formData } from '../../core/http/forms.js'
import { FIELD, type ReceivedFile, receiveAttachment } from './attachments.service.js'
import { ATTACHMENTS_PER_MESSAGE } from './support.constants.js'

/**
 * A refused multipart upload may stop reading the request body; the rest is read and dropped so a
 * kept-alive browser connection does not stall. A body too large to wait for closes the connection.
 */
export function discardUnreadBody(req: FastifyRequest, reply: FastifyReply, limit: number): void {
  if (req.raw.complete) return
  if (!(Number(req.headers['content-length']) <= limit)) reply.header('connection', 'close')
  req.raw.resume()
}

export interface PostedForm {
  fields: Record<string, string>
  files: ReceivedFile[]
  /** Errors of refused files (the others were stored); the form is shown again with them. */
  fileErrors: FieldErrors
  /** Whether the user chose any file (a re-shown form asks to choose them again). */
  hadFiles: boolean
}

/**
 * Reads a form posted as multipart (text fields and attachments, each file checked and stored as it
 * streams in) or urlencoded (no files).
 */
export async function readPostedForm(req: FastifyRequest, reply: FastifyReply, ctx: Ctx): Promise<PostedForm> {
  if (!req.isMultipart()) return { fields: formData(req.body), files: [], fileErrors: {}, hadFiles: false }
  const out: PostedForm = { fields: {}, files: [], fileErrors: {}, hadFiles: false }
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') out.fields[part.fieldname] = part.value
        continue
      }
      if (!part.filename) {
        part.file.resume()
        continue
      }
      out.hadFiles = true
      if (part.fieldname !== FIELD || out.files.length >= ATTACHMENTS_PER_MESSAGE) {
        part.file.resume()
        if (part.fieldname === FIELD) out.fileErrors[FIELD] = 'support.error.too_many_attachments'
        continue
      }
      try {
        out.files.push(await receiveAttachment(ctx, part.file, part.filename))
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err
        out.fileErrors[FIELD] ??= err.fields[FIELD] ?? 'error.upload_type'
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err
    out.fileErrors[FIELD] = 'error.upload_too_large'
    discardUnreadBody(req, reply, ctx.services.config.maxUploadBytes)
  }
  return out
}

/** Sends an attachment: images shown inline, everything else as a download; never cached, never sniffed. */
export function sendAttachment(
  reply: FastifyReply,
  file: { path: string; sha256: string; mime: string; filename: string },
) {
  if (!fs.existsSync(file.path)) throw new NotFoundError('attachment')
  const ascii = file.filename.replace(/[^A-Za-z0-9._-]/g, '_')
  const inline = file.mime.startsWith('image/')
  return reply
    .type(file.mime)
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('etag', `"${file.sha256}"`)
    .send(fs.createReadStream(file.path))
}
