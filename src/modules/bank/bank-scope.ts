import { type Expression, type SqlBool, sql } from 'kysely'
import type { Scope, TableScope } from '../../core/permissions/scope.js'

const NOTHING = sql<SqlBool>`1 = 0`
const managed = (managerId: string) => sql`(select c.id from clients c where c.manager_id = ${managerId})`

/**
 * Bank transactions are company money: client users never see one. A manager sees incoming payments
 * of the clients assigned to them and those not yet tied to any client (the review queue); outgoing
 * payments (company expenses) only with a company-wide scope.
 */
export const bankTransactionScope: TableScope = {
  filter: (scope: Scope, table: string): Expression<SqlBool> | null => {
    if (scope.kind === 'all') return null
    if (scope.kind !== 'manager') return NOTHING
    const client = sql.ref(`${table}.client_id`)
    return sql<SqlBool>`(${sql.ref(`${table}.direction`)} = 'in' and (${client} is null or ${client} in ${managed(scope.managerId)}))`
  },
}

/** Saved "payer name → client" rules: staff only, a manager's own clients' rules. */
export const clientRuleScope: TableScope = {
  filter: (scope: Scope, table: string): Expression<SqlBool> | null => {
    if (scope.kind === 'all') return null
    if (scope.kind !== 'manager') return NOTHING
    return sql<SqlBool>`${sql.ref(`${table}.client_id`)} in ${managed(scope.managerId)}`
  },
}
