import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent, loginThroughForm } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'

test('the account page shows the profile, password, two-step and token sections', async (t) => {
  const { app, given } = await testApp(t)
  const user = await given.manager({ name: 'Mira Manager' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(user))
  const res = await agent.get('/account')
  assert.equal(res.statusCode, 200)
  assert.match(res.body, /value="Mira Manager"/)
  assert.match(res.body, /action="\/account\/password"/)
  assert.match(res.body, /href="\/account\/2fa"/)
  assert.match(res.body, /action="\/account\/tokens"/)
})

test('a user changes name and language; bad input keeps what was typed', async (t) => {
  const { app, given, services } = await testApp(t)
  const user = await given.clientUser({ name: 'Old Name' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(user))
  await agent.get('/account')
  const bad = await agent.post('/account/profile', { name: '   ', locale: 'hu' })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /class="field-error"[^>]*>This field is required\./)
  assert.match(bad.body, /<option value="hu" selected>/)

  const ok = await agent.post('/account/profile', { name: 'New Name', locale: 'hu' })
  assert.equal(ok.statusCode, 303)
  assert.equal(ok.headers.location, '/account')
  const row = await services.db.kysely
    .selectFrom('users')
    .select(['name', 'locale'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, { name: 'New Name', locale: 'hu' })
  const page = await agent.get('/account')
  assert.match(page.body, /A profil mentve\./)
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', user.id)
    .execute()
  assert.ok(audit.some((a) => a.action === 'user.profile_updated'))
})

test('changing the password needs the current one and ends the other sessions', async (t) => {
  const { app, given } = await testApp(t)
  const user = await given.manager()
  const { agent } = await loginThroughForm(app, user.email, user.password)
  const other = await Agent.signedIn(app, await given.sessionCookie(user))
  assert.equal((await other.get('/account')).statusCode, 200)

  await agent.get('/account')
  const wrong = await agent.post('/account/password', {
    current_password: 'not my password',
    new_password: 'a brand new passphrase',
    new_password_repeat: 'a brand new passphrase',
  })
  assert.equal(wrong.statusCode, 422)
  assert.match(wrong.body, /id="f-current_password-error"[^>]*>The password is not correct\./)

  const differ = await agent.post('/account/password', {
    current_password: user.password,
    new_password: 'a brand new passphrase',
    new_password_repeat: 'another passphrase!!',
  })
  assert.equal(differ.statusCode, 422)
  assert.match(differ.body, /The two new passwords are not the same\./)

  const ok = await agent.post('/account/password', {
    current_password: user.password,
    new_password: 'a brand new passphrase',
    new_password_repeat: 'a brand new passphrase',
  })
  assert.equal(ok.statusCode, 303)
  assert.equal((await agent.get('/account')).statusCode, 200, 'this session stays signed in')
  const gone = await other.get('/account')
  assert.equal(gone.statusCode, 303, 'the other session has ended')
  assert.match(String(gone.headers.location), /^\/login/)
  assert.equal((await loginThroughForm(app, user.email, user.password)).res.statusCode, 401)
  assert.equal((await loginThroughForm(app, user.email, 'a brand new passphrase')).res.statusCode, 303)
})

test('an API token is shown once, works as a bearer token, and stops working when revoked', async (t) => {
  const { app, given, services } = await testApp(t)
  const user = await given.clientUser()
  const agent = await Agent.signedIn(app, await given.sessionCookie(user))
  await agent.get('/account')

  const missing = await agent.post('/account/tokens', { token_name: '', token_days: 'soon' })
  assert.equal(missing.statusCode, 422)
  assert.match(missing.body, /id="f-token_name-error"/)
  assert.match(missing.body, /id="f-token_days-error"[^>]*>Enter a whole number of days/)
  assert.match(missing.body, /name="token_days"[^>]*value="soon"/)

  const created = await agent.post('/account/tokens', { token_name: 'Accounting <sync>', token_days: '30' })
  assert.equal(created.statusCode, 201)
  assert.equal(created.headers['cache-control'], 'no-store')
  const token = /<code id="new-token">(kab_[^<]+)<\/code>/.exec(created.body)?.[1]
  assert.ok(token, 'the plain token is on the page')
  assert.match(created.body, /Accounting &lt;sync>/)

  const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
  assert.equal(me.statusCode, 200)
  assert.equal(me.json().id, user.id)

  const list = await agent.get('/account')
  assert.doesNotMatch(list.body, new RegExp(token), 'the full token is never shown again')
  assert.match(list.body, new RegExp(`${token.slice(0, 10)}…`))
  const row = await services.db.kysely
    .selectFrom('api_tokens')
    .select(['id', 'expires_at'])
    .where('user_id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.ok(row.expires_at && new Date(row.expires_at).getTime() > Date.now() + 29 * 86400_000)

  // Someone else's token id is not found; the token keeps working.
  const stranger = await given.clientUser()
  const strangerAgent = await Agent.signedIn(app, await given.sessionCookie(stranger))
  await strangerAgent.get('/account')
  assert.equal((await strangerAgent.post(`/account/tokens/${row.id}/revoke`)).statusCode, 404)

  const revoked = await agent.post(`/account/tokens/${row.id}/revoke`)
  assert.equal(revoked.statusCode, 303)
  const after = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
  assert.equal(after.statusCode, 401)
  const actions = await services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', row.id)
    .execute()
  assert.deepEqual(actions.map((a) => a.action).sort(), ['api_token.created', 'api_token.revoked'])
})

test('switching the language on a failed form lands back on the page', async (t) => {
  const { app, given } = await testApp(t)
  const user = await given.manager()
  const agent = await Agent.signedIn(app, await given.sessionCookie(user))
  await agent.get('/account')
  const failed = await agent.post('/account/password', { current_password: '', new_password: '' })
  assert.equal(failed.statusCode, 422)
  assert.match(failed.body, /name="back" value="\/account\/password"/)
  const back = await agent.get('/account/password')
  assert.equal(back.statusCode, 303)
  assert.equal(back.headers.location, '/account')
  assert.equal((await agent.get('/account/2fa/confirm')).headers.location, '/account/2fa')
})
