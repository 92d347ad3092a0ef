import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'

async function companies(t: import('node:test').TestContext) {
  const world = await testApp(t)
  const { given } = world
  const a = await given.client({ name: 'Company A' })
  const b = await given.client({ name: 'Company B' })
  const aUser = await given.clientUser({ client: a, name: 'Anna of A' })
  const bAdmin = await given.clientUser({ client: b, isClientAdmin: true, name: 'Bela Admin' })
  const bUser = await given.clientUser({ client: b, name: 'Boris of B' })
  return { ...world, a, b, aUser, bAdmin, bUser }
}

test('a client admin sees only its own colleagues', async (t) => {
  const { app, given, aUser, bAdmin } = await companies(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(bAdmin))
  const list = await agent.get('/company/users')
  assert.equal(list.statusCode, 200)
  assert.match(list.body, /Boris of B/)
  assert.match(list.body, /Bela Admin/)
  assert.doesNotMatch(list.body, /Anna of A/)
  assert.doesNotMatch(list.body, new RegExp(aUser.email))
})

test('a client admin of company B gets 404 for a user of company A, on pages and in the API', async (t) => {
  const { app, given, services, aUser, bAdmin } = await companies(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(bAdmin))
  await agent.get('/company/users')
  assert.equal((await agent.get(`/company/users/${aUser.id}`)).statusCode, 404)
  assert.equal((await agent.post(`/company/users/${aUser.id}/disable`)).statusCode, 404)
  const api = await agent.api('GET', `/api/v1/users/${aUser.id}`)
  assert.equal(api.statusCode, 404)
  assert.equal(api.json().error.code, 'not_found')
  assert.equal((await agent.api('PATCH', `/api/v1/users/${aUser.id}`, { name: 'Hijacked' })).statusCode, 404)
  assert.equal((await agent.api('POST', `/api/v1/users/${aUser.id}/disable`)).statusCode, 404)
  const row = await services.db.kysely
    .selectFrom('users')
    .select(['name', 'status'])
    .where('id', '=', aUser.id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, { name: 'Anna of A', status: 'active' })
})

test('a client admin invites a colleague into its own company only, by e-mail', async (t) => {
  const { app, given, services, a, b, bAdmin } = await companies(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(bAdmin))
  const form = await agent.get('/company/users/new')
  assert.equal(form.statusCode, 200)
  assert.doesNotMatch(form.body, /name="role"/, 'no role to choose')

  const missing = await agent.post('/company/users', { name: 'Cili Colleague', email: '' })
  assert.equal(missing.statusCode, 422)
  assert.match(missing.body, /id="f-email-error"[^>]*>This field is required\./)
  assert.match(missing.body, /name="name"[^>]*value="Cili Colleague"/)

  // Role, client and admin flag in the post are ignored: the colleague is a client user of B.
  const res = await agent.post('/company/users', {
    name: 'Cili Colleague',
    email: 'cili@b.test',
    role: 'head',
    client_id: a.id,
    is_client_admin: '1',
    locale: 'ru',
    areas_present: '1',
    areas: ['orders', 'documents'],
  })
  assert.equal(res.statusCode, 303)
  const cili = await services.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('email', '=', 'cili@b.test')
    .executeTakeFirstOrThrow()
  assert.equal(cili.role, 'client')
  assert.equal(cili.client_id, b.id)
  assert.equal(cili.is_client_admin, 0)
  assert.equal(cili.status, 'invited')
  assert.equal(cili.areas, 'orders,documents')
  const mail = await services.db.kysely
    .selectFrom('outbox')
    .select(['subject', 'body_text'])
    .where('recipient', '=', 'cili@b.test')
    .executeTakeFirstOrThrow()
  assert.match(mail.body_text, /\/invite\//)
  assert.match(mail.subject, /Доступ/)
  assert.match((await agent.get('/company/users')).body, /An invitation has been sent to Cili Colleague/)
})

test('a client admin closes a finance area and disables a colleague, but not itself', async (t) => {
  const { app, given, services, bAdmin, bUser } = await companies(t)
  const colleague = await Agent.signedIn(app, await given.sessionCookie(bUser))
  assert.equal((await colleague.get('/account')).statusCode, 200)

  const agent = await Agent.signedIn(app, await given.sessionCookie(bAdmin))
  const page = await agent.get(`/company/users/${bUser.id}`)
  assert.match(page.body, /action="\/company\/users\/[^"]+\/disable"/)
  const saved = await agent.post(`/company/users/${bUser.id}`, { areas_present: '1', areas: ['orders', 'support'] })
  assert.equal(saved.statusCode, 303)
  const row = await services.db.kysely
    .selectFrom('users')
    .select('areas')
    .where('id', '=', bUser.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.areas, 'orders,support')

  assert.equal((await agent.post(`/company/users/${bUser.id}/disable`)).statusCode, 303)
  assert.equal((await colleague.get('/account')).statusCode, 303, 'the colleague is signed out')
  assert.equal((await agent.post(`/company/users/${bUser.id}/enable`)).statusCode, 303)

  const own = await agent.get(`/company/users/${bAdmin.id}`)
  assert.equal(own.statusCode, 200)
  assert.doesNotMatch(own.body, /\/disable"/, 'no disable button on oneself')
  const self = await agent.post(`/company/users/${bAdmin.id}/disable`)
  assert.equal(self.statusCode, 409)
  const me = await services.db.kysely
    .selectFrom('users')
    .select('status')
    .where('id', '=', bAdmin.id)
    .executeTakeFirstOrThrow()
  assert.equal(me.status, 'active')
})

test('a plain client user cannot invite, neither on the page nor in the API', async (t) => {
  const { app, given, services, bUser } = await companies(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(bUser))
  await agent.get('/account')
  assert.equal((await agent.get('/company/users')).statusCode, 403)
  assert.equal((await agent.post('/company/users', { name: 'X', email: 'x@b.test' })).statusCode, 403)
  assert.equal((await agent.api('POST', '/api/v1/users', { name: 'X', email: 'x@b.test' })).statusCode, 403)
  assert.equal((await agent.api('GET', '/api/v1/users')).statusCode, 403)
  const none = await services.db.kysely
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'x@b.test')
    .executeTakeFirst()
  assert.equal(none, undefined)
})
