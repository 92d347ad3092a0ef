import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ValidationError } from '../../core/errors.js'
import { pageContext } from '../../core/ui/page-context.js'
import { REPORT_GROUPS, type ReportGroup } from './support.constants.js'
import { reportCsv, reportXlsx } from './support-report.export.js'
import { defaultPeriod, overdueReport, REPORTS, type ReportParams } from './support-report.service.js'
import { listCategories } from './support-settings.service.js'
import { OverdueReportPage } from './views/overdue-report.js'

const ACCESS = { access: { permission: REPORTS } } as const

/** The report's parameters from the query string; a missing or odd period falls back to the last 30 days. */
async function paramsOf(req: FastifyRequest): Promise<ReportParams> {
  const q = (req.query ?? {}) as Record<string, unknown>
  const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).slice(0, 40) : '')
  const tz = (await req.server.services.settings.get('company')).timeZone
  const period = defaultPeriod(tz)
  return {
    group: REPORT_GROUPS.includes(s('group') as ReportGroup) ? (s('group') as ReportGroup) : 'manager',
    from: s('from') || period.from,
    to: s('to') || period.to,
    categoryId: s('category') || undefined,
    priority: s('priority') || undefined,
  }
}

/** The overdue-requests report at /support/reports/overdue, with CSV and XLSX exports. */
export async function supportReportPages(app: FastifyInstance) {
  app.get('/reports/overdue', { config: ACCESS }, async (req, reply) => {
    const params = await paramsOf(req)
    const pc = await pageContext(req, reply)
    const categories = (await listCategories(req.ctx)).map((c) => ({ id: c.id, name: c.names[req.locale] || c.name }))
    try {
      const report = await overdueReport(req.ctx, params)
      return reply.html(<OverdueReportPage pc={pc} report={report} categories={categories} params={params} />)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return reply
        .status(422)
        .html(<OverdueReportPage pc={pc} report={null} categories={categories} params={params} errors={err.fields} />)
    }
  })

  for (const ext of ['csv', 'xlsx'] as const) {
    app.get(`/reports/overdue.${ext}`, { config: ACCESS }, async (req, reply) => {
      const report = await overdueReport(req.ctx, await paramsOf(req))
      const name = `overdue-requests-${report.params.from}-${report.params.to}.${ext}`
      reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'private, no-store')
      return ext === 'csv'
        ? reply.type('text/csv; charset=utf-8').send(reportCsv(req.ctx, report))
        : reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .send(reportXlsx(req.ctx, report))
    })
  }
}
