import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { ensureSetupLink } from './flows.service.js'

const FORM = {
  name: 'Hanna Head',
  email: 'Hanna@Example.test',
  password: 'the very first passphrase',
  company_name: 'Példa Kft.',
}

test('first start: the setup link creates the first head once, signs it in, and is then dead', async (t) => {
  const { app, services } = await testApp(t)
  const db = services.db.kysely
  const link = await ensureSetupLink(services)
  assert.ok(link)
  assert.match(link, /^http:\/\/kabinet\.test\/setup\/[A-Za-z0-9_-]{20,}$/)
  const path = new URL(link).pathname

  const agent = new Agent(app)
  const form = await agent.get(path)
  assert.equal(form.statusCode, 200)
  for (const field of ['name', 'email', 'password', 'company_name'])
    assert.match(form.body, new RegExp(`name="${field}"`))

  const bad = await agent.post(path, { ...FORM, password: 'short' })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /value="Példa Kft\."/, 'input kept')
  assert.doesNotMatch(bad.body, /value="short"/, 'the password is not echoed')
  assert.equal((await db.selectFrom('users').select('id').execute()).length, 0)

  const done = await agent.post(path, FORM)
  assert.equal(done.statusCode, 303)
  assert.equal(done.headers.location, '/settings')
  const users = await db.selectFrom('users').selectAll().execute()
  assert.equal(users.length, 1)
  assert.equal(users[0]?.role, 'head')
  assert.equal(users[0]?.email, 'hanna@example.test')
  assert.equal(users[0]?.status, 'active')
  const me = await agent.api('GET', '/api/v1/me')
  assert.equal(me.statusCode, 200)
  assert.equal(me.json().role, 'head')
  assert.equal((await services.settings.get('company')).legalName, 'Példa Kft.')

  const again = await new Agent(app).post(path, { ...FORM, email: 'second@example.test' })
  assert.equal(again.statusCode, 410)
  assert.equal((await db.selectFrom('users').select('id').execute()).length, 1)
  assert.equal((await new Agent(app).get(path)).statusCode, 410)

  assert.equal(await ensureSetupLink(services), null)
})

test('a setup link is refused once any user exists, even unused', async (t) => {
  const { app, given, services } = await testApp(t)
  const link = await ensureSetupLink(services)
  assert.ok(link)
  await given.manager()
  const path = new URL(link).pathname
  assert.equal((await new Agent(app).get(path)).statusCode, 410)
  assert.equal((await new Agent(app).post(path, FORM)).statusCode, 410)
  const heads = await services.db.kysely.selectFrom('users').select('id').where('role', '=', 'head').execute()
  assert.equal(heads.length, 0)
})

test('a made-up setup token is refused', async (t) => {
  const { app, services } = await testApp(t)
  await ensureSetupLink(services)
  assert.equal((await new Agent(app).get('/setup/made-up-token')).statusCode, 410)
  assert.equal((await new Agent(app).post('/setup/made-up-token', FORM)).statusCode, 410)
  assert.equal((await services.db.kysely.selectFrom('users').select('id').execute()).length, 0)
})

test('two setup posts at once create one head', async (t) => {
  const { app, services } = await testApp(t)
  const path = new URL((await ensureSetupLink(services)) as string).pathname
  const a = new Agent(app)
  const b = new Agent(app)
  await a.get(path)
  await b.get(path)
  const results = await Promise.all([a.post(path, FORM), b.post(path, { ...FORM, email: 'other@example.test' })])
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 410])
  assert.equal((await services.db.kysely.selectFrom('users').select('id').execute()).length, 1)
})
