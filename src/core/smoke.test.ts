import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loginThroughForm } from '../../test/helpers/agent.js'
import { testApp } from '../../test/helpers/test-app.js'

test('healthz answers ok', async (t) => {
  const { app } = await testApp(t)
  const res = await app.inject({ url: '/healthz' })
  assert.equal(res.statusCode, 200)
  assert.deepEqual(res.json(), { status: 'ok' })
})

test('a user signs in through the form and /api/v1/me answers with the contract shape', async (t) => {
  const { app, given } = await testApp(t)
  const client = await given.client()
  const user = await given.clientUser({ client, locale: 'hu' })
  const { agent, res } = await loginThroughForm(app, user.email, user.password)
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, '/')
  const me = await agent.api('GET', '/api/v1/me')
  assert.equal(me.statusCode, 200)
  assert.deepEqual(me.json(), {
    id: user.id,
    email: user.email,
    name: user.name,
    role: 'client',
    clientId: client.id,
    locale: 'hu',
  })
  const home = await agent.get('/')
  assert.equal(home.statusCode, 200)
  assert.match(home.body, /Üdvözöljük/)
})
