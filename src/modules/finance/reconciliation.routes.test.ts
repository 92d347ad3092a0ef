import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { ctxOf } from './finance.test-kit.js'
import { postEntry, recordCharge } from './ledger.service.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager({ name: 'Mira Manager' })
  const client = await w.given.client({ name: 'Щука и партнёры', managerId: manager.id })
  const user = await w.given.clientUser({ client, locale: 'ru', areas: ['finance'] })
  const mctx = ctxOf(w.services, manager)
  const charge = await recordCharge(mctx, client.id, {
    kind: 'service',
    amountMinor: 150_000,
    currency: 'EUR',
    date: '2026-02-01',
    description: 'Аудит',
  })
  await postEntry(mctx, {
    clientId: client.id,
    date: '2026-02-15',
    kind: 'payment',
    amountMinor: 100_000,
    currency: 'EUR',
    description: 'Bank',
  })
  const client_ = await Agent.signedIn(w.app, await w.given.sessionCookie(user))
  const staff = await Agent.signedIn(w.app, await w.given.sessionCookie(manager))
  return { ...w, manager, client, user, charge, clientAgent: client_, staffAgent: staff }
}

const idFrom = (location: string | undefined) => /\/finance\/reconciliations\/([^/?]+)$/.exec(location ?? '')?.[1] ?? ''
const lockOf = (body: string) => /name="lock" value="(\d+)"/.exec(body)?.[1] ?? ''

test('a client asks for a statement from its cabinet, disputes a line with its amount, and sees the manager’s new version', async (t) => {
  const w = await world(t)
  const list = await w.clientAgent.get('/finance/reconciliations')
  assert.equal(list.statusCode, 200)
  assert.match(list.body, /Запросить акт сверки/)
  // A bad period keeps what was typed, with the error next to the field.
  const bad = await w.clientAgent.post('/finance/reconciliations', {
    currency: 'EUR',
    from: '2026-03-01',
    to: '2026-01-01',
  })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /value="2026-03-01"/)
  assert.match(bad.body, /Конец периода не может быть раньше начала/)
  const made = await w.clientAgent.post('/finance/reconciliations', {
    currency: 'EUR',
    from: '2026-01-01',
    to: '2026-03-31',
  })
  assert.equal(made.statusCode, 303)
  const id = idFrom(made.headers.location as string)
  const page = await w.clientAgent.get(`/finance/reconciliations/${id}`)
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Сальдо конечное/)
  assert.match(page.body, /Аудит/)
  assert.match(page.body, /name="line" value=/)
  // Nothing ticked: refused, the comment kept.
  const empty = await w.clientAgent.post(`/finance/reconciliations/${id}/dispute`, {
    lock: lockOf(page.body),
    comment: 'Не сходится',
  })
  assert.equal(empty.statusCode, 422)
  assert.match(empty.body, /Не сходится/)
  const disputed = await w.clientAgent.post(`/finance/reconciliations/${id}/dispute`, {
    lock: lockOf(page.body),
    comment: 'Аудит по договору 1 200,00',
    line: w.charge.id,
    [`amount_${w.charge.id}`]: '1 200,00',
  })
  assert.equal(disputed.statusCode, 303)
  // The manager sees the dispute with the client's amount and answers with a new version.
  const staffPage = await w.staffAgent.get(`/finance/reconciliations/${id}`)
  assert.equal(staffPage.statusCode, 200)
  assert.match(staffPage.body, /Disputed/)
  assert.match(staffPage.body, /Amount in the client’s books: €1,200\.00|Amount in the client&#39;s books: €1,200\.00/)
  assert.match(staffPage.body, /class="disputed"/)
  const noReply = await w.staffAgent.post(`/finance/reconciliations/${id}/resolve`, {
    lock: lockOf(staffPage.body),
    comment: '',
  })
  assert.equal(noReply.statusCode, 422)
  const resolved = await w.staffAgent.post(`/finance/reconciliations/${id}/resolve`, {
    lock: lockOf(staffPage.body),
    comment: 'We checked the contract; the charge stands.',
  })
  assert.equal(resolved.statusCode, 303)
  const after = await w.clientAgent.get(`/finance/reconciliations/${id}`)
  assert.match(after.body, /Ожидает ответа · v2/)
  assert.match(after.body, /We checked the contract/)
  // A client cannot answer as the manager, nor the manager as the client.
  assert.equal(
    (await w.clientAgent.post(`/finance/reconciliations/${id}/resolve`, { lock: '1', comment: 'x' })).statusCode,
    403,
  )
  assert.equal((await w.staffAgent.post(`/finance/reconciliations/${id}/accept`, { lock: '1' })).statusCode, 403)
  const accepted = await w.clientAgent.post(`/finance/reconciliations/${id}/accept`, { lock: lockOf(after.body) })
  assert.equal(accepted.statusCode, 303)
  const pdf = await w.clientAgent.get(`/finance/reconciliations/${id}/pdf?version=1`)
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
  assert.match(String(pdf.headers['content-disposition']), /RS-\d{4}-\d+-v1\.pdf/)
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
})

test('staff issue a statement for a client they manage; the list filters by status', async (t) => {
  const w = await world(t)
  const form = await w.staffAgent.get('/finance/reconciliations')
  assert.equal(form.statusCode, 200)
  assert.match(form.body, /Щука и партнёры/)
  const made = await w.staffAgent.post('/finance/reconciliations', {
    client_id: w.client.id,
    currency: 'EUR',
    from: '2026-01-01',
    to: '2026-03-31',
  })
  assert.equal(made.statusCode, 303)
  const issued = await w.staffAgent.get('/finance/reconciliations?status=issued')
  assert.match(issued.body, /RS-\d{4}-000001/)
  const accepted = await w.staffAgent.get('/finance/reconciliations?status=accepted')
  assert.doesNotMatch(accepted.body, /RS-\d{4}-000001/)
  // The client sees it too, and nothing of other clients.
  const mine = await w.clientAgent.get('/finance/reconciliations')
  assert.match(mine.body, /RS-\d{4}-000001/)
})

test('API: a client requests, reads and disputes a statement; the manager resolves; stale locks are refused', async (t) => {
  const w = await world(t)
  await w.clientAgent.get('/')
  const made = await w.clientAgent.api('POST', '/api/v1/finance/reconciliations', {
    currency: 'EUR',
    from: '2026-01-01',
    to: '2026-03-31',
  })
  assert.equal(made.statusCode, 201, made.body)
  const rec = made.json()
  assert.equal(rec.clientId, w.client.id)
  const detail = (await w.clientAgent.api('GET', `/api/v1/finance/reconciliations/${rec.id}`)).json()
  assert.deepEqual(
    [detail.openingMinor, detail.debitMinor, detail.creditMinor, detail.closingMinor],
    [0, 150_000, 100_000, -50_000],
  )
  assert.equal(detail.lines.length, 2)
  const disputed = await w.clientAgent.api('POST', `/api/v1/finance/reconciliations/${rec.id}/dispute`, {
    lock: rec.lock,
    comment: 'Audit should be 1,200.00',
    items: [{ entryId: w.charge.id, theirAmountMinor: 120_000, note: 'contract price' }],
  })
  assert.equal(disputed.statusCode, 200, disputed.body)
  const stale = await w.clientAgent.api('POST', `/api/v1/finance/reconciliations/${rec.id}/accept`, { lock: rec.lock })
  assert.equal(stale.statusCode, 409)
  await w.staffAgent.get('/')
  const resolved = await w.staffAgent.api('POST', `/api/v1/finance/reconciliations/${rec.id}/resolve`, {
    lock: disputed.json().lock,
    comment: 'The charge stands',
  })
  assert.equal(resolved.statusCode, 200, resolved.body)
  assert.equal(resolved.json().currentVersion, 2)
  const pdf = await w.clientAgent.api('GET', `/api/v1/finance/reconciliations/${rec.id}/pdf?version=2&lang=hu`)
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
  const list = (await w.staffAgent.api('GET', '/api/v1/finance/reconciliations?status=issued')).json()
  assert.equal(list.total, 1)
})
