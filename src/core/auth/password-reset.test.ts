import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent, loginThroughForm } from '../../../test/helpers/agent.js'
import { smtpSink } from '../../../test/helpers/smtp-sink.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { deliverDue } from '../notifications/outbox.js'
import { sha256Hex } from './hashing.js'

const NEW_PASSWORD = 'a brand new passphrase'

async function world(t: Parameters<typeof testApp>[0]) {
  const smtp = await smtpSink(t)
  const w = await testApp(t, {
    env: { KABINET_SMTP_URL: smtp.url, KABINET_MAIL_FROM: 'Kabinet <portal@kabinet.test>' },
  })
  return { ...w, smtp }
}

const linkIn = (text: string): string => {
  const m = /http:\/\/kabinet\.test(\/reset\/[A-Za-z0-9_-]+)/.exec(text)
  assert.ok(m, `a reset link in: ${text}`)
  return m[1] as string
}

test('password reset end to end through a real SMTP server', async (t) => {
  const { app, given, services, smtp } = await world(t)
  const user = await given.clientUser({ email: 'reset.me@example.test' })
  const oldSession = await given.sessionCookie(user)

  const agent = new Agent(app)
  await agent.get('/forgot')
  const asked = await agent.post('/forgot', { email: ' Reset.Me@Example.test ' })
  assert.equal(asked.statusCode, 200)
  assert.match(asked.body, /If an account with this address exists/)
  assert.equal(smtp.mails.length, 0, 'nothing leaves before the outbox runs')

  assert.deepEqual(await deliverDue(services), { sent: 1, failed: 0 })
  assert.equal(smtp.mails.length, 1)
  const mail = smtp.mails[0] as (typeof smtp.mails)[number]
  assert.deepEqual(mail.to, ['reset.me@example.test'])
  assert.equal(mail.from, 'portal@kabinet.test')
  assert.match(mail.headers.subject ?? '', /password/i)
  const link = linkIn(mail.text)

  const form = await agent.get(link)
  assert.equal(form.statusCode, 200)
  assert.match(form.body, /name="password"/)

  const short = await agent.post(link, { password: 'short' })
  assert.equal(short.statusCode, 422)
  assert.match(short.body, /at least 10 characters/)

  const saved = await agent.post(link, { password: NEW_PASSWORD })
  assert.equal(saved.statusCode, 303)
  assert.equal(saved.headers.location, '/login')

  const old = await loginThroughForm(app, user.email, user.password)
  assert.equal(old.res.statusCode, 401, 'the old password no longer works')
  const fresh = await loginThroughForm(app, user.email, NEW_PASSWORD)
  assert.equal(fresh.res.statusCode, 303)
  assert.equal((await fresh.agent.api('GET', '/api/v1/me')).statusCode, 200)

  // Every session that existed before the reset has ended.
  const before = await app.inject({ url: '/api/v1/me', headers: { cookie: oldSession } })
  assert.equal(before.statusCode, 401)

  // The link works once.
  assert.equal((await agent.get(link)).statusCode, 410)
  const again = await agent.post(link, { password: 'yet another passphrase' })
  assert.equal(again.statusCode, 410)
  assert.match(again.body, /expired or has already been used/)
  assert.equal((await loginThroughForm(app, user.email, 'yet another passphrase')).res.statusCode, 401)

  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', user.id)
    .where('action', '=', 'user.password_reset')
    .execute()
  assert.equal(audit.length, 1)
})

test('an expired reset link answers 410 and changes nothing', async (t) => {
  const { app, given, services, smtp } = await world(t)
  const user = await given.manager()
  const agent = new Agent(app)
  await agent.get('/forgot')
  await agent.post('/forgot', { email: user.email })
  await deliverDue(services)
  const link = linkIn(smtp.mails[0]?.text ?? '')
  const id = sha256Hex(link.split('/').pop() as string)
  await services.db.kysely
    .updateTable('one_time_tokens')
    .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
    .where('id', '=', id)
    .execute()
  assert.equal((await agent.get(link)).statusCode, 410)
  assert.equal((await agent.post(link, { password: NEW_PASSWORD })).statusCode, 410)
  assert.equal((await loginThroughForm(app, user.email, user.password)).res.statusCode, 303)
})

test('a second request voids the first link', async (t) => {
  const { app, given, services, smtp } = await world(t)
  const user = await given.manager()
  const agent = new Agent(app)
  await agent.get('/forgot')
  await agent.post('/forgot', { email: user.email })
  await agent.post('/forgot', { email: user.email })
  await deliverDue(services)
  assert.equal(smtp.mails.length, 2)
  const [first, second] = smtp.mails.map((m) => linkIn(m.text))
  assert.notEqual(first, second)
  assert.equal((await agent.get(first as string)).statusCode, 410)
  assert.equal((await agent.get(second as string)).statusCode, 200)
})

test('/forgot for an unknown or disabled address shows the same page and sends nothing', async (t) => {
  const { app, given, services, smtp } = await world(t)
  const disabled = await given.manager({ status: 'disabled' })
  const agent = new Agent(app)
  await agent.get('/forgot')
  const known = await given.manager()
  const pages: string[] = []
  for (const email of ['nobody@example.test', disabled.email, known.email]) {
    const res = await agent.post('/forgot', { email })
    assert.equal(res.statusCode, 200)
    pages.push(res.body.replace(/name="_csrf" value="[^"]+"/g, '').replace(/content="[^"]{20,}"/g, ''))
  }
  assert.equal(pages[0], pages[1])
  assert.equal(pages[0], pages[2])
  const queued = await services.db.kysely.selectFrom('outbox').select('recipient').execute()
  assert.deepEqual(
    queued.map((q) => q.recipient),
    [known.email],
  )
  await deliverDue(services)
  assert.deepEqual(
    smtp.mails.map((m) => m.to[0]),
    [known.email],
  )
})

test('/forgot with an empty address asks for it', async (t) => {
  const { app } = await testApp(t)
  const agent = new Agent(app)
  await agent.get('/forgot')
  const res = await agent.post('/forgot', { email: '' })
  assert.equal(res.statusCode, 422)
  assert.match(res.body, /aria-invalid="true"/)
})

test('a made-up reset token answers 410', async (t) => {
  const { app } = await testApp(t)
  const agent = new Agent(app)
  assert.equal((await agent.get('/reset/not-a-real-token')).statusCode, 410)
  assert.equal((await agent.post('/reset/not-a-real-token', { password: NEW_PASSWORD })).statusCode, 410)
})
