import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { probeModule, probeNotes } from '../../../test/helpers/probe-module.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { createApiToken } from '../auth/api-tokens.js'

const world = async (t: Parameters<typeof testApp>[0]) => {
  const w = await testApp(t, { modules: [probeModule] })
  const user = await w.given.manager()
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(user))
  await agent.get('/')
  assert.ok(agent.csrf, 'the page carries a CSRF token')
  return { ...w, user, agent }
}

test('a form post without _csrf, or with a wrong one, is refused with 403 and changes nothing', async (t) => {
  const { services, agent } = await world(t)
  for (const form of [{ text: 'no token' }, { text: 'wrong token', _csrf: 'forged-token-value' }] as Record<
    string,
    string
  >[]) {
    const res = await agent.post('/probe/notes', form, { csrf: false })
    assert.equal(res.statusCode, 403, JSON.stringify(form))
    assert.match(res.body, /did not come from this site/)
  }
  assert.equal(await probeNotes(services), 0)

  const ok = await agent.post('/probe/notes', { text: 'with the token' })
  assert.equal(ok.statusCode, 303)
  assert.equal(await probeNotes(services), 1)
})

test('a token from another browser does not pass with this browser’s cookie', async (t) => {
  const { app, given, services, agent } = await world(t)
  const other = await Agent.signedIn(app, await given.sessionCookie(await given.manager()))
  await other.get('/')
  assert.notEqual(other.csrf, agent.csrf)
  const res = await agent.post('/probe/notes', { text: 'borrowed', _csrf: other.csrf }, { csrf: false })
  assert.equal(res.statusCode, 403)
  assert.equal(await probeNotes(services), 0)
})

test('a signed-in locale switch without the token leaves the user as it was', async (t) => {
  const { services, user, agent } = await world(t)
  const res = await agent.post('/locale', { locale: 'ru', back: '/' }, { csrf: false })
  assert.equal(res.statusCode, 403)
  const row = await services.db.kysely
    .selectFrom('users')
    .select('locale')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.locale, null)
  assert.ok(!res.cookies.some((c: { name: string }) => c.name === 'kabinet_locale'))
})

test('sign-out without the token keeps the session (no forced logout from another site)', async (t) => {
  const { services, user, agent } = await world(t)
  const res = await agent.post('/logout', {}, { csrf: false })
  assert.equal(res.statusCode, 403)
  const sessions = await services.db.kysely.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()
  assert.equal(sessions.length, 1)
})

test('a JSON API write with a session cookie needs the x-csrf-token header', async (t) => {
  const { app, services, agent } = await world(t)
  const without = await app.inject({
    method: 'POST',
    url: '/api/v1/probe/notes',
    headers: { cookie: agent.cookieHeader, accept: 'application/json' },
    payload: { text: 'no header' },
  })
  assert.equal(without.statusCode, 403)
  assert.equal(without.json().error.code, 'csrf_invalid')
  const wrong = await app.inject({
    method: 'POST',
    url: '/api/v1/probe/notes',
    headers: { cookie: agent.cookieHeader, accept: 'application/json', 'x-csrf-token': 'nope' },
    payload: { text: 'wrong header' },
  })
  assert.equal(wrong.statusCode, 403)
  assert.equal(await probeNotes(services), 0)

  const ok = await agent.api('POST', '/api/v1/probe/notes', { text: 'with header' })
  assert.equal(ok.statusCode, 200)
  assert.deepEqual(ok.json(), { ok: true })
  assert.equal(await probeNotes(services), 1)
})

test('a Bearer token needs no CSRF token: a forged cross-site form cannot carry it', async (t) => {
  const { app, services, user } = await world(t)
  const { token } = await createApiToken(services.db.kysely, user.id, 'integration')
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/probe/notes',
    headers: { authorization: `Bearer ${token}` },
    payload: { text: 'from an integration' },
  })
  assert.equal(res.statusCode, 200)
  assert.equal(await probeNotes(services), 1)
})

test('an anonymous form post is checked too (login CSRF)', async (t) => {
  const { app, given } = await testApp(t)
  const user = await given.manager()
  const agent = new Agent(app)
  await agent.get('/login')
  const res = await agent.post('/login', { email: user.email, password: user.password }, { csrf: false })
  assert.equal(res.statusCode, 403)
  assert.ok(!res.cookies.some((c: { name: string }) => c.name === 'kabinet_session'))
})
