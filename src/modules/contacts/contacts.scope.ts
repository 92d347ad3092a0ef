import { type Expression, type SqlBool, sql } from 'kysely'
import type { Scope, TableScope } from '../../core/permissions/scope.js'

const NOTHING = sql<SqlBool>`1 = 0`

const managedClients = (managerId: string) => sql`(select c.id from clients c where c.manager_id = ${managerId})`

/**
 * The contact log is internal: client users see none of it (whatever their permissions say). A
 * manager sees the entries of its clients and its own entries, also for clients since reassigned
 * or recorded for it by the head, so its next steps never vanish from its home page.
 */
function contactLogFilter(scope: Scope, table: string): Expression<SqlBool> | null {
  if (scope.kind === 'all') return null
  if (scope.kind !== 'manager') return NOTHING
  const own = scope.managerId
  if (table === 'contact_log') {
    return sql<SqlBool>`(${sql.ref('contact_log.client_id')} in ${managedClients(own)} or ${sql.ref('contact_log.employee_id')} = ${own})`
  }
  return sql<SqlBool>`(${sql.ref(`${table}.client_id`)} in ${managedClients(own)} or ${sql.ref(`${table}.contact_log_id`)} in (select l.id from contact_log l where l.employee_id = ${own}))`
}

export const CONTACT_TABLE_SCOPES: Record<string, TableScope> = {
  contact_log: { filter: contactLogFilter },
  contact_log_persons: { filter: contactLogFilter },
}
