import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { createApiToken } from '../auth/api-tokens.js'

const SAFE_FIELDS = [
  'allClients',
  'areas',
  'clientId',
  'createdAt',
  'email',
  'id',
  'isClientAdmin',
  'lastLoginAt',
  'locale',
  'name',
  'role',
  'status',
  'totpEnabled',
]

test('the head manages users through the API with a bearer token', async (t) => {
  const { app, given, services } = await testApp(t)
  const head = await given.head()
  const client = await given.client()
  const token = (await createApiToken(services.db.kysely, head.id, 'test')).token
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } })

  const created = await call('POST', '/api/v1/users', {
    email: 'API.User@example.test',
    name: 'Api User',
    role: 'client',
    clientId: client.id,
    areas: ['orders'],
  })
  assert.equal(created.statusCode, 201, created.body)
  const user = created.json()
  assert.deepEqual(Object.keys(user).sort(), SAFE_FIELDS)
  assert.equal(user.email, 'api.user@example.test')
  assert.equal(user.status, 'invited')
  assert.deepEqual(user.areas, ['orders'])
  const invite = await services.db.kysely
    .selectFrom('outbox')
    .select('body_text')
    .where('recipient', '=', user.email)
    .executeTakeFirst()
  assert.match(invite?.body_text ?? '', /\/invite\//)

  const got = await call('GET', `/api/v1/users/${user.id}`)
  assert.equal(got.statusCode, 200)
  assert.doesNotMatch(got.body, /password|totp_secret|hash/)

  const list = await call('GET', '/api/v1/users?role=client&q=api&per=10')
  assert.equal(list.statusCode, 200)
  assert.deepEqual(
    list.json().items.map((u: { id: string }) => u.id),
    [user.id],
  )
  assert.equal(list.json().per, 10)

  const patched = await call('PATCH', `/api/v1/users/${user.id}`, {
    name: 'Api Renamed',
    isClientAdmin: true,
    locale: 'hu',
  })
  assert.equal(patched.statusCode, 200)
  assert.equal(patched.json().name, 'Api Renamed')
  assert.equal(patched.json().isClientAdmin, true)
  assert.equal(patched.json().locale, 'hu')

  const disabled = await call('POST', `/api/v1/users/${user.id}/disable`)
  assert.equal(disabled.json().status, 'disabled')
  const enabled = await call('POST', `/api/v1/users/${user.id}/enable`)
  assert.equal(enabled.json().status, 'invited', 'back to invited: no password was ever set')

  const bad = await call('POST', '/api/v1/users', { email: 'not an e-mail', name: '', role: 'client' })
  assert.equal(bad.statusCode, 422)
  assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['client_id', 'email', 'name'])
  const malformed = await call('POST', '/api/v1/users', { name: 'No e-mail' })
  assert.equal(malformed.statusCode, 400)
  assert.equal((await call('GET', '/api/v1/users/no-such-user')).statusCode, 404)
  const crossing = await call('PATCH', `/api/v1/users/${user.id}`, { role: 'manager' })
  assert.equal(crossing.statusCode, 422)
})

test('a role change through the API ends that user’s sessions', async (t) => {
  const { app, given } = await testApp(t)
  const admin = await given.admin()
  const manager = await given.manager()
  const managerAgent = await Agent.signedIn(app, await given.sessionCookie(manager))
  assert.equal((await managerAgent.get('/account')).statusCode, 200)
  const agent = await Agent.signedIn(app, await given.sessionCookie(admin))
  await agent.get('/account') // a page, for the CSRF token the browser would send
  const res = await agent.api('PATCH', `/api/v1/users/${manager.id}`, { role: 'head' })
  assert.equal(res.statusCode, 200)
  assert.equal(res.json().role, 'head')
  assert.equal((await managerAgent.get('/account')).statusCode, 303)
})

test('a client admin lists and invites only within its own company through the API', async (t) => {
  const { app, given, services } = await testApp(t)
  const a = await given.client()
  const b = await given.client()
  await given.clientUser({ client: a, name: 'Other Company Person' })
  const admin = await given.clientUser({ client: b, isClientAdmin: true })
  const agent = await Agent.signedIn(app, await given.sessionCookie(admin))
  await agent.get('/account')

  const list = await agent.api('GET', '/api/v1/users')
  assert.equal(list.statusCode, 200)
  assert.deepEqual(
    list.json().items.map((u: { clientId: string }) => u.clientId),
    [b.id],
  )

  assert.equal(
    (await agent.api('POST', '/api/v1/users', { email: 'x@b.test', name: 'X', role: 'manager' })).statusCode,
    403,
  )
  assert.equal(
    (await agent.api('POST', '/api/v1/users', { email: 'x@b.test', name: 'X', clientId: a.id })).statusCode,
    403,
  )
  const withPassword = await agent.api('POST', '/api/v1/users', {
    email: 'x@b.test',
    name: 'X',
    password: 'a long password here',
  })
  assert.equal(withPassword.statusCode, 422)
  assert.ok(withPassword.json().error.fields.password)

  const ok = await agent.api('POST', '/api/v1/users', { email: 'colleague@b.test', name: 'Colleague' })
  assert.equal(ok.statusCode, 201)
  assert.equal(ok.json().clientId, b.id)
  assert.equal(ok.json().role, 'client')
  assert.equal(ok.json().status, 'invited')
  assert.equal(
    await services.db.kysely.selectFrom('users').select('id').where('email', '=', 'x@b.test').executeTakeFirst(),
    undefined,
  )
})

test('an account manager sees only client users in the API, and every route is in the docs', async (t) => {
  const { app, given } = await testApp(t)
  const manager = await given.manager({ allClients: true })
  const clientUser = await given.clientUser()
  const agent = await Agent.signedIn(app, await given.sessionCookie(manager))
  const list = await agent.api('GET', '/api/v1/users?role=admin')
  assert.equal(list.statusCode, 200, 'account managers see the client users of their clients')
  assert.deepEqual(
    list.json().items.map((u: { id: string }) => u.id),
    [clientUser.id],
    'never the staff, whatever the filter',
  )
  const staff = await given.admin()
  assert.equal((await agent.api('GET', `/api/v1/users/${staff.id}`)).statusCode, 403)
  assert.equal((await agent.api('PATCH', `/api/v1/users/${staff.id}`, { name: 'x' })).statusCode, 403)

  const doc = (await app.inject({ url: '/api/openapi.json' })).json()
  const ops = [
    ['/api/v1/users/', 'get'],
    ['/api/v1/users/', 'post'],
    ['/api/v1/users/{id}', 'get'],
    ['/api/v1/users/{id}', 'patch'],
    ['/api/v1/users/{id}/disable', 'post'],
    ['/api/v1/users/{id}/enable', 'post'],
  ] as const
  for (const [path, method] of ops) {
    const op = doc.paths[path]?.[method] ?? doc.paths[path.replace(/\/$/, '')]?.[method]
    assert.ok(op, `${method} ${path} is documented`)
    assert.deepEqual(op.tags, ['users'])
    assert.ok(op.summary)
    const props = Object.keys(
      op.responses['200']?.content?.['application/json']?.schema?.properties ??
        op.responses['201']?.content?.['application/json']?.schema?.properties ??
        {},
    )
    assert.ok(!props.some((p) => /password|secret/i.test(p)))
  }
})
