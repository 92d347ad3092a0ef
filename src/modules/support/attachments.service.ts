import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Ctx } from '../../core/ctx.js'
import { randomToken } from '../../core/db/ids.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { UploadTooLargeError } from '../../core/files/file-store.js'
import { classifyAttachment, cleanFilename, zipEntryNames } from './attachment-type.js'
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_MESSAGE } from './support.constants.js'
import { findAttachment } from './support.queries.js'
import { getRequest } from './support.service.js'

export const FIELD = 'attachments'

/** A checked upload, stored content-addressed, waiting for the message that it belongs to. */
export interface ReceivedFile {
  sha256: string
  size: number
  mime: string
  filename: string
}

/** The largest attachment accepted: ours, or the configured upload limit when that is lower. */
export const attachmentMaxBytes = (ctx: Ctx) => Math.min(ATTACHMENT_MAX_BYTES, ctx.services.config.maxUploadBytes)

function readAt(file: string) {
  return (position: number, length: number) => {
    const fd = fs.openSync(file, 'r')
    try {
      const buf = Buffer.alloc(length)
      const n = fs.readSync(fd, buf, 0, length, position)
      return buf.subarray(0, n)
    } finally {
      fs.closeSync(fd)
    }
  }
}

/**
 * Takes one uploaded file: no larger than the limit, of an accepted type by its content (images,
 * PDF, text, office documents; never executables, scripts or macro documents). It goes to a
 * temporary file first, so a refused upload leaves nothing in the file store.
 */
export async function receiveAttachment(ctx: Ctx, source: Readable, filename: string): Promise<ReceivedFile> {
  const limit = attachmentMaxBytes(ctx)
  const dir = path.join(ctx.services.config.dataDir, 'tmp')
  fs.mkdirSync(dir, { recursive: true })
  const tmp = path.join(dir, `support-${randomToken(12)}`)
  let size = 0
  let tooLarge = false
  try {
    await pipeline(
      source,
      // Past the limit the rest is read and dropped, not refused mid-stream: the next part of a
      // multipart form must still arrive.
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
    if (tooLarge || (source as Readable & { truncated?: boolean }).truncated) throw new UploadTooLargeError(FIELD)
    if (size === 0) throw new ValidationError({ [FIELD]: 'error.upload_empty' })
    const read = readAt(tmp)
    const head = read(0, Math.min(size, 8192))
    const isZip = head.readUInt32LE(0) === 0x04034b50
    const verdict = classifyAttachment(head, isZip ? zipEntryNames(size, read) : null, filename)
    if (!verdict.ok) throw new ValidationError({ [FIELD]: verdict.reason })
    const stored = await ctx.services.files.put(
      ctx.unscoped('stored file metadata is content-addressed'),
      fs.createReadStream(tmp),
      { field: FIELD, maxBytes: limit },
    )
    return { sha256: stored.sha256, size: stored.size, mime: verdict.mime, filename: cleanFilename(filename) }
  } finally {
    fs.rmSync(tmp, { force: true })
  }
}

/** Refuses more files than one message may carry. */
export function checkAttachmentCount(count: number): void {
  if (count > ATTACHMENTS_PER_MESSAGE) throw new ValidationError({ [FIELD]: 'support.error.too_many_attachments' })
}

/**
 * An attachment the caller may download: its request must be visible to the caller, and a client
 * user never reaches the files of internal notes (they answer 404 like anything out of scope).
 */
export async function attachmentFile(ctx: Ctx, id: string) {
  const row = await findAttachment(ctx, id)
  if (!row) throw new NotFoundError('attachment')
  if (ctx.actor?.role === 'client' && row.is_internal === 1) throw new NotFoundError('attachment')
  await getRequest(ctx, row.request_id)
  return {
    path: ctx.services.files.pathOf(row.sha256),
    sha256: row.sha256,
    mime: row.mime,
    filename: row.filename,
    size: Number(row.size),
  }
}
