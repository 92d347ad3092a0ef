import type { FastifyInstance } from 'fastify'
import { ValidationError } from '../errors.js'
import { pageContext } from '../ui/page-context.js'
import { auditFacets, getAuditEntry, listAudit } from './audit.service.js'
import { diffChanges } from './audit-diff.js'
import { auditFiltersFrom, auditListQuery } from './audit-query.js'
import { AuditEntryPage } from './views/audit-entry-page.js'
import { AuditListPage } from './views/audit-list-page.js'

const READ = { access: { permission: 'audit.read' } } as const

/** The audit log pages: /audit and /audit/:id, in the caller's scope. */
export async function auditRoutes(app: FastifyInstance) {
  app.get('/', { config: READ }, async (req, reply) => {
    const lq = auditListQuery(req.query)
    const filters = auditFiltersFrom(lq.params)
    const facets = await auditFacets(req.ctx)
    let page = { rows: [] as Awaited<ReturnType<typeof listAudit>>['rows'], total: 0 }
    let errors: Record<string, string> | undefined
    try {
      page = await listAudit(req.ctx, lq, filters)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      errors = err.fields
    }
    const pc = await pageContext(req, reply)
    return reply
      .status(errors ? 422 : 200)
      .html(
        <AuditListPage
          pc={pc}
          lq={lq}
          rows={page.rows}
          total={page.total}
          facets={facets}
          showClient={req.ctx.scope.kind !== 'client'}
          errors={errors}
        />,
      )
  })

  app.get('/:id', { config: READ }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const entry = await getAuditEntry(req.ctx, id)
    return reply.html(
      <AuditEntryPage
        pc={await pageContext(req, reply)}
        entry={entry}
        changes={diffChanges(entry.before, entry.after)}
      />,
    )
  })
}
