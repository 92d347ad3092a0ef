import { type Expression, type Insertable, type Kysely, type SqlBool, sql } from 'kysely'
import { NotFoundError } from '../errors.js'
import { type Scope, scopeAllowsClient, scopeFilter, type TableScope } from '../permissions/scope.js'
import type { Database } from './database.js'

export type TableName = keyof Database & string

// Kysely cannot resolve `where` on a builder over a generic table name; the filter is plain SQL.
type Filterable<Q> = { where(expression: Expression<SqlBool>): Q }
export type TableRegistry = ReadonlyMap<string, TableScope>

/**
 * The one scoping helper: every query a request makes goes through it, so no route can forget the
 * client filter. select/update/delete get the table's filter; inserts are checked against the scope.
 */
export class ScopedDb {
  constructor(
    private readonly raw: Kysely<Database>,
    readonly scope: Scope,
    private readonly tables: TableRegistry,
  ) {}

  private filter(table: string, write = false) {
    const cls = this.tables.get(table)
    if (!cls) throw new Error(`table ${table} has no scope classification in any module manifest`)
    // Global rows (settings, lookups) are readable by everyone but changed only by staff.
    if (write && cls === 'global' && (this.scope.kind === 'client' || this.scope.kind === 'none')) {
      return sql<SqlBool>`1 = 0`
    }
    return scopeFilter(this.scope, table, cls)
  }

  selectFrom<T extends TableName>(table: T) {
    const f = this.filter(table)
    const qb = this.raw.selectFrom(table)
    return f ? (qb as unknown as Filterable<typeof qb>).where(f) : qb
  }

  updateTable<T extends TableName>(table: T) {
    const f = this.filter(table, true)
    const qb = this.raw.updateTable(table)
    return f ? (qb as unknown as Filterable<typeof qb>).where(f) : qb
  }

  deleteFrom<T extends TableName>(table: T) {
    const f = this.filter(table, true)
    const qb = this.raw.deleteFrom(table)
    return f ? (qb as unknown as Filterable<typeof qb>).where(f) : qb
  }

  /** Inserts rows after checking each row's `client_id` lies inside the scope (404 otherwise). */
  async insert<T extends TableName>(table: T, rows: Insertable<Database[T]> | Insertable<Database[T]>[]) {
    const list = Array.isArray(rows) ? rows : [rows]
    if (list.length === 0) return
    const cls = this.tables.get(table)
    if (!cls) throw new Error(`table ${table} has no scope classification in any module manifest`)
    if (cls === 'client' || cls === 'client-or-staff') await this.checkClients(list as { client_id?: string | null }[])
    else if ((cls === 'staff' || cls === 'global') && (this.scope.kind === 'client' || this.scope.kind === 'none')) {
      throw new NotFoundError()
    }
    // Only staff create clients: a client user or an anonymous caller never adds a tenant.
    else if (cls === 'tenant' && (this.scope.kind === 'client' || this.scope.kind === 'none')) throw new NotFoundError()
    // biome-ignore lint/suspicious/noExplicitAny: the row type is checked by the signature above
    const values = list as any
    await this.raw.insertInto(table).values(values).execute()
  }

  private async checkClients(rows: { client_id?: string | null }[]) {
    const ids = [...new Set(rows.map((r) => r.client_id ?? null))]
    let managed: Set<string> | undefined
    if (this.scope.kind === 'manager') {
      const wanted = ids.filter((id): id is string => id !== null)
      const found = wanted.length
        ? await this.raw
            .selectFrom('clients')
            .select('id')
            .where('id', 'in', wanted)
            .where('manager_id', '=', this.scope.managerId)
            .execute()
        : []
      managed = new Set(found.map((r) => r.id))
    }
    for (const id of ids) if (!scopeAllowsClient(this.scope, id, managed)) throw new NotFoundError()
  }
}
