import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent, loginThroughForm } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'

test('the head lists users with search, role filter and sorting', async (t) => {
  const { app, given } = await testApp(t)
  const head = await given.head({ name: 'Hanna Head' })
  const client = await given.client({ name: 'Acme Kft.' })
  await given.clientUser({ client, name: 'Zoltán Ügyfél', email: 'zoltan@acme.test' })
  await given.manager({ name: 'Anna Manager', email: 'anna@kabinet.test' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(head))

  const all = await agent.get('/users')
  assert.equal(all.statusCode, 200)
  assert.match(all.body, /Zoltán Ügyfél/)
  assert.match(all.body, /Acme Kft\./)
  assert.ok(all.body.indexOf('Anna Manager') < all.body.indexOf('Zoltán Ügyfél'), 'sorted by name')

  const search = await agent.get('/users?q=acme')
  assert.match(search.body, /zoltan@acme\.test/)
  assert.doesNotMatch(search.body, /Anna Manager/)

  const managers = await agent.get('/users?role=manager&sort=name&dir=desc')
  assert.match(managers.body, /Anna Manager/)
  assert.doesNotMatch(managers.body, /Zoltán Ügyfél/)
  assert.match(managers.body, /aria-sort="descending"/)

  const none = await agent.get('/users?q=nobody-like-this')
  assert.match(none.body, /Nothing matches these filters\./)
})

test('the head invites a client user; the link sets the password once', async (t) => {
  const { app, given, services } = await testApp(t)
  const head = await given.head()
  const client = await given.client({ name: 'Beta Ltd' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  const form = await agent.get('/users/new')
  assert.equal(form.statusCode, 200)
  assert.match(form.body, new RegExp(`<option value="${client.id}"[^>]*>Beta Ltd</option>`))

  const res = await agent.post('/users', {
    email: 'New.Person@Beta.test',
    name: 'New Person',
    role: 'client',
    client_id: client.id,
    locale: 'hu',
    access: 'invite',
    areas_present: '1',
    areas: ['orders', 'support'],
  })
  assert.equal(res.statusCode, 303)
  const user = await services.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('email', '=', 'new.person@beta.test')
    .executeTakeFirstOrThrow()
  assert.equal(res.headers.location, `/users/${user.id}`)
  assert.equal(user.status, 'invited')
  assert.equal(user.client_id, client.id)
  assert.equal(user.password_hash, null)
  assert.equal(user.areas, 'orders,support')
  const page = await agent.get(`/users/${user.id}`)
  assert.match(page.body, /an invitation has been sent to new\.person@beta\.test/)
  assert.match(page.body, /action="\/users\/[^"]+\/resend-invite"/)

  const mail = await services.db.kysely
    .selectFrom('outbox')
    .selectAll()
    .where('recipient', '=', user.email)
    .executeTakeFirstOrThrow()
  const link = /http:\/\/kabinet\.test(\/invite\/[A-Za-z0-9_-]+)/.exec(mail.body_text)?.[1]
  assert.ok(link, `invite link in: ${mail.body_text}`)
  assert.match(mail.subject, /Hozzáférés/, 'in the language chosen for the user')

  const visitor = new Agent(app)
  assert.equal((await visitor.get(link)).statusCode, 200)
  const accepted = await visitor.post(link, { name: 'New Person', password: 'my own long password' })
  assert.equal(accepted.statusCode, 303)
  assert.equal((await loginThroughForm(app, user.email, 'my own long password')).res.statusCode, 303)
  const again = await visitor.post(link, { name: 'Somebody Else', password: 'another long password' })
  assert.equal(again.statusCode, 410)

  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', user.id)
    .execute()
  assert.ok(audit.some((a) => a.action === 'user.created'))
})

test('the head creates a manager with a first password', async (t) => {
  const { app, given } = await testApp(t)
  const head = await given.head()
  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  await agent.get('/users/new')
  const res = await agent.post('/users', {
    email: 'mgr@kabinet.test',
    name: 'Mark Manager',
    role: 'manager',
    all_clients: '1',
    access: 'password',
    password: 'a first long password',
  })
  assert.equal(res.statusCode, 303)
  assert.equal((await loginThroughForm(app, 'mgr@kabinet.test', 'a first long password')).res.statusCode, 303)
})

test('a form with missing fields answers 422 with the errors beside the fields and the input kept', async (t) => {
  const { app, given, services } = await testApp(t)
  const head = await given.head()
  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  await agent.get('/users/new')
  const res = await agent.post('/users', {
    email: 'kept@example.test',
    name: '',
    role: 'client',
    client_id: '',
    access: 'password',
    password: '',
  })
  assert.equal(res.statusCode, 422)
  assert.match(res.body, /id="f-name-error"[^>]*>This field is required\./)
  assert.match(res.body, /id="f-client_id-error"[^>]*>Choose the client this user belongs to\./)
  assert.match(res.body, /id="f-password-error"[^>]*>This field is required\./)
  assert.match(res.body, /name="email"[^>]*value="kept@example\.test"/)
  assert.match(res.body, /value="password" checked/)
  const row = await services.db.kysely
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'kept@example.test')
    .executeTakeFirst()
  assert.equal(row, undefined)

  const taken = await agent.post('/users', { email: head.email, name: 'Twin', role: 'admin', access: 'invite' })
  assert.equal(taken.statusCode, 422)
  assert.match(taken.body, /There is already a user with this e-mail address\./)
  assert.match(taken.body, /name="name"[^>]*value="Twin"/)
})

test('a role change ends that user’s sessions', async (t) => {
  const { app, given, services } = await testApp(t)
  const head = await given.head()
  const manager = await given.manager({ name: 'Mia' })
  const managerAgent = await Agent.signedIn(app, await given.sessionCookie(manager))
  assert.equal((await managerAgent.get('/account')).statusCode, 200)

  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  await agent.get(`/users/${manager.id}`)
  const res = await agent.post(`/users/${manager.id}`, { name: 'Mia', role: 'admin', locale: '' })
  assert.equal(res.statusCode, 303)
  const row = await services.db.kysely
    .selectFrom('users')
    .select('role')
    .where('id', '=', manager.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.role, 'admin')
  assert.equal((await managerAgent.get('/account')).statusCode, 303, 'signed out')

  const bad = await agent.post(`/users/${manager.id}`, { name: '', role: 'client' })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /id="f-name-error"/)
  assert.match(bad.body, /id="f-role-error"/)
})

test('disabling ends the user’s session; enabling lets it sign in again', async (t) => {
  const { app, given } = await testApp(t)
  const head = await given.head()
  const user = await given.clientUser()
  const userAgent = await Agent.signedIn(app, await given.sessionCookie(user))
  assert.equal((await userAgent.get('/account')).statusCode, 200)

  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  const page = await agent.get(`/users/${user.id}`)
  assert.match(page.body, /data-confirm="[^"]*Disable\?"/)
  assert.equal((await agent.post(`/users/${user.id}/disable`)).statusCode, 303)
  assert.equal((await userAgent.get('/account')).statusCode, 303)
  assert.equal((await loginThroughForm(app, user.email, user.password)).res.statusCode, 401)
  assert.match((await agent.get(`/users/${user.id}`)).body, /is disabled\./)

  assert.equal((await agent.post(`/users/${user.id}/enable`)).statusCode, 303)
  assert.equal((await loginThroughForm(app, user.email, user.password)).res.statusCode, 303)

  // Nobody disables themselves: the refusal comes back as a message.
  await agent.get(`/users/${head.id}`)
  const self = await app.inject({
    method: 'POST',
    url: `/users/${head.id}/disable`,
    headers: {
      cookie: agent.cookieHeader,
      'content-type': 'application/x-www-form-urlencoded',
      referer: `http://kabinet.test/users/${head.id}`,
    },
    payload: `_csrf=${encodeURIComponent(agent.csrf)}`,
  })
  assert.equal(self.statusCode, 303)
  assert.equal(self.headers.location, `/users/${head.id}`)
})

test('resetting two-step verification removes the secret and signs the user out', async (t) => {
  const { app, given, services } = await testApp(t)
  const admin = await given.admin()
  const user = await given.manager({ totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(admin))
  const page = await agent.get(`/users/${user.id}`)
  assert.match(page.body, /action="\/users\/[^"]+\/reset-2fa"/)
  assert.equal((await agent.post(`/users/${user.id}/reset-2fa`)).statusCode, 303)
  const row = await services.db.kysely
    .selectFrom('users')
    .select(['totp_enabled', 'totp_secret'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, { totp_enabled: 0, totp_secret: null })
})

test('a manager may not open user management, and an unknown id is 404', async (t) => {
  const { app, given } = await testApp(t)
  const manager = await given.manager({ allClients: true })
  const other = await given.clientUser()
  const agent = await Agent.signedIn(app, await given.sessionCookie(manager))
  assert.equal((await agent.get('/users')).statusCode, 403)
  assert.equal((await agent.get(`/users/${other.id}`)).statusCode, 403)
  assert.equal((await agent.post(`/users/${other.id}/disable`)).statusCode, 403)

  const head = await given.head()
  const headAgent = await Agent.signedIn(app, await given.sessionCookie(head))
  assert.equal((await headAgent.get('/users/01NOSUCHUSER0000000000000')).statusCode, 404)
})
