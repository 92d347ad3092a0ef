import { type Expression, type SqlBool, sql } from 'kysely'

/** Whose data a caller may see. Only core/auth and systemScope build one. */
export type Scope =
  | { kind: 'client'; clientId: string }
  | { kind: 'manager'; managerId: string }
  | { kind: 'all' }
  | { kind: 'none' }

/**
 * How a table is filtered:
 * - `client`: rows carry a non-null `client_id`.
 * - `client-or-staff`: `client_id` may be null; such rows are staff-only (users, audit).
 * - `tenant`: the clients table itself.
 * - `staff`: never visible to client users.
 * - `global`: not client data (settings, lookup tables).
 * - `{ filter }`: a module's own rule (files, news, forum).
 */
export type TableScope =
  | 'client'
  | 'client-or-staff'
  | 'tenant'
  | 'staff'
  | 'global'
  | { filter: (scope: Scope, table: string) => Expression<SqlBool> | null }

const TRUE = null
const FALSE = sql<SqlBool>`1 = 0`

const managedClients = (managerId: string) => sql`(select c.id from clients c where c.manager_id = ${managerId})`

/** The where-clause that confines `table` to `scope`, or null when nothing needs filtering. */
export function scopeFilter(scope: Scope, table: string, cls: TableScope): Expression<SqlBool> | null {
  if (typeof cls === 'object') return cls.filter(scope, table)
  if (scope.kind === 'all') return TRUE
  if (scope.kind === 'none') return cls === 'global' ? TRUE : FALSE
  if (cls === 'global') return TRUE
  const column = sql.ref(`${table}.${cls === 'tenant' ? 'id' : 'client_id'}`)
  if (scope.kind === 'client') {
    if (cls === 'staff') return FALSE
    return sql<SqlBool>`${column} = ${scope.clientId}`
  }
  if (cls === 'staff') return TRUE
  if (cls === 'tenant') return sql<SqlBool>`${sql.ref(`${table}.manager_id`)} = ${scope.managerId}`
  if (cls === 'client-or-staff') {
    return sql<SqlBool>`(${column} is null or ${column} in ${managedClients(scope.managerId)})`
  }
  return sql<SqlBool>`${column} in ${managedClients(scope.managerId)}`
}

/** Whether a row of `clientId` is inside `scope` (for inserts). */
export function scopeAllowsClient(scope: Scope, clientId: string | null, managedIds?: Set<string>): boolean {
  if (scope.kind === 'all') return true
  if (scope.kind === 'none') return false
  if (scope.kind === 'client') return clientId === scope.clientId
  if (clientId === null) return true
  return managedIds?.has(clientId) ?? false
}
