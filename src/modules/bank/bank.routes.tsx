import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { pageContext } from '../../core/ui/page-context.js'
import { IMPORT, IMPORT_SORTS, REVIEW, STATEMENT_SORTS } from './bank.constants.js'
import { csvMappingOf, listOwnAccounts } from './bank-accounts.service.js'
import { bankAdminPages } from './bank-admin.routes.js'
import { getImport, listImports, listStatements } from './bank-history.service.js'
import { type ImportOutcome, importStatement } from './bank-import.service.js'
import { bankReviewPages } from './bank-review.routes.js'
import { listTransactions } from './bank-review.service.js'
import { readUpload } from './bank-upload.js'
import { ImportPage, UploadResultsPage } from './views/import-result-page.js'
import { ImportsPage } from './views/imports-page.js'
import { StatementsPage } from './views/statements-page.js'

const IMPORTER = { access: { permission: IMPORT } } as const
const SCRIPT = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'bank-upload.js'), 'utf8')

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id

async function csvAccounts(req: FastifyRequest) {
  return (await listOwnAccounts(req.ctx)).filter((a) => a.csv_mapping_json).map((a) => ({ id: a.id, name: a.name }))
}

async function renderImports(req: FastifyRequest, reply: FastifyReply, errors?: Record<string, string>) {
  const lq = parseListQuery(req.query, { sortable: IMPORT_SORTS, defaultSort: 'imported_at', defaultDir: 'desc' })
  const page = await listImports(req.ctx, lq)
  return (
    <ImportsPage
      pc={await pageContext(req, reply)}
      lq={lq}
      page={page}
      csvAccounts={await csvAccounts(req)}
      errors={errors}
    />
  )
}

/** Bank pages under /bank: imports and upload, an import's result, statements, review, rules, accounts. */
export async function bankPages(app: FastifyInstance) {
  // Bank data is the company's money: to client users the whole module does not exist.
  app.addHook('onRequest', async (req) => {
    if (req.actor?.role === 'client') throw new NotFoundError('bank')
  })
  // The drag-and-drop enhancement of the upload form, served as a file (strict CSP: no inline script).
  app.get('/upload.js', { config: { access: 'public' } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SCRIPT),
  )

  app.get('/', { config: IMPORTER }, async (req, reply) => reply.html(await renderImports(req, reply)))

  app.post('/imports', { config: IMPORTER }, async (req, reply) => {
    let upload: Awaited<ReturnType<typeof readUpload>>
    try {
      upload = await readUpload(req, reply, 'files')
      if (!upload.files.length) throw new ValidationError({ files: 'form.required' })
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return reply.status(422).html(await renderImports(req, reply, err.fields))
    }
    let csvMapping = null
    if (upload.fields.account) {
      const account = (await listOwnAccounts(req.ctx)).find((a) => a.id === upload.fields.account)
      if (!account) return reply.status(422).html(await renderImports(req, reply, { account: 'form.invalid_choice' }))
      csvMapping = csvMappingOf(account)
    }
    const outcomes: ImportOutcome[] = []
    // Each file is its own transaction: one bad file refuses only itself.
    for (const f of upload.files)
      outcomes.push(await importStatement(req.ctx, { name: f.name, bytes: f.bytes, csvMapping }))
    const only = outcomes.length === 1 ? outcomes[0] : undefined
    if (only?.importId) {
      setFlash(reply, 'success', req.t('bank.results.done', { file: only.fileName }))
      return reply.redirect(`/bank/imports/${encodeURIComponent(only.importId)}`, 303)
    }
    const status = outcomes.every((o) => o.importId === null) ? 422 : 200
    return reply.status(status).html(<UploadResultsPage pc={await pageContext(req, reply)} outcomes={outcomes} />)
  })

  app.get('/imports/:id', { config: IMPORTER }, async (req, reply) => {
    const imp = await getImport(req.ctx, idOf(req))
    const lq = parseListQuery(req.query, {
      sortable: ['date', 'amount', 'counterparty', 'status'],
      defaultSort: 'date',
    })
    const statements = await listStatements(req.ctx, {
      page: 1,
      per: 100,
      sort: 'period_to',
      dir: 'asc',
      q: '',
      params: { import: imp.id },
    })
    const txPage = await listTransactions(req.ctx, lq, { importId: imp.id })
    return reply.html(
      <ImportPage pc={await pageContext(req, reply)} imp={imp} statements={statements.rows} lq={lq} txPage={txPage} />,
    )
  })

  app.get('/imports/:id/file', { config: IMPORTER }, async (req, reply) => {
    const imp = await getImport(req.ctx, idOf(req))
    const file = req.server.services.files.pathOf(imp.fileSha256)
    if (!fs.existsSync(file)) throw new NotFoundError('bank_import_file')
    const ascii = imp.fileName.replace(/[^A-Za-z0-9._-]/g, '_')
    return reply
      .type('application/octet-stream')
      .header(
        'content-disposition',
        `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(imp.fileName)}`,
      )
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(fs.createReadStream(file))
  })

  app.get('/statements', { config: IMPORTER }, async (req, reply) => {
    const lq = parseListQuery(req.query, { sortable: STATEMENT_SORTS, defaultSort: 'period_to', defaultDir: 'desc' })
    const page = await listStatements(req.ctx, lq)
    const accounts = (await listOwnAccounts(req.ctx)).map((a) => ({ id: a.id, name: a.name }))
    return reply.html(<StatementsPage pc={await pageContext(req, reply)} lq={lq} page={page} accounts={accounts} />)
  })

  await bankReviewPages(app, { access: { permission: REVIEW } })
  await bankAdminPages(app)
}
