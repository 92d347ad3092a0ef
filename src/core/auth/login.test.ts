import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent, loginThroughForm } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { FREE_FAILURES } from './login.service.js'
import { SESSION_COOKIE } from './sessions.js'

type Cookie = { name: string; value: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; path?: string }
const sessionCookieOf = (res: { cookies: unknown[] }) =>
  (res.cookies as Cookie[]).find((c) => c.name === SESSION_COOKIE)

test('a right password signs in: 303 and an httpOnly, SameSite=Lax session cookie, not Secure over http', async (t) => {
  const { app, given, services } = await testApp(t)
  const user = await given.manager()
  const { res } = await loginThroughForm(app, user.email, user.password)
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, '/')
  const cookie = sessionCookieOf(res)
  assert.ok(cookie, 'session cookie set')
  assert.equal(cookie.httpOnly, true)
  assert.equal(cookie.sameSite, 'Lax')
  assert.notEqual(cookie.secure, true)
  assert.equal(cookie.path, '/')
  const row = await services.db.kysely
    .selectFrom('users')
    .select(['last_login_at', 'failed_logins'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.ok(row.last_login_at)
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('actor_id', '=', user.id)
    .execute()
  assert.deepEqual(
    audit.map((a) => a.action),
    ['user.signed_in'],
  )
})

test('the session cookie is Secure when KABINET_BASE_URL is https', async (t) => {
  const { app, given } = await testApp(t, { env: { KABINET_BASE_URL: 'https://portal.example.test' } })
  const user = await given.manager()
  const { res } = await loginThroughForm(app, user.email, user.password)
  assert.equal(res.statusCode, 303)
  const cookie = sessionCookieOf(res)
  assert.equal(cookie?.secure, true)
  assert.equal(cookie?.httpOnly, true)
  assert.equal(cookie?.sameSite, 'Lax')
})

test('the login follows a same-site `next` and ignores a foreign one', async (t) => {
  const { app, given } = await testApp(t)
  const user = await given.manager()
  for (const [next, expected] of [
    ['/account', '/account'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/a\\..\\/evil.example', '/'],
  ] as const) {
    const agent = new Agent(app)
    await agent.get('/login')
    const res = await agent.post('/login', { email: user.email, password: user.password, next })
    assert.equal(res.headers.location, expected, next)
  }
})

test('a wrong password and an unknown e-mail get the same 401 answer, with the e-mail kept', async (t) => {
  const { app, given } = await testApp(t)
  const user = await given.manager({ email: 'known@example.test' })
  const wrong = await loginThroughForm(app, user.email, 'not the password at all')
  const unknown = await loginThroughForm(app, 'nobody@example.test', 'not the password at all')
  for (const { res } of [wrong, unknown]) {
    assert.equal(res.statusCode, 401)
    assert.match(res.body, /Wrong e-mail or password\./)
    assert.equal(sessionCookieOf(res), undefined)
  }
  assert.match(wrong.res.body, /value="known@example.test"/)
  assert.match(unknown.res.body, /value="nobody@example.test"/)
  // The pages differ only in the echoed address and the per-page CSRF token.
  const strip = (html: string) =>
    html
      .replace(/value="[^"]*@example.test"/g, '')
      .replace(/name="_csrf" value="[^"]+"/g, '')
      .replace(/content="[^"]{20,}"/g, '')
  assert.equal(strip(wrong.res.body), strip(unknown.res.body))
})

test('empty fields are answered next to the fields with 422', async (t) => {
  const { app } = await testApp(t)
  const { res } = await loginThroughForm(app, 'someone@example.test', '')
  assert.equal(res.statusCode, 422)
  assert.match(res.body, /value="someone@example.test"/)
  assert.match(res.body, /aria-invalid="true"/)
})

test('disabled and invited users cannot sign in, even with the right password', async (t) => {
  const { app, given } = await testApp(t)
  for (const status of ['disabled', 'invited'] as const) {
    const user = await given.manager({ status })
    const { agent, res } = await loginThroughForm(app, user.email, user.password)
    assert.equal(res.statusCode, 401, status)
    assert.match(res.body, /Wrong e-mail or password\./)
    assert.equal(sessionCookieOf(res), undefined)
    assert.equal((await agent.api('GET', '/api/v1/me')).statusCode, 401)
  }
})

test(`after ${FREE_FAILURES} failures the account is locked; the lock passes and the counter resets`, async (t) => {
  const { app, given, services } = await testApp(t)
  const db = services.db.kysely
  const user = await given.manager()
  const agent = new Agent(app)
  await agent.get('/login')
  for (let i = 1; i < FREE_FAILURES; i++) {
    const res = await agent.post('/login', { email: user.email, password: `wrong ${i}` })
    assert.equal(res.statusCode, 401, `attempt ${i}`)
  }
  const fifth = await agent.post('/login', { email: user.email, password: 'wrong 5' })
  assert.match(fifth.body, /Too many failed attempts/)

  const sixth = await agent.post('/login', { email: user.email, password: user.password })
  assert.equal(sixth.statusCode, 429)
  assert.match(sixth.body, /Too many failed attempts\. Try again in 1 min/)
  assert.equal(sessionCookieOf(sixth), undefined)
  let row = await db
    .selectFrom('users')
    .select(['failed_logins', 'locked_until'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.failed_logins, FREE_FAILURES)
  assert.ok(row.locked_until && new Date(row.locked_until).getTime() > Date.now())

  // The lock has passed: a right password works and the counter starts again.
  await db
    .updateTable('users')
    .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
    .where('id', '=', user.id)
    .execute()
  const ok = await agent.post('/login', { email: user.email, password: user.password })
  assert.equal(ok.statusCode, 303)
  assert.ok(sessionCookieOf(ok))
  row = await db
    .selectFrom('users')
    .select(['failed_logins', 'locked_until'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.failed_logins, 0)
  assert.equal(row.locked_until, null)
})

test('each failure past the lock doubles the wait', async (t) => {
  const { app, given, services } = await testApp(t)
  const db = services.db.kysely
  const user = await given.manager()
  await db.updateTable('users').set({ failed_logins: FREE_FAILURES }).where('id', '=', user.id).execute()
  const { res } = await loginThroughForm(app, user.email, 'wrong again')
  assert.equal(res.statusCode, 429)
  assert.match(res.body, /Try again in 2 min/)
  const row = await db.selectFrom('users').select(['locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow()
  const minutes = (new Date(row.locked_until as string).getTime() - Date.now()) / 60_000
  assert.ok(minutes > 1.9 && minutes <= 2, `locked for ${minutes} min`)
})

test('failures sent at the same time are all counted', async (t) => {
  const { app, given, services } = await testApp(t)
  const user = await given.manager()
  const agent = new Agent(app)
  await agent.get('/login')
  const results = await Promise.all(
    Array.from({ length: FREE_FAILURES }, (_, i) =>
      agent.post('/login', { email: user.email, password: `parallel ${i}` }),
    ),
  )
  assert.ok(results.every((r) => r.statusCode === 401 || r.statusCode === 429))
  const row = await services.db.kysely
    .selectFrom('users')
    .select(['failed_logins', 'locked_until'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.failed_logins, FREE_FAILURES)
  assert.ok(row.locked_until, 'locked after the parallel failures')
  const after = await agent.post('/login', { email: user.email, password: user.password })
  assert.equal(after.statusCode, 429)
})

test('more than 20 login posts a minute from one address get 429', async (t) => {
  const { app } = await testApp(t)
  const agent = new Agent(app)
  await agent.get('/login')
  const statuses: number[] = []
  for (let i = 0; i < 21; i++) statuses.push((await agent.post('/login', { email: '', password: '' })).statusCode)
  assert.deepEqual(statuses.slice(0, 20), Array(20).fill(422))
  assert.equal(statuses[20], 429)
  const limited = await agent.post('/login', { email: 'x@example.test', password: 'whatever-it-is' })
  assert.equal(limited.statusCode, 429)
  assert.match(limited.body, /Too many requests/)
  // Another address is not held back by the first one's attempts.
  const other = await app.inject({ method: 'POST', url: '/login', remoteAddress: '10.9.8.7', payload: {} })
  assert.notEqual(other.statusCode, 429)
})

test('signing out deletes the session row and the old cookie stops working', async (t) => {
  const { app, given, services } = await testApp(t)
  const user = await given.manager()
  const { agent } = await loginThroughForm(app, user.email, user.password)
  const oldCookie = agent.cookieHeader
  assert.equal((await agent.api('GET', '/api/v1/me')).statusCode, 200)
  const sessions = () => services.db.kysely.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()
  assert.equal((await sessions()).length, 1)
  await agent.get('/')
  const out = await agent.post('/logout')
  assert.equal(out.statusCode, 303)
  assert.equal(out.headers.location, '/login')
  assert.equal((await sessions()).length, 0)
  const replay = await app.inject({ url: '/api/v1/me', headers: { cookie: oldCookie, accept: 'application/json' } })
  assert.equal(replay.statusCode, 401)
  const page = await app.inject({ url: '/', headers: { cookie: oldCookie, accept: 'text/html' } })
  assert.equal(page.statusCode, 303)
  assert.match(String(page.headers.location), /^\/login/)
})
