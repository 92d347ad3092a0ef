import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { scopeAllowsClient, scopeFilter } from './scope.js'

// Compiles the filters against a throwaway database to read the SQL they produce.
const db = new Kysely<Record<string, { id: string; client_id: string | null; manager_id: string | null }>>({
  dialect: new SqliteDialect({ database: new SQLite(':memory:') }),
})
after(() => db.destroy())
const where = (expr: ReturnType<typeof scopeFilter>) => {
  if (!expr) return null
  const q = db.selectFrom('t').selectAll().where(expr).compile()
  return { sql: q.sql.replace(/^select \* from "t" where /, ''), params: q.parameters }
}

test('scopeFilter: the all scope filters nothing; none sees only global tables', () => {
  for (const cls of ['client', 'client-or-staff', 'tenant', 'staff', 'global'] as const) {
    assert.equal(scopeFilter({ kind: 'all' }, 't', cls), null, cls)
  }
  assert.equal(scopeFilter({ kind: 'none' }, 't', 'global'), null)
  for (const cls of ['client', 'client-or-staff', 'tenant', 'staff'] as const) {
    assert.deepEqual(where(scopeFilter({ kind: 'none' }, 't', cls)), { sql: '1 = 0', params: [] }, cls)
  }
})

test('scopeFilter: a client sees its own rows, its tenant row, never staff rows', () => {
  const scope = { kind: 'client', clientId: 'A' } as const
  assert.deepEqual(where(scopeFilter(scope, 't', 'client')), { sql: '"t"."client_id" = ?', params: ['A'] })
  assert.deepEqual(where(scopeFilter(scope, 't', 'client-or-staff')), { sql: '"t"."client_id" = ?', params: ['A'] })
  assert.deepEqual(where(scopeFilter(scope, 't', 'tenant')), { sql: '"t"."id" = ?', params: ['A'] })
  assert.deepEqual(where(scopeFilter(scope, 't', 'staff')), { sql: '1 = 0', params: [] })
  assert.equal(scopeFilter(scope, 't', 'global'), null)
})

test('scopeFilter: a manager sees the clients it manages, and staff rows', () => {
  const scope = { kind: 'manager', managerId: 'M' } as const
  const managed = '(select c.id from clients c where c.manager_id = ?)'
  assert.deepEqual(where(scopeFilter(scope, 't', 'client')), { sql: `"t"."client_id" in ${managed}`, params: ['M'] })
  assert.deepEqual(where(scopeFilter(scope, 't', 'client-or-staff')), {
    sql: `("t"."client_id" is null or "t"."client_id" in ${managed})`,
    params: ['M'],
  })
  assert.deepEqual(where(scopeFilter(scope, 't', 'tenant')), { sql: '"t"."manager_id" = ?', params: ['M'] })
  assert.equal(scopeFilter(scope, 't', 'staff'), null)
})

test('scopeFilter: a value that looks like SQL stays a parameter', () => {
  const evil = "A' or '1'='1"
  assert.deepEqual(where(scopeFilter({ kind: 'client', clientId: evil }, 't', 'client')), {
    sql: '"t"."client_id" = ?',
    params: [evil],
  })
})

test('scopeAllowsClient decides inserts', () => {
  assert.equal(scopeAllowsClient({ kind: 'all' }, 'X'), true)
  assert.equal(scopeAllowsClient({ kind: 'all' }, null), true)
  assert.equal(scopeAllowsClient({ kind: 'none' }, 'X'), false)
  assert.equal(scopeAllowsClient({ kind: 'client', clientId: 'A' }, 'A'), true)
  assert.equal(scopeAllowsClient({ kind: 'client', clientId: 'A' }, 'B'), false)
  assert.equal(scopeAllowsClient({ kind: 'client', clientId: 'A' }, null), false)
  const mgr = { kind: 'manager', managerId: 'M' } as const
  assert.equal(scopeAllowsClient(mgr, null), true)
  assert.equal(scopeAllowsClient(mgr, 'A', new Set(['A'])), true)
  assert.equal(scopeAllowsClient(mgr, 'B', new Set(['A'])), false)
  assert.equal(scopeAllowsClient(mgr, 'A'), false, 'unknown managed set refuses')
})
