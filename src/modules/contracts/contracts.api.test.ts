import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { ctxOf, givenContract, multipart, PDF, PNG } from './contracts.test-kit.js'

async function world(t: import('node:test').TestContext, env?: Record<string, string>) {
  const w = await testApp(t, { env })
  const manager = await w.given.manager()
  const client = await w.given.client({ managerId: manager.id })
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(manager))
  await agent.get('/contracts')
  return { ...w, manager, client, agent, ctx: ctxOf(w.services, manager) }
}

const body = (clientId: string, overrides: Record<string, unknown> = {}) => ({
  clientId,
  number: 'Д-2026/014',
  signedOn: '2026-01-15',
  subject: 'Оказание бухгалтерских услуг',
  type: 'services',
  validFrom: '2026-02-01',
  validTo: '2027-01-31',
  amount: { minor: 15_000_000, currency: 'RUB' },
  parameters: [
    { key: 'Ставка в час', type: 'money', value: { minor: 350_000, currency: 'RUB' } },
    { key: 'Срок оплаты (дней)', type: 'number', value: 10 },
  ],
  notes: 'staff only',
  ...overrides,
})

test('the API creates, reads, lists, updates and moves a contract; a stale version answers 409', async (t) => {
  const { agent, client } = await world(t)
  const created = await agent.api('POST', '/api/v1/contracts', body(client.id))
  assert.equal(created.statusCode, 201, created.body)
  const c = created.json()
  assert.equal(c.status, 'draft')
  assert.equal(c.version, 1)
  assert.equal(c.hasScan, false)
  assert.deepEqual(c.amount, { minor: 15_000_000, currency: 'RUB' })
  assert.equal(c.parameters[0].value.minor, 350_000)

  const got = await agent.api('GET', `/api/v1/contracts/${c.id}`)
  assert.equal(got.json().number, 'Д-2026/014')
  const list = await agent.api('GET', '/api/v1/contracts?status=draft&per=10&page=1')
  assert.equal(list.statusCode, 200)
  assert.deepEqual(
    list.json().items.map((i: { id: string }) => i.id),
    [c.id],
  )
  assert.equal((await agent.api('GET', '/api/v1/contracts?status=active')).json().total, 0)

  const patched = await agent.api('PATCH', `/api/v1/contracts/${c.id}`, {
    version: 1,
    subject: 'Бухгалтерское сопровождение',
  })
  assert.equal(patched.statusCode, 200, patched.body)
  assert.equal(patched.json().version, 2)
  const stale = await agent.api('PATCH', `/api/v1/contracts/${c.id}`, { version: 1, subject: 'Lost update' })
  assert.equal(stale.statusCode, 409)
  assert.equal(stale.json().error.code, 'contracts.stale')

  const bad = await agent.api('PATCH', `/api/v1/contracts/${c.id}`, {
    version: 2,
    parameters: [{ key: 'Флаг', type: 'boolean', value: 'может быть' }],
  })
  assert.equal(bad.statusCode, 422)
  assert.deepEqual(bad.json().error.fields, { 'parameters.0.value': 'contracts.param.invalid_boolean' })

  const first = agent.api('POST', `/api/v1/contracts/${c.id}/status`, { to: 'active', version: 2 })
  const second = agent.api('POST', `/api/v1/contracts/${c.id}/status`, { to: 'active', version: 2, comment: 'again' })
  const codes = [(await first).statusCode, (await second).statusCode].sort()
  assert.deepEqual(codes, [200, 409])
  const illegal = await agent.api('POST', `/api/v1/contracts/${c.id}/status`, { to: 'draft', version: 3 })
  assert.equal(illegal.statusCode, 409)
  assert.equal(illegal.json().error.code, 'contracts.illegal_transition')
  assert.equal(illegal.json().error.message, 'This status change is not allowed: Active → Draft.')

  const dup = await agent.api('POST', '/api/v1/contracts', body(client.id))
  assert.equal(dup.statusCode, 422)
  assert.deepEqual(dup.json().error.fields, { number: 'contracts.error.number_taken' })
  const malformed = await agent.api('POST', '/api/v1/contracts', body(client.id, { signedOn: '15.01.2026' }))
  assert.equal(malformed.statusCode, 400)
})

test('API scans: PDF accepted, PNG and oversize refused storing nothing, download as attachment', async (t) => {
  const w = await world(t, { KABINET_MAX_UPLOAD_MB: '1' })
  const { agent, client, ctx, app } = w
  const c = await givenContract(ctx, client.id, { number: 'SZ-2026/001', status: 'active' })
  const send = (data: Buffer) => {
    const m = multipart('scan', 'scan.pdf', 'application/pdf', data)
    return app.inject({
      method: 'POST',
      url: `/api/v1/contracts/${c.id}/scan`,
      headers: {
        'content-type': m.contentType,
        cookie: agent.cookieHeader,
        'x-csrf-token': agent.csrf,
        accept: 'application/json',
      },
      payload: m.payload,
    })
  }
  const stored = async () => (await w.services.db.kysely.selectFrom('stored_files').select('sha256').execute()).length
  const png = await send(PNG)
  assert.equal(png.statusCode, 422)
  assert.deepEqual(png.json().error.fields, { scan: 'error.upload_type' })
  const big = await send(Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]))
  assert.equal(big.statusCode, 422)
  assert.deepEqual(big.json().error.fields, { scan: 'error.upload_too_large' })
  assert.equal(await stored(), 0)
  const json = await agent.api('POST', `/api/v1/contracts/${c.id}/scan`, {})
  assert.equal(json.statusCode, 422, 'a JSON body is not an upload')

  const ok = await send(PDF)
  assert.equal(ok.statusCode, 200, ok.body)
  assert.equal(ok.json().hasScan, true)
  const audit = await w.services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', c.id)
    .execute()
  assert.ok(audit.some((a) => a.action === 'contract.scan_uploaded'))
  const down = await agent.api('GET', `/api/v1/contracts/${c.id}/scan`)
  assert.equal(down.statusCode, 200)
  assert.equal(down.headers['content-type'], 'application/pdf')
  assert.match(String(down.headers['content-disposition']), /^attachment; filename="contract-SZ-2026-001\.pdf"/)
})

test('client users read their own contracts through the API: no drafts, no notes; others’ are 404', async (t) => {
  const { app, given, client, ctx, manager } = await world(t)
  const mine = await givenContract(ctx, client.id, { number: 'OWN-1', status: 'active', notes: 'internal only' })
  const draft = await givenContract(ctx, client.id, { number: 'OWN-DRAFT' })
  const other = await given.client({ managerId: manager.id })
  const theirs = await givenContract(ctx, other.id, { number: 'OTHER-1', status: 'active' })
  const user = await Agent.signedIn(app, await given.sessionCookie(await given.clientUser({ client })))
  const list = (await user.api('GET', '/api/v1/contracts')).json()
  assert.deepEqual(
    list.items.map((i: { number: string }) => i.number),
    ['OWN-1'],
  )
  const one = await user.api('GET', `/api/v1/contracts/${mine.id}`)
  assert.equal(one.statusCode, 200)
  assert.equal(one.json().notes, undefined)
  assert.equal((await user.api('GET', `/api/v1/contracts/${draft.id}`)).statusCode, 404)
  assert.equal((await user.api('GET', `/api/v1/contracts/${theirs.id}`)).statusCode, 404)
  assert.equal((await user.api('GET', `/api/v1/contracts/${theirs.id}/scan`)).statusCode, 404)
  assert.equal((await user.api('PATCH', `/api/v1/contracts/${mine.id}`, { version: 1, subject: 'x' })).statusCode, 403)
})

test('the OpenAPI document lists the contract endpoints under the contracts tag', async (t) => {
  const { app } = await testApp(t)
  const doc = (await app.inject({ url: '/api/openapi.json' })).json()
  const ops = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>)
    .filter(([p]) => p.startsWith('/api/v1/contracts'))
    .flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => [`${m.toUpperCase()} ${p}`, op.tags]))
  assert.deepEqual(ops.map(([k]) => k).sort(), [
    'GET /api/v1/contracts',
    'GET /api/v1/contracts/{id}',
    'GET /api/v1/contracts/{id}/scan',
    'PATCH /api/v1/contracts/{id}',
    'POST /api/v1/contracts',
    'POST /api/v1/contracts/{id}/scan',
    'POST /api/v1/contracts/{id}/status',
  ])
  assert.ok(ops.every(([, tags]) => JSON.stringify(tags) === '["contracts"]'))
})
