import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { pageContext } from '../../core/ui/page-context.js'
import { CLIENT_COLUMNS } from './client-columns.js'
import { csvRecord } from './client-export.js'
import {
  confirmImport,
  type ImportPreview,
  ImportRefusedError,
  previewImport,
  signImport,
  storeImportUpload,
} from './client-import.js'
import { ImportPreviewPage, ImportUploadPage } from './views/client-import-pages.js'

const MANAGE = { access: { permission: 'clients.manage' } } as const

/** Column key → its header in the user's language, for naming problems. */
function labels(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = { file: req.t('clients.import.file'), row: req.t('clients.import.line') }
  for (const c of CLIENT_COLUMNS) out[c.key] = req.t(c.label)
  return out
}

const importable = (req: FastifyRequest) => CLIENT_COLUMNS.filter((c) => c.importable).map((c) => req.t(c.label))

async function renderPreview(req: FastifyRequest, reply: FastifyReply, preview: ImportPreview, refused = false) {
  const pc = await pageContext(req, reply)
  return <ImportPreviewPage pc={pc} preview={preview} labels={labels(req)} refused={refused} />
}

/**
 * A refused upload is answered before the browser has sent all of it, and the multipart parser has
 * stopped reading: the rest is read and dropped so the kept-alive connection serves the next
 * request; a body of unknown or very large size closes the connection instead.
 */
function discardUnreadBody(req: FastifyRequest, reply: FastifyReply): void {
  if (req.raw.complete) return
  const length = Number(req.headers['content-length'])
  if (!(length <= req.server.services.config.maxUploadBytes)) reply.header('connection', 'close')
  req.raw.resume()
}

/** `/clients/import`: upload a CSV, see every row checked, then import all of it or nothing. */
export async function clientImportRoutes(app: FastifyInstance) {
  app.get('/', { config: MANAGE }, async (req, reply) => {
    const pc = await pageContext(req, reply)
    return reply.html(<ImportUploadPage pc={pc} columns={importable(req)} />)
  })

  app.get('/template.csv', { config: MANAGE }, async (req, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="clients-import.csv"')
      .send(`\uFEFF${csvRecord(importable(req), ';')}\r\n`),
  )

  // The file is stored content-addressed and the preview URL carries its sha256 with a signature
  // bound to this user, so preview and confirm need no session state.
  app.post('/', { config: MANAGE }, async (req, reply) => {
    let sha256: string | null = null
    let encoding = 'utf-8'
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file' && part.fieldname === 'file' && !sha256)
          sha256 = await storeImportUpload(req.ctx, part.file)
        else if (part.type === 'file') part.file.resume()
        else if (part.fieldname === 'encoding') encoding = String(part.value)
      }
      if (!sha256) throw new ValidationError({ file: 'form.required' })
    } catch (err) {
      const fields =
        err instanceof ValidationError
          ? err.fields
          : (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
            ? { file: 'error.upload_too_large' }
            : null
      if (!fields) throw err
      discardUnreadBody(req, reply)
      const pc = await pageContext(req, reply)
      return reply.status(422).html(<ImportUploadPage pc={pc} columns={importable(req)} errors={fields} />)
    }
    const { signature, encoding: enc } = signImport(req.ctx, sha256, encoding)
    const qs = new URLSearchParams({ file: sha256, encoding: enc, signature })
    return reply.redirect(`/clients/import/preview?${qs}`, 303)
  })

  app.get('/preview', { config: MANAGE }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>
    const preview = await previewImport(req.ctx, q.file ?? '', q.encoding ?? '', q.signature ?? '')
    return reply.status(preview.errorCount ? 422 : 200).html(await renderPreview(req, reply, preview))
  })

  app.post('/confirm', { config: MANAGE }, async (req, reply) => {
    const form = formData(req.body)
    try {
      const { count } = await confirmImport(req.ctx, form.sha256 ?? '', form.encoding ?? '', form.signature ?? '')
      setFlash(reply, 'success', req.t('clients.import.done', { count }))
      return reply.redirect('/clients', 303)
    } catch (err) {
      if (!(err instanceof ImportRefusedError)) throw err
      return reply.status(422).html(await renderPreview(req, reply, err.preview, true))
    }
  })
}
