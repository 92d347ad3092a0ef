import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { closedPort, parseMail, smtpSink } from '../../../test/helpers/smtp-sink.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { claimMail, deliverDue, enqueueMail, MAX_ATTEMPTS, retryDelayMs } from './outbox.js'

const outboxRow = (
  services: { db: { kysely: import('kysely').Kysely<import('../db/database.js').Database> } },
  id: string,
) => services.db.kysely.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

test('without SMTP a message lands as an .eml file under <dataDir>/mail', async (t) => {
  const { services, config } = await testApp(t)
  assert.equal(services.mailer.mode, 'file')
  const id = await enqueueMail(services.db.kysely, {
    to: 'anna@example.test',
    subject: 'Számla — счёт',
    text: 'Line one\nÁrvíztűrő tükörfúrógép, съешь ещё этих булок',
  })
  assert.deepEqual(await deliverDue(services), { sent: 1, failed: 0 })
  const dir = path.join(config.dataDir, 'mail')
  const files = fs.readdirSync(dir)
  assert.equal(files.length, 1)
  assert.match(files[0] as string, /\.eml$/)
  // Reset links are secrets: only the service user may read them.
  assert.equal((fs.statSync(dir).mode & 0o777).toString(8), '700')
  assert.equal((fs.statSync(path.join(dir, files[0] as string)).mode & 0o777).toString(8), '600')
  const { headers, text } = parseMail(fs.readFileSync(path.join(dir, files[0] as string), 'utf8'))
  assert.equal(headers.to, 'anna@example.test')
  assert.match(headers.from ?? '', /no-reply@kabinet\.test/)
  assert.match(text, /Árvíztűrő tükörfúrógép, съешь ещё этих булок/)
  const row = await outboxRow(services, id)
  assert.equal(row.status, 'sent')
  assert.equal(row.attempts, 1)
  assert.ok(row.sent_at)
  // Sent is sent: a second run sends nothing again.
  assert.deepEqual(await deliverDue(services), { sent: 0, failed: 0 })
  assert.equal(fs.readdirSync(dir).length, 1)
})

test('a message queued in a transaction that rolls back never leaves', async (t) => {
  const { services, config } = await testApp(t)
  await assert.rejects(
    services.db.kysely.transaction().execute(async (trx) => {
      await enqueueMail(trx, { to: 'x@example.test', subject: 's', text: 't' })
      throw new Error('the business change failed')
    }),
    /the business change failed/,
  )
  assert.deepEqual(await deliverDue(services), { sent: 0, failed: 0 })
  assert.equal(fs.existsSync(path.join(config.dataDir, 'mail')), false)
})

test('an unreachable SMTP server: the attempt is counted and retried later with back-off, then given up', async (t) => {
  const port = await closedPort()
  const { services } = await testApp(t, { env: { KABINET_SMTP_URL: `smtp://127.0.0.1:${port}?tls=off` } })
  const db = services.db.kysely
  const id = await enqueueMail(db, { to: 'anna@example.test', subject: 'Hello', text: 'Body' })

  const started = Date.now()
  assert.deepEqual(await deliverDue(services), { sent: 0, failed: 1 })
  let row = await outboxRow(services, id)
  assert.equal(row.status, 'pending')
  assert.equal(row.attempts, 1)
  assert.equal(row.locked_until, null)
  assert.match(row.last_error ?? '', /ECONNREFUSED|connect/i)
  const wait = new Date(row.next_attempt_at).getTime() - started
  assert.ok(wait >= retryDelayMs(1) - 1000 && wait <= retryDelayMs(1) + 5000, `retry in ${wait} ms`)

  // Not due yet: the next run leaves it alone.
  assert.deepEqual(await deliverDue(services), { sent: 0, failed: 0 })
  assert.equal((await outboxRow(services, id)).attempts, 1)

  // Due again: the second failure waits twice as long.
  const due = () =>
    db
      .updateTable('outbox')
      .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute()
  await due()
  const second = Date.now()
  await deliverDue(services)
  row = await outboxRow(services, id)
  assert.equal(row.attempts, 2)
  assert.equal(row.status, 'pending')
  const wait2 = new Date(row.next_attempt_at).getTime() - second
  assert.ok(wait2 >= retryDelayMs(2) - 1000 && wait2 > wait, `second retry in ${wait2} ms`)

  // The last allowed attempt fails: the message is marked failed and no longer tried.
  await db
    .updateTable('outbox')
    .set({ attempts: MAX_ATTEMPTS - 1 })
    .where('id', '=', id)
    .execute()
  await due()
  assert.deepEqual(await deliverDue(services), { sent: 0, failed: 1 })
  row = await outboxRow(services, id)
  assert.equal(row.status, 'failed')
  assert.equal(row.attempts, MAX_ATTEMPTS)
  await due()
  assert.deepEqual(await deliverDue(services), { sent: 0, failed: 0 })
})

test('back-off doubles from one minute and stops at six hours', () => {
  assert.equal(retryDelayMs(1), 60_000)
  assert.equal(retryDelayMs(2), 120_000)
  assert.equal(retryDelayMs(3), 240_000)
  assert.equal(retryDelayMs(20), 6 * 3600_000)
})

test('a message claimed by another instance is not sent twice; an abandoned claim is picked up', async (t) => {
  const smtp = await smtpSink(t)
  const { services } = await testApp(t, { env: { KABINET_SMTP_URL: smtp.url } })
  const db = services.db.kysely
  const id = await enqueueMail(db, { to: 'anna@example.test', subject: 'Once', text: 'Only once' })
  const inFiveMinutes = new Date(Date.now() + 5 * 60_000).toISOString()
  await db.updateTable('outbox').set({ status: 'sending', locked_until: inFiveMinutes }).where('id', '=', id).execute()
  assert.deepEqual(await deliverDue(services), { sent: 0, failed: 0 })
  assert.equal(smtp.mails.length, 0)

  // The other instance died mid-send: once its lease ends, the message goes out.
  await db
    .updateTable('outbox')
    .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
    .where('id', '=', id)
    .execute()
  assert.deepEqual(await deliverDue(services), { sent: 1, failed: 0 })
  assert.equal(smtp.mails.length, 1)
  assert.equal((await outboxRow(services, id)).status, 'sent')

  // Several runs at once (several instances) send each message exactly once, even when one run
  // reaches a row only after another has already sent it.
  const n = 12
  for (let i = 0; i < n; i++) await enqueueMail(db, { to: `p${i}@example.test`, subject: 'Parallel', text: 'x' })
  const results = await Promise.all([deliverDue(services), deliverDue(services), deliverDue(services)])
  assert.equal(
    results.reduce((sum, r) => sum + r.sent, 0),
    n,
  )
  const parallel = smtp.mails.slice(1).map((m) => m.to[0])
  assert.equal(parallel.length, n, `sent: ${parallel.sort().join(' ')}`)
  assert.equal(new Set(parallel).size, n)
})

test('a claim fails for a row another instance has sent or rescheduled since it was selected', async (t) => {
  const { services } = await testApp(t)
  const db = services.db.kysely
  const id = await enqueueMail(db, { to: 'anna@example.test', subject: 'Once', text: 'x' })
  const set = (values: Record<string, unknown>) => db.updateTable('outbox').set(values).where('id', '=', id).execute()
  const past = new Date(Date.now() - 1000).toISOString()

  // Sent by another instance: no lock left behind, but it must not go out again.
  await set({ status: 'sent', locked_until: null, sent_at: past })
  assert.equal(await claimMail(db, id), false)
  // Given up on.
  await set({ status: 'failed', locked_until: null })
  assert.equal(await claimMail(db, id), false)
  // Failed and rescheduled: the back-off holds.
  await set({ status: 'pending', locked_until: null, next_attempt_at: new Date(Date.now() + 60_000).toISOString() })
  assert.equal(await claimMail(db, id), false)
  // Held by a live lease.
  await set({ status: 'sending', next_attempt_at: past, locked_until: new Date(Date.now() + 60_000).toISOString() })
  assert.equal(await claimMail(db, id), false)
  // Due and free: exactly one of two claims wins.
  await set({ status: 'pending', locked_until: null, next_attempt_at: past })
  const wins = await Promise.all([claimMail(db, id), claimMail(db, id)])
  assert.deepEqual(wins.sort(), [false, true])
})
