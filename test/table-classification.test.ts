import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { testApp } from './helpers/test-app.js'

const MIGRATOR_TABLES = new Set(['kabinet_migrations', 'kabinet_migrations_lock'])

test('every table in the database has a scope classification in a manifest', async (t) => {
  const { services, db } = await testApp(t)
  const rows =
    db.dialect === 'sqlite'
      ? await sql<{
          name: string
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely)
      : await sql<{
          name: string
        }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
          db.kysely,
        )
  const tables = rows.rows.map((r) => r.name).filter((n) => !MIGRATOR_TABLES.has(n))
  assert.ok(tables.includes('users'))
  const unclassified = tables.filter((name) => !services.tables.has(name))
  assert.deepEqual(unclassified, [], `unclassified tables: ${unclassified.join(', ')}`)
  const ghosts = [...services.tables.keys()].filter((name) => !tables.includes(name))
  assert.deepEqual(ghosts, [], `classified but missing tables: ${ghosts.join(', ')}`)
})

test('every client-owned table has an index starting with client_id', async (t) => {
  const { services, db } = await testApp(t)
  const clientTables = [...services.tables].filter(([, s]) => s === 'client' || s === 'client-or-staff').map(([n]) => n)
  for (const table of clientTables) {
    const rows =
      db.dialect === 'sqlite'
        ? (
            await sql<{
              col: string
            }>`select ii.name as col from pragma_index_list(${table}) il, pragma_index_info(il.name) ii where ii.seqno = 0`.execute(
              db.kysely,
            )
          ).rows
        : (
            await sql<{
              col: string
            }>`select a.attname as col from pg_index i join pg_class c on c.oid = i.indrelid join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0] where c.relname = ${table}`.execute(
              db.kysely,
            )
          ).rows
    assert.ok(
      rows.some((r) => r.col === 'client_id'),
      `${table}: no index leads with client_id, so its scope filter scans the table`,
    )
  }
})
