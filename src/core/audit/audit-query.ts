import { type ListQuery, parseListQuery } from '../http/list-query.js'
import { AUDIT_SORTS, type AuditFilters } from './audit.service.js'

/** Page, sort and filters of the audit list, from a query string (page and API alike). */
export const auditListQuery = (query: unknown): ListQuery =>
  parseListQuery(query, { sortable: AUDIT_SORTS, defaultSort: 'at', defaultDir: 'desc', per: 50 })

/** The list filters from query parameters; empty values mean "no filter". */
export const auditFiltersFrom = (params: Record<string, string | undefined>): AuditFilters => ({
  action: params.action?.trim() || undefined,
  actor: params.actor?.trim() || undefined,
  entity: params.entity?.trim() || undefined,
  entityId: params.entity_id?.trim() || undefined,
  clientId: params.client_id?.trim() || undefined,
  from: params.from?.trim() || undefined,
  to: params.to?.trim() || undefined,
})
