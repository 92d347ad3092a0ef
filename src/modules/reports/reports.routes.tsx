import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../../core/errors.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { pageContext } from '../../core/ui/page-context.js'
import { drillEntries } from './drill.service.js'
import { pnlCsv, pnlXlsx } from './pnl.export.js'
import { incomeByClient, incomeByManager } from './pnl.queries.js'
import { checkParams, pnlReport, REPORTS } from './pnl.service.js'
import { paramsFrom } from './report-params.js'
import { DrillPage, IncomePage, PrintPage } from './views/detail-pages.js'
import { PnlPage } from './views/pnl-page.js'

const ACCESS = { access: { permission: REPORTS } } as const

/** Currencies the company books in (ledger and expenses), for the currency select. */
async function currenciesOf(req: FastifyRequest): Promise<string[]> {
  const a = await req.ctx.db.selectFrom('ledger_entries').select('ledger_entries.currency').distinct().execute()
  const b = await req.ctx.db.selectFrom('expenses').select('expenses.currency').distinct().execute()
  const { defaultCurrency } = await req.server.services.settings.get('company')
  return [...new Set([defaultCurrency, ...a.map((x) => x.currency), ...b.map((x) => x.currency)])].sort()
}

/** The head's report pages under /reports (the module answers 404 to everyone else). */
export async function reportsPages(app: FastifyInstance) {
  app.get('/pnl', { config: ACCESS }, async (req, reply) => {
    const params = await paramsFrom(req.ctx, req.query)
    const pc = await pageContext(req, reply)
    const currencies = await currenciesOf(req)
    try {
      const report = await pnlReport(req.ctx, params)
      return reply.html(<PnlPage pc={pc} params={params} report={report} currencies={currencies} />)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return reply
        .status(422)
        .html(<PnlPage pc={pc} params={params} report={null} errors={err.fields} currencies={currencies} />)
    }
  })

  app.get('/pnl/print', { config: ACCESS }, async (req, reply) => {
    const report = await pnlReport(req.ctx, await paramsFrom(req.ctx, req.query))
    return reply.html(<PrintPage pc={await pageContext(req, reply)} r={report} />)
  })

  for (const ext of ['csv', 'xlsx'] as const) {
    app.get(`/pnl.${ext}`, { config: ACCESS }, async (req, reply) => {
      const report = await pnlReport(req.ctx, await paramsFrom(req.ctx, req.query))
      const p = report.params
      const name = `pnl-${p.currency}-${p.basis}-${p.from}-${p.to}.${ext}`
      reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'private, no-store')
      return ext === 'csv'
        ? reply.type('text/csv; charset=utf-8').send(pnlCsv(req.ctx, report))
        : reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(pnlXlsx(req.ctx, report))
    })
  }

  app.get('/pnl/entries', { config: ACCESS }, async (req: FastifyRequest, reply: FastifyReply) => {
    const params = await paramsFrom(req.ctx, req.query)
    const lq = parseListQuery(req.query, { sortable: ['date', 'amount'], defaultSort: 'date' })
    const line = lq.params.line ?? 'income'
    const page = await drillEntries(req.ctx, { ...params, line, clientId: lq.params.client || undefined }, lq)
    const title = req.t('reports.drill_title', { from: params.from, to: params.to, currency: params.currency })
    return reply.html(<DrillPage pc={await pageContext(req, reply)} lq={lq} page={page} title={title} />)
  })

  app.get('/income', { config: ACCESS }, async (req, reply) => {
    const params = await paramsFrom(req.ctx, req.query)
    checkParams(params)
    const lq = parseListQuery(req.query, { sortable: ['income'], per: 25 })
    const clients = await incomeByClient(req.ctx, params.currency, params, params.basis, {
      limit: lq.per,
      offset: (lq.page - 1) * lq.per,
    })
    const managers = await incomeByManager(req.ctx, params.currency, params, params.basis)
    return reply.html(
      <IncomePage
        pc={await pageContext(req, reply)}
        params={params}
        lq={lq}
        clients={{ rows: clients.rows, total: clients.total, page: lq.page, per: lq.per }}
        managers={managers}
      />,
    )
  })
}
