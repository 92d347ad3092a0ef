import type { FastifyInstance } from 'fastify'
import { NotFoundError } from '../../core/errors.js'
import { defineModule } from '../../core/module.js'
import { REPORTS } from './pnl.service.js'
import { reportsApi } from './reports.api.js'
import { reportsDashboard } from './reports.dashboard.js'
import { reportsDemo } from './reports.demo.js'
import { reportsPages } from './reports.routes.js'
import { reportsMessages } from './reports-messages.js'

/** Reports are the head's alone: to anyone else signed in every route answers 404, as if absent. */
const hidden =
  (plugin: (app: FastifyInstance) => Promise<void>) =>
  async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', async (req) => {
      if (req.actor && !req.ctx.can(REPORTS)) throw new NotFoundError('report')
    })
    await plugin(app)
  }

/**
 * Management reports for the head: the P&L by income and expense category for any period (accrual
 * or cash, per currency) with shares, comparisons, drill-down, breakdowns by client and manager,
 * SVG charts, CSV/XLSX and print; a head dashboard block; a JSON API.
 */
export const reportsModule = defineModule({
  name: 'reports',
  dependsOn: ['clients', 'finance'],
  permissions: { [REPORTS]: ['head'] },
  tables: {},
  pages: hidden(reportsPages),
  api: hidden(reportsApi),
  nav: [{ label: 'nav.reports_pnl', href: '/reports/pnl', group: 'reports', permission: REPORTS }],
  messages: reportsMessages,
  dashboard: reportsDashboard,
  demo: reportsDemo,
})
