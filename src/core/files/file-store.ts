import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { nowIso, randomToken } from '../db/ids.js'
import { ValidationError } from '../errors.js'

export interface StoredFile {
  sha256: string
  size: number
  mime: string
}

export class UploadTooLargeError extends ValidationError {
  constructor(field: string) {
    super({ [field]: 'error.upload_too_large' })
  }
}

/** Recognises a file's type from its first bytes; the client's claimed type is never trusted. */
export function sniffMime(head: Buffer): string {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'application/zip'
  return 'application/octet-stream'
}

/**
 * Content-addressed storage under `<dataDir>/files/ab/cd/<sha256>`. Uploads stream to a temporary
 * file while hashed and counted; only a complete, accepted file is moved into place.
 */
export class FileStore {
  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
  ) {}

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
  }

  /** Streams `source` in; refuses it whole when larger than the limit or not of an accepted type. */
  async put(
    db: Kysely<Database>,
    source: Readable,
    opts: { field: string; accept?: string[]; maxBytes?: number },
  ): Promise<StoredFile> {
    const limit = Math.min(opts.maxBytes ?? this.maxBytes, this.maxBytes)
    fs.mkdirSync(path.join(this.root, 'tmp'), { recursive: true })
    const tmp = path.join(this.root, 'tmp', randomToken(12))
    const hash = createHash('sha256')
    let size = 0
    let head = Buffer.alloc(0)
    let tooLarge = false
    const out = fs.createWriteStream(tmp)
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length
            if (size > limit) {
              tooLarge = true
              throw new UploadTooLargeError(opts.field)
            }
            if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16)])
            hash.update(chunk)
            yield chunk
          }
        },
        out,
      )
      // @fastify/multipart truncates instead of failing when its own limit is hit.
      if ((source as Readable & { truncated?: boolean }).truncated) throw new UploadTooLargeError(opts.field)
      if (size === 0) throw new ValidationError({ [opts.field]: 'error.upload_empty' })
      const mime = sniffMime(head)
      if (opts.accept && !opts.accept.includes(mime)) throw new ValidationError({ [opts.field]: 'error.upload_type' })
      const sha256 = hash.digest('hex')
      const target = this.pathOf(sha256)
      fs.mkdirSync(path.dirname(target), { recursive: true })
      if (fs.existsSync(target)) fs.rmSync(tmp)
      else fs.renameSync(tmp, target)
      await db
        .insertInto('stored_files')
        .values({ sha256, size, mime, created_at: nowIso() })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute()
      return { sha256, size, mime }
    } catch (err) {
      // pipeline rejects before a destroyed write stream has finished opening; removing the file
      // then would leave it to be created afterwards, so wait for the stream to close first.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()))
      fs.rmSync(tmp, { force: true })
      if (tooLarge && !(err instanceof UploadTooLargeError)) throw new UploadTooLargeError(opts.field)
      throw err
    }
  }

  /** Stores an in-memory buffer (generated PDFs, imports). */
  async putBuffer(db: Kysely<Database>, data: Buffer, mime: string): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(data).digest('hex')
    const target = this.pathOf(sha256)
    if (!fs.existsSync(target)) {
      fs.mkdirSync(path.dirname(target), { recursive: true })
      const tmp = `${target}.${randomToken(6)}.tmp`
      fs.writeFileSync(tmp, data)
      fs.renameSync(tmp, target)
    }
    await db
      .insertInto('stored_files')
      .values({ sha256, size: data.length, mime, created_at: nowIso() })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute()
    return { sha256, size: data.length, mime }
  }

  read(sha256: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(sha256))
  }

  readBuffer(sha256: string): Buffer {
    return fs.readFileSync(this.pathOf(sha256))
  }
}
