import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import pg from 'pg'
import { freshDatabase, PG_URL } from '../../../test/helpers/test-db.js'

test('PostgreSQL: an idle connection killed by the server neither crashes the process nor breaks the pool', {
  skip: PG_URL ? false : 'PostgreSQL only (set KABINET_TEST_DATABASE_URL)',
}, async (t) => {
  const fresh = await freshDatabase(t)
  const db = fresh.db.kysely
  const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid
  assert.ok(pid)
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  try {
    await admin.query('select pg_terminate_backend($1)', [pid])
  } finally {
    await admin.end()
  }
  // Give the pool a moment to hear about it (an unheard pool error would be an uncaught exception).
  await new Promise((resolve) => setTimeout(resolve, 200))
  const again = await sql<{ one: number }>`select 1 as one`.execute(db)
  assert.equal(again.rows[0]?.one, 1)
})

test('SQLite: foreign keys are enforced and the journal is WAL', {
  skip: PG_URL ? 'SQLite only' : false,
}, async (t) => {
  const fresh = await freshDatabase(t)
  assert.equal(fresh.db.sqlite?.pragma('foreign_keys', { simple: true }), 1)
  assert.equal(fresh.db.sqlite?.pragma('journal_mode', { simple: true }), 'wal')
  await assert.rejects(
    fresh.db.kysely
      .insertInto('sessions')
      .values({
        id: 'x',
        user_id: 'no-such-user',
        mfa_pending: 0,
        created_at: '',
        expires_at: '',
        last_seen_at: '',
        ip: null,
        user_agent: null,
      })
      .execute(),
    /FOREIGN KEY/,
  )
})
