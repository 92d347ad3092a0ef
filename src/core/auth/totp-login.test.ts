import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent, loginThroughForm } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { MFA_PENDING_MINUTES } from './sessions.js'
import { currentTotp, newTotpSecret, verifyTotp } from './totp.js'

/** A six-digit code that is not valid now nor one step either side. */
function wrongCode(secret: string): string {
  for (let n = 0; ; n++) {
    const code = String(123456 + n).padStart(6, '0')
    if (!verifyTotp(secret, code)) return code
  }
}

test('a user with TOTP must give the code: no sign-in before it, wrong code 422, right code signs in', async (t) => {
  const { app, given, services } = await testApp(t)
  const secret = newTotpSecret()
  const user = await given.manager({ totpSecret: secret })
  const agent = new Agent(app)
  await agent.get('/login')
  const res = await agent.post('/login', { email: user.email, password: user.password, next: '/account' })
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, `/login/totp?next=${encodeURIComponent('/account')}`)

  // Password alone is not a sign-in.
  const me = await agent.api('GET', '/api/v1/me')
  assert.equal(me.statusCode, 401)
  const home = await agent.get('/')
  assert.equal(home.statusCode, 303)
  assert.match(String(home.headers.location), /^\/login/)
  const audits = () =>
    services.db.kysely.selectFrom('audit_log').select('action').where('actor_id', '=', user.id).execute()
  assert.equal((await audits()).length, 0)

  const page = await agent.get('/login/totp?next=%2Faccount')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /name="code"/)

  const wrong = await agent.post('/login/totp?next=%2Faccount', { code: wrongCode(secret) })
  assert.equal(wrong.statusCode, 422)
  assert.match(wrong.body, /This code is not valid/)
  assert.equal((await agent.api('GET', '/api/v1/me')).statusCode, 401)

  const right = await agent.post('/login/totp?next=%2Faccount', { code: currentTotp(secret) })
  assert.equal(right.statusCode, 303)
  assert.equal(right.headers.location, '/account')
  const after = await agent.api('GET', '/api/v1/me')
  assert.equal(after.statusCode, 200)
  assert.equal(after.json().id, user.id)
  assert.deepEqual(
    (await audits()).map((a) => a.action),
    ['user.signed_in'],
  )
})

test('the TOTP step is not reachable without a password first', async (t) => {
  const { app, given } = await testApp(t)
  const user = await given.manager({ totpSecret: newTotpSecret() })
  const anonymous = new Agent(app)
  const page = await anonymous.get('/login/totp')
  assert.equal(page.statusCode, 303)
  assert.match(String(page.headers.location), /^\/login/)
  // A fully signed-in session is not "pending" either.
  const signedIn = await Agent.signedIn(app, await given.sessionCookie(user))
  await signedIn.get('/')
  const post = await signedIn.post('/login/totp', { code: '000000' })
  assert.equal(post.statusCode, 303)
  assert.match(String(post.headers.location), /^\/login/)
})

test('wrong TOTP codes count as failed sign-ins and lock the account like wrong passwords', async (t) => {
  const { app, given, services } = await testApp(t)
  const secret = newTotpSecret()
  const user = await given.manager({ totpSecret: secret })
  const { agent } = await loginThroughForm(app, user.email, user.password)
  await agent.get('/login/totp')
  const answers = []
  for (let i = 0; i < 5; i++) answers.push(await agent.post('/login/totp', { code: wrongCode(secret) }))
  assert.deepEqual(
    answers.map((a) => a.statusCode),
    [422, 422, 422, 422, 429],
  )
  assert.match(answers[4]?.body ?? '', /Too many failed attempts/)
  const row = await services.db.kysely
    .selectFrom('users')
    .select(['failed_logins', 'locked_until'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.failed_logins, 5)
  assert.ok(row.locked_until)
  // Locked: the pending session is gone, and even the right code no longer helps.
  const right = await agent.post('/login/totp', { code: currentTotp(secret) })
  assert.equal(right.statusCode, 303)
  assert.match(String(right.headers.location), /^\/login/)
  assert.equal((await agent.api('GET', '/api/v1/me')).statusCode, 401)
  const sessions = await services.db.kysely.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()
  assert.equal(sessions.length, 0)
})

test('the password alone does not reset the failure count of a TOTP user; the full sign-in does', async (t) => {
  const { app, given, services } = await testApp(t)
  const db = services.db.kysely
  const secret = newTotpSecret()
  const user = await given.manager({ totpSecret: secret })
  await db.updateTable('users').set({ failed_logins: 3 }).where('id', '=', user.id).execute()
  const failures = async () =>
    (await db.selectFrom('users').select('failed_logins').where('id', '=', user.id).executeTakeFirstOrThrow())
      .failed_logins
  const { agent } = await loginThroughForm(app, user.email, user.password)
  assert.equal(await failures(), 3)
  await agent.get('/login/totp')
  const right = await agent.post('/login/totp', { code: currentTotp(secret) })
  assert.equal(right.statusCode, 303)
  assert.equal(await failures(), 0)
})

test('with require2faStaff a head without TOTP is sent to /account/2fa; a client user is not', async (t) => {
  const { app, given, services } = await testApp(t)
  const head = await given.head()
  await services.settings.put(services.db.kysely, 'security', { require2faStaff: true }, head.id)
  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  const home = await agent.get('/')
  assert.equal(home.statusCode, 303)
  assert.equal(home.headers.location, '/account/2fa')
  const api = await agent.api('GET', '/api/v1/me')
  assert.equal(api.statusCode, 403)
  const enrol = await agent.get('/account/2fa')
  assert.notEqual(enrol.statusCode, 303)

  const withTotp = await given.head({ totpSecret: newTotpSecret() })
  const ok = await (await Agent.signedIn(app, await given.sessionCookie(withTotp))).get('/')
  assert.equal(ok.statusCode, 200)

  const client = await given.clientUser()
  const clientHome = await (await Agent.signedIn(app, await given.sessionCookie(client))).get('/')
  assert.equal(clientHome.statusCode, 200)
})

test('TOTP codes: the current one and one step either side pass, others do not', () => {
  const secret = newTotpSecret()
  const now = Date.now()
  assert.equal(verifyTotp(secret, currentTotp(secret, now), now), true)
  assert.equal(verifyTotp(secret, currentTotp(secret, now - 30_000), now), true)
  assert.equal(verifyTotp(secret, currentTotp(secret, now + 30_000), now), true)
  assert.equal(verifyTotp(secret, currentTotp(secret, now - 120_000), now), false)
  const code = currentTotp(secret, now)
  assert.equal(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now), true)
  assert.equal(verifyTotp(secret, 'abcdef', now), false)
  assert.equal(verifyTotp(secret, '12345', now), false)
})

test('a password-only session waiting for the code ends after MFA_PENDING_MINUTES', async (t) => {
  const { app, given, services } = await testApp(t)
  const secret = newTotpSecret()
  const user = await given.manager({ totpSecret: secret })
  const { agent } = await loginThroughForm(app, user.email, user.password)
  const db = services.db.kysely
  const sessions = () => db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()
  assert.equal((await agent.get('/login/totp')).statusCode, 200)
  await db
    .updateTable('sessions')
    .set({ created_at: new Date(Date.now() - (MFA_PENDING_MINUTES + 1) * 60_000).toISOString() })
    .where('user_id', '=', user.id)
    .execute()
  const late = await agent.post('/login/totp', { code: currentTotp(secret) })
  assert.equal(late.statusCode, 303)
  assert.match(String(late.headers.location), /^\/login/)
  assert.equal((await sessions()).length, 0)
  assert.equal((await agent.api('GET', '/api/v1/me')).statusCode, 401)
})

test('a completed sign-in is not cut short by the pending-code limit', async (t) => {
  const { app, given, services } = await testApp(t)
  const secret = newTotpSecret()
  const user = await given.manager({ totpSecret: secret })
  const { agent } = await loginThroughForm(app, user.email, user.password)
  await agent.get('/login/totp')
  assert.equal((await agent.post('/login/totp', { code: currentTotp(secret) })).statusCode, 303)
  await services.db.kysely
    .updateTable('sessions')
    .set({ created_at: new Date(Date.now() - 3600_000).toISOString() })
    .where('user_id', '=', user.id)
    .execute()
  assert.equal((await agent.api('GET', '/api/v1/me')).statusCode, 200)
})
