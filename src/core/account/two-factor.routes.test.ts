import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent, loginThroughForm } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { currentTotp } from '../auth/totp.js'

const secretOf = (html: string) => /<p class="secret" id="totp-secret">([A-Z2-7]+)<\/p>/.exec(html)?.[1]

test('a user enrols an authenticator app, and signing in then asks for its code', async (t) => {
  const { app, given, services } = await testApp(t)
  const user = await given.clientUser()
  const { agent } = await loginThroughForm(app, user.email, user.password)

  const start = await agent.get('/account/2fa')
  assert.equal(start.statusCode, 200)
  assert.match(start.body, /action="\/account\/2fa\/begin"/)
  assert.equal((await agent.post('/account/2fa/begin')).statusCode, 303)

  const enrol = await agent.get('/account/2fa')
  assert.equal(enrol.headers['cache-control'], 'no-store')
  assert.match(
    enrol.body,
    /<div class="qr"[^>]*><svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    'the QR code is inline SVG',
  )
  const secret = secretOf(enrol.body)
  assert.ok(secret, 'the secret is shown for manual entry')

  const wrong = await agent.post('/account/2fa/confirm', {
    code: '000000' === currentTotp(secret) ? '111111' : '000000',
  })
  assert.equal(wrong.statusCode, 422)
  assert.match(wrong.body, /id="f-code-error"/)
  assert.equal(secretOf(wrong.body), secret, 'the same pending secret is still offered')

  const ok = await agent.post('/account/2fa/confirm', { code: currentTotp(secret) })
  assert.equal(ok.statusCode, 303)
  const row = await services.db.kysely
    .selectFrom('users')
    .select('totp_enabled')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.totp_enabled, 1)
  assert.match((await agent.get('/account')).body, /Two-step verification is on\./)

  // Password alone is no longer a sign-in.
  const fresh = new Agent(app)
  await fresh.get('/login')
  const login = await fresh.post('/login', { email: user.email, password: user.password })
  assert.equal(login.statusCode, 303)
  assert.match(String(login.headers.location), /^\/login\/totp/)
  assert.equal((await fresh.get('/account')).statusCode, 303, 'not signed in before the code')
  await fresh.get('/login/totp')
  const code = await fresh.post('/login/totp', { code: currentTotp(secret) })
  assert.equal(code.statusCode, 303)
  assert.equal((await fresh.get('/account')).statusCode, 200)
})

test('turning two-step verification off needs the password', async (t) => {
  const { app, given, services } = await testApp(t)
  const user = await given.manager({ totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(user))
  const page = await agent.get('/account/2fa')
  assert.match(page.body, /action="\/account\/2fa\/disable"/)
  const wrong = await agent.post('/account/2fa/disable', { password: 'not the password' })
  assert.equal(wrong.statusCode, 422)
  assert.match(wrong.body, /The password is not correct\./)
  const ok = await agent.post('/account/2fa/disable', { password: user.password })
  assert.equal(ok.statusCode, 303)
  const row = await services.db.kysely
    .selectFrom('users')
    .select(['totp_enabled', 'totp_secret'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, { totp_enabled: 0, totp_secret: null })
})

test('when the company requires it, a head is sent to set it up and the page says why', async (t) => {
  const { app, given, services } = await testApp(t)
  const head = await given.head()
  await services.settings.put(
    services.db.kysely,
    'security',
    { ...(await services.settings.get('security')), require2faStaff: true },
    head.id,
  )
  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  const home = await agent.get('/users')
  assert.equal(home.statusCode, 303)
  assert.equal(home.headers.location, '/account/2fa')
  const page = await agent.get('/account/2fa')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Your company requires two-step verification for heads and administrators\./)
  await agent.post('/account/2fa/begin')
  const secret = secretOf((await agent.get('/account/2fa')).body)
  assert.ok(secret)
  assert.equal((await agent.post('/account/2fa/confirm', { code: currentTotp(secret) })).statusCode, 303)
  assert.equal((await agent.get('/users')).statusCode, 200, 'the rest of the portal opens once it is on')
  // Required: it cannot be turned off again.
  const page2 = await agent.get('/account/2fa')
  assert.doesNotMatch(page2.body, /action="\/account\/2fa\/disable"/)
})
