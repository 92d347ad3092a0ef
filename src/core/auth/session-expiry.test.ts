import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { sha256Hex } from './hashing.js'
import { purgeExpiredSessions } from './sessions.js'

const IDLE = 30

async function world(t: Parameters<typeof testApp>[0]) {
  const w = await testApp(t, { env: { KABINET_SESSION_IDLE_MINUTES: String(IDLE) } })
  const user = await w.given.manager()
  const cookie = await w.given.sessionCookie(user)
  const sid = sha256Hex(cookie.split('=')[1] as string)
  const db = w.services.db.kysely
  const row = () => db.selectFrom('sessions').selectAll().where('id', '=', sid).executeTakeFirst()
  const page = () => w.app.inject({ url: '/account', headers: { cookie, accept: 'text/html' } })
  const me = () => w.app.inject({ url: '/api/v1/me', headers: { cookie, accept: 'application/json' } })
  return { ...w, user, cookie, sid, db, row, page, me }
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()

test('a live session works and its last_seen_at moves on (at most once a minute)', async (t) => {
  const { db, sid, row, me } = await world(t)
  const old = minutesAgo(5)
  await db.updateTable('sessions').set({ last_seen_at: old }).where('id', '=', sid).execute()
  assert.equal((await me()).statusCode, 200)
  const seen = (await row())?.last_seen_at as string
  assert.ok(seen > old, 'last_seen_at refreshed')
  assert.equal((await me()).statusCode, 200)
  assert.equal((await row())?.last_seen_at, seen, 'not rewritten within the minute')
})

test('a session idle longer than KABINET_SESSION_IDLE_MINUTES ends: login redirect, 401 JSON, row deleted', async (t) => {
  const { db, sid, row, page, me } = await world(t)
  await db
    .updateTable('sessions')
    .set({ last_seen_at: minutesAgo(IDLE + 1) })
    .where('id', '=', sid)
    .execute()
  const res = await page()
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, `/login?next=${encodeURIComponent('/account')}`)
  assert.equal(await row(), undefined)
  const api = await me()
  assert.equal(api.statusCode, 401)
  assert.equal(api.json().error.code, 'unauthenticated')
})

test('an idle session is refused on the API first too, and deleted', async (t) => {
  const { db, sid, row, me } = await world(t)
  await db
    .updateTable('sessions')
    .set({ last_seen_at: minutesAgo(IDLE + 1) })
    .where('id', '=', sid)
    .execute()
  const api = await me()
  assert.equal(api.statusCode, 401)
  assert.equal(api.json().error.code, 'unauthenticated')
  assert.equal(await row(), undefined)
})

test('a session past its absolute expiry ends even when active a moment ago', async (t) => {
  const { db, sid, row, page, me } = await world(t)
  await db
    .updateTable('sessions')
    .set({ expires_at: minutesAgo(1), last_seen_at: new Date().toISOString() })
    .where('id', '=', sid)
    .execute()
  const api = await me()
  assert.equal(api.statusCode, 401)
  assert.equal(await row(), undefined)
  const res = await page()
  assert.equal(res.statusCode, 303)
  assert.match(String(res.headers.location), /^\/login/)
})

test('a disabled user’s session stops working at once', async (t) => {
  const { db, user, me } = await world(t)
  assert.equal((await me()).statusCode, 200)
  await db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute()
  assert.equal((await me()).statusCode, 401)
})

test('the purge job removes idle and expired sessions and keeps live ones', async (t) => {
  const { db, given, services, sid, row } = await world(t)
  const other = await given.sessionCookie(await given.manager())
  const otherId = sha256Hex(other.split('=')[1] as string)
  const third = await given.sessionCookie(await given.manager())
  const thirdId = sha256Hex(third.split('=')[1] as string)
  await db
    .updateTable('sessions')
    .set({ last_seen_at: minutesAgo(IDLE + 1) })
    .where('id', '=', sid)
    .execute()
  await db
    .updateTable('sessions')
    .set({ expires_at: minutesAgo(1) })
    .where('id', '=', otherId)
    .execute()
  await purgeExpiredSessions(db, services.config.sessionIdleMinutes)
  assert.equal(await row(), undefined)
  const left = await db.selectFrom('sessions').select('id').where('id', 'in', [otherId, thirdId]).execute()
  assert.deepEqual(
    left.map((r) => r.id),
    [thirdId],
  )
})

test('a made-up or overlong session cookie is simply not signed in', async (t) => {
  const { app } = await testApp(t)
  for (const value of ['made-up', 'x'.repeat(5000)]) {
    const res = await app.inject({ url: '/api/v1/me', headers: { cookie: `kabinet_session=${value}` } })
    assert.equal(res.statusCode, 401)
  }
})
