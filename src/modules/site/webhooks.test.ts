import assert from 'node:assert/strict'
import { createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { type TestContext, test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { createApiToken } from '../../core/auth/api-tokens.js'
import { toActor } from '../../core/auth/sessions.js'
import { Ctx } from '../../core/ctx.js'
import type { Services } from '../../core/services.js'
import { updateUser } from '../../core/users/users.service.js'
import { deliverDueWebhooks, MAX_WEBHOOK_ATTEMPTS } from './webhook-delivery.js'

const WEBHOOK_SECRET = 'webhook-secret-webhook-secret-webhook-secret'

interface Received {
  headers: http.IncomingHttpHeaders
  body: string
}

/** A real receiver on 127.0.0.1 that answers `status()` and keeps what it got. */
async function receiver(t: TestContext, status: () => number = () => 204) {
  const received: Received[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.statusCode = status()
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kabinet-hook`
  return { url, received }
}

/** What a website does with a webhook: recompute the signature over timestamp and raw body. */
function signatureValid(r: Received, secret: string): boolean {
  const timestamp = String(r.headers['x-kabinet-timestamp'])
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`
  const given = String(r.headers['x-kabinet-signature'])
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
}

async function configure(services: Services, urls: string[]) {
  const current = await services.settings.get('site')
  await services.settings.put(
    services.db.kysely,
    'site',
    { ...current, webhookUrls: urls, webhookSecret: WEBHOOK_SECRET },
    null,
  )
  services.settings.invalidate()
}

const deliveries = (services: Services) =>
  services.db.kysely.selectFrom('site_webhook_deliveries').selectAll().orderBy('id').execute()

test('client and client-user changes are posted, signed, to every webhook URL', async (t) => {
  const { app, services, given } = await testApp(t)
  const hook = await receiver(t)
  await configure(services, [hook.url])
  const admin = await given.admin()
  const auth = `Bearer ${(await createApiToken(services.db.kysely, admin.id, 'site')).token}`
  const put = (url: string, payload: object) =>
    app.inject({ method: 'PUT', url, headers: { authorization: auth }, payload })
  await put('/api/v1/site/clients/web-c-1', { name: 'Alfa Kft.' })
  await put('/api/v1/site/users/web-u-1', { email: 'anna@alfa.example', name: 'Anna', clientExternalId: 'web-c-1' })
  await given.manager() // staff accounts are not the website's business (and made without the service)
  assert.deepEqual(
    (await deliveries(services)).map((d) => `${d.event} ${d.status}`),
    ['clients.created pending', 'users.created pending'],
  )

  const result = await deliverDueWebhooks(Ctx.system(services, 'test'))
  assert.deepEqual(result, { delivered: 2, failed: 0 })
  assert.equal(hook.received.length, 2)
  for (const r of hook.received) {
    assert.ok(signatureValid(r, WEBHOOK_SECRET), 'signature does not verify')
    assert.ok(!signatureValid(r, `${WEBHOOK_SECRET}x`))
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8')
    assert.ok(Math.abs(Number(r.headers['x-kabinet-timestamp']) - Date.now() / 1000) < 30)
  }
  const [client, user] = hook.received.map((r) => ({ headers: r.headers, body: JSON.parse(r.body) }))
  assert.equal(client?.headers['x-kabinet-event'], 'clients.created')
  assert.equal(client?.body.event, 'clients.created')
  assert.ok(client?.body.id && client.body.occurredAt)
  assert.equal(client?.body.data.externalId, 'web-c-1')
  assert.equal(client?.body.data.name, 'Alfa Kft.')
  assert.equal(user?.body.data.externalId, 'web-u-1')
  assert.equal(user?.body.data.clientExternalId, 'web-c-1')
  assert.equal(user?.body.data.status, 'invited')
  const rows = await deliveries(services)
  assert.deepEqual(
    rows.map((d) => [d.status, d.attempts, d.last_status_code]),
    [
      ['delivered', 1, 204],
      ['delivered', 1, 204],
    ],
  )
  assert.equal(user?.headers['x-kabinet-delivery'], rows[1]?.id)
  // Delivered rows are not sent again.
  assert.deepEqual(await deliverDueWebhooks(Ctx.system(services, 'test')), { delivered: 0, failed: 0 })
})

test('a change made by a client admin is queued too (the queue is the system’s, not the actor’s)', async (t) => {
  const { services, given } = await testApp(t)
  const hook = await receiver(t)
  await configure(services, [hook.url])
  const client = await given.client()
  const boss = await given.clientUser({ client, isClientAdmin: true })
  const colleague = await given.clientUser({ client })
  const ctx = Ctx.forActor(services, toActor(boss), { locale: 'en' })
  await updateUser(ctx, colleague.id, { name: 'Renamed Colleague' })
  const rows = await deliveries(services)
  assert.equal(rows.length, 1)
  assert.equal(rows[0]?.event, 'users.updated')
  assert.equal(JSON.parse(rows[0]?.payload_json ?? '{}').data.name, 'Renamed Colleague')
})

test('a failing endpoint is retried with growing back-off, then given up after the last attempt', async (t) => {
  const { services, given } = await testApp(t)
  const hook = await receiver(t, () => 500)
  await configure(services, [hook.url])
  const client = await given.client()
  await services.events.dispatch(Ctx.system(services, 'test'), 'clients.updated', { clientId: client.id })
  const ctx = Ctx.system(services, 'test')
  const gaps: number[] = []
  for (let attempt = 1; attempt <= MAX_WEBHOOK_ATTEMPTS; attempt++) {
    const before = Date.now()
    assert.deepEqual(await deliverDueWebhooks(ctx), { delivered: 0, failed: 1 })
    const [row] = await deliveries(services)
    assert.equal(row?.attempts, attempt)
    assert.equal(row?.last_status_code, 500)
    assert.equal(row?.last_error, 'HTTP 500')
    if (attempt < MAX_WEBHOOK_ATTEMPTS) {
      assert.equal(row?.status, 'pending')
      gaps.push(Math.round((new Date(row?.next_attempt_at ?? 0).getTime() - before) / 60_000))
      // Not due yet: the job leaves it alone.
      assert.deepEqual(await deliverDueWebhooks(ctx), { delivered: 0, failed: 0 })
      await services.db.kysely
        .updateTable('site_webhook_deliveries')
        .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
        .execute()
    } else {
      assert.equal(row?.status, 'failed')
    }
  }
  assert.deepEqual(gaps, [1, 2, 4, 8, 16, 32, 64])
  assert.equal(hook.received.length, MAX_WEBHOOK_ATTEMPTS)
  assert.deepEqual(await deliverDueWebhooks(ctx), { delivered: 0, failed: 0 })
})

test('an unreachable URL fails with the network error, not an exception', async (t) => {
  const { services, given } = await testApp(t)
  // A port that was just free: nobody listens there now.
  const probe = http.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  await configure(services, [`http://127.0.0.1:${port}/hook`])
  await services.events.dispatch(Ctx.system(services, 'test'), 'clients.created', {
    clientId: (await given.client()).id,
  })
  assert.deepEqual(await deliverDueWebhooks(Ctx.system(services, 'test')), { delivered: 0, failed: 1 })
  const [row] = await deliveries(services)
  assert.equal(row?.status, 'pending')
  assert.equal(row?.last_status_code, null)
  assert.match(row?.last_error ?? '', /ECONNREFUSED/)
})

test('"Retry now" and "Send a test webhook" on the /site page send at once', async (t) => {
  const { app, services, given } = await testApp(t)
  let status = 503
  const hook = await receiver(t, () => status)
  await configure(services, [hook.url])
  await services.events.dispatch(Ctx.system(services, 'test'), 'clients.created', {
    clientId: (await given.client()).id,
  })
  await deliverDueWebhooks(Ctx.system(services, 'test'))
  const [failed] = await deliveries(services)
  assert.equal(failed?.status, 'pending')

  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.head()))
  const page = await agent.get('/site')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /HTTP 503/)
  assert.ok(page.body.includes(`/site/deliveries/${failed?.id}/retry`))
  status = 200
  const retried = await agent.post(`/site/deliveries/${failed?.id}/retry`)
  assert.equal(retried.statusCode, 303)
  assert.equal((await deliveries(services))[0]?.status, 'delivered')
  assert.match((await agent.get('/site')).body, /Delivered \(HTTP 200\)/)
  // A delivered one cannot be "retried".
  assert.equal((await agent.post(`/site/deliveries/${failed?.id}/retry`)).statusCode, 409)

  // A row another sender holds right now is not posted a second time.
  await services.events.dispatch(Ctx.system(services, 'test'), 'clients.updated', {
    clientId: (await given.client()).id,
  })
  const busy = (await deliveries(services)).at(-1)
  await services.db.kysely
    .updateTable('site_webhook_deliveries')
    .set({ status: 'sending' })
    .where('id', '=', busy?.id ?? '')
    .execute()
  const hits = hook.received.length
  assert.equal((await agent.post(`/site/deliveries/${busy?.id}/retry`)).statusCode, 303)
  assert.match((await agent.get('/site')).body, /being sent right now/)
  assert.equal(hook.received.length, hits)

  const test = await agent.post('/site/webhooks/test')
  assert.equal(test.statusCode, 303)
  const last = hook.received.at(-1) as Received
  assert.equal(last.headers['x-kabinet-event'], 'site.test')
  assert.ok(signatureValid(last, WEBHOOK_SECRET))
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('action', 'in', ['site.webhook_retried', 'site.webhook_tested'])
    .execute()
  assert.equal(audit.length, 2)
})
