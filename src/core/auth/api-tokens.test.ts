import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { createApiToken } from './api-tokens.js'
import { sha256Hex } from './hashing.js'

const me = (app: Awaited<ReturnType<typeof testApp>>['app'], authorization: string) =>
  app.inject({ url: '/api/v1/me', headers: { authorization } })

test('a Bearer token acts as its user on the API', async (t) => {
  const { app, given, services } = await testApp(t)
  const client = await given.client()
  const user = await given.clientUser({ client })
  const { token } = await createApiToken(services.db.kysely, user.id, 'erp')
  const res = await me(app, `Bearer ${token}`)
  assert.equal(res.statusCode, 200)
  assert.equal(res.json().id, user.id)
  assert.equal(res.json().clientId, client.id)
  // The scheme name is case-insensitive.
  assert.equal((await me(app, `bearer ${token}`)).statusCode, 200)
  assert.equal((await me(app, `BEARER  ${token} `)).statusCode, 200)
  const row = await services.db.kysely.selectFrom('api_tokens').select('last_used_at').executeTakeFirstOrThrow()
  assert.ok(row.last_used_at, 'use is recorded')
})

test('only the hash of a token is stored', async (t) => {
  const { given, services } = await testApp(t)
  const user = await given.manager()
  const { token, id, prefix } = await createApiToken(services.db.kysely, user.id, 'erp')
  const row = await services.db.kysely
    .selectFrom('api_tokens')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  assert.equal(row.token_hash, sha256Hex(token))
  assert.ok(token.startsWith(prefix))
  assert.ok(prefix.length < token.length / 3, 'the shown prefix is a small part')
  for (const value of Object.values(row)) assert.ok(!String(value).includes(token), 'no column holds the token')
})

test('revoked, expired and unknown tokens get 401 JSON naming the bad token', async (t) => {
  const { app, given, services } = await testApp(t)
  const db = services.db.kysely
  const user = await given.manager()
  const revoked = await createApiToken(db, user.id, 'old')
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', revoked.id)
    .execute()
  const expired = await createApiToken(db, user.id, 'short', new Date(Date.now() - 1000).toISOString())
  const live = await createApiToken(db, user.id, 'live', new Date(Date.now() + 3600_000).toISOString())
  const disabledUser = await given.manager({ status: 'disabled' })
  const ofDisabled = await createApiToken(db, disabledUser.id, 'gone')

  for (const [label, token] of [
    ['revoked', revoked.token],
    ['expired', expired.token],
    ['unknown', `kab_${'x'.repeat(40)}`],
    ['not ours', 'some-other-token'],
    ['of a disabled user', ofDisabled.token],
  ]) {
    const res = await me(app, `Bearer ${token}`)
    assert.equal(res.statusCode, 401, label)
    assert.match(String(res.headers['content-type']), /application\/json/)
    const body = res.json()
    assert.equal(body.error.code, 'unauthenticated', label)
    assert.match(body.error.message, /API token is unknown, revoked or expired/, label)
  }
  assert.equal((await me(app, `Bearer ${live.token}`)).statusCode, 200)
})

test('a bad token is not rescued by a session cookie sent along', async (t) => {
  const { app, given } = await testApp(t)
  const user = await given.manager()
  const cookie = await given.sessionCookie(user)
  const res = await app.inject({
    url: '/api/v1/me',
    headers: { authorization: 'Bearer kab_unknown', cookie },
  })
  assert.equal(res.statusCode, 401)
  assert.match(res.json().error.message, /API token/)
})

test('a bad token on a page redirects to the login like any stranger', async (t) => {
  const { app } = await testApp(t)
  const res = await app.inject({ url: '/', headers: { authorization: 'Bearer kab_unknown', accept: 'text/html' } })
  assert.equal(res.statusCode, 303)
  assert.match(String(res.headers.location), /^\/login/)
})

test('without any credentials the API says 401 unauthenticated, not the token message', async (t) => {
  const { app } = await testApp(t)
  const res = await app.inject({ url: '/api/v1/me' })
  assert.equal(res.statusCode, 401)
  assert.equal(res.json().error.code, 'unauthenticated')
  assert.doesNotMatch(res.json().error.message, /token/)
})
