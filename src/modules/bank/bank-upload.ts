import type { FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../../core/errors.js'

export interface UploadedFile {
  field: string
  name: string
  bytes: Buffer
}

export interface Upload {
  fields: Record<string, string>
  files: UploadedFile[]
}

/**
 * Reads a multipart post into memory (statements are parsed whole; the size limit is the
 * installation's upload limit). A file over the limit refuses the whole upload with a field error.
 */
export async function readUpload(req: FastifyRequest, reply: FastifyReply, fileField: string): Promise<Upload> {
  const out: Upload = { fields: {}, files: [] }
  if (!req.isMultipart()) throw new ValidationError({ [fileField]: 'form.required' })
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') out.fields[part.fieldname] = part.value
        continue
      }
      const bytes = await part.toBuffer()
      if (!part.filename || bytes.length === 0) continue
      out.files.push({ field: part.fieldname, name: part.filename, bytes })
    }
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code !== 'FST_REQ_FILE_TOO_LARGE' && code !== 'FST_FILES_LIMIT') throw err
    if (!req.raw.complete) {
      if (!(Number(req.headers['content-length']) <= req.server.services.config.maxUploadBytes))
        reply.header('connection', 'close')
      req.raw.resume()
    }
    throw new ValidationError({
      [fileField]: code === 'FST_FILES_LIMIT' ? 'bank.error.too_many_files' : 'error.upload_too_large',
    })
  }
  return out
}
