import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { ctxOf, rawSum } from './finance.test-kit.js'
import { createInvoice, issueInvoice } from './invoice.service.js'
import { postEntry, recordCharge } from './ledger.service.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager({ name: 'Mira Manager' })
  const client = await w.given.client({ name: 'Árvíztűrő Kft.', managerId: manager.id })
  const ctx = ctxOf(w.services, manager)
  return { ...w, manager, client, ctx }
}

test('a client user sees its balance on the home page and its ledger with running balance', async (t) => {
  const w = await world(t)
  await postEntry(w.ctx, {
    clientId: w.client.id,
    date: '2026-01-10',
    kind: 'payment',
    amountMinor: 50_000,
    currency: 'EUR',
    description: 'Advance',
  })
  await recordCharge(w.ctx, w.client.id, {
    kind: 'service',
    amountMinor: 12_345,
    currency: 'EUR',
    date: '2026-02-01',
    description: 'Könyvelés <b>január</b>',
  })
  const user = await w.given.clientUser({ client: w.client })
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(user))
  const home = await agent.get('/')
  assert.equal(home.statusCode, 200)
  assert.match(home.body, /Credit \(EUR\)/)
  assert.match(home.body, /€376\.55/)
  const page = await agent.get('/finance/ledger?currency=EUR&from=2026-01-01&to=2026-12-31')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Könyvelés &lt;b>január&lt;\/b>/)
  assert.match(page.body, /€500\.00/)
  assert.match(page.body, /€123\.45/)
  assert.match(page.body, /€376\.55/)
  // A client user has no reverse buttons and no charge form.
  assert.doesNotMatch(page.body, /\/reverse"/)
  assert.doesNotMatch(page.body, /name="amount"/)
  // The period starting after the payment opens with it.
  const later = await agent.get('/finance/ledger?currency=EUR&from=2026-01-15&to=2026-12-31')
  assert.match(later.body, /Opening balance[\s\S]*€500\.00/)
  // A bad period is shown as an error with the default period instead.
  const bad = await agent.get('/finance/ledger?from=2026-13-01')
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /Enter a date/)
})

test('a client user without the finance area is refused the ledger and gets no balance block', async (t) => {
  const w = await world(t)
  await postEntry(w.ctx, {
    clientId: w.client.id,
    date: '2026-01-10',
    kind: 'payment',
    amountMinor: 50_000,
    currency: 'EUR',
    description: 'Advance',
  })
  const user = await w.given.clientUser({ client: w.client, areas: ['orders'] })
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(user))
  assert.equal((await agent.get('/finance/ledger')).statusCode, 403)
  assert.doesNotMatch((await agent.get('/')).body, /Credit \(EUR\)/)
})

test('a manager records a charge (errors kept next to the fields), then reverses it', async (t) => {
  const w = await world(t)
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(w.manager))
  const url = `/finance/clients/${w.client.id}/ledger`
  assert.equal((await agent.get(url)).statusCode, 200)
  const bad = await agent.post(`/finance/clients/${w.client.id}/charges`, {
    kind: 'service',
    amount: 'abc',
    currency: 'EUR',
    date: '2026-04-01',
    description: 'Audit support',
  })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /Enter an amount greater than zero/)
  assert.match(bad.body, /value="Audit support"/)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 0)

  const ok = await agent.post(`/finance/clients/${w.client.id}/charges`, {
    kind: 'service',
    amount: '1,234.50',
    currency: 'EUR',
    date: '2026-04-01',
    description: 'Audit support',
  })
  assert.equal(ok.statusCode, 303)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), -123_450)
  const entry = await w.services.db.kysely.selectFrom('ledger_entries').selectAll().executeTakeFirstOrThrow()
  const listed = await agent.get(`${url}?from=2026-01-01&to=2026-12-31`)
  assert.match(listed.body, new RegExp(`/finance/entries/${entry.id}/reverse`))

  const rev = await agent.post(`/finance/entries/${entry.id}/reverse`, { reason: 'Not done' })
  assert.equal(rev.statusCode, 303)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 0)
  const again = await agent.post(`/finance/entries/${entry.id}/reverse`, { reason: 'Not done' })
  assert.equal(again.statusCode, 303)
  assert.match((await agent.get(url)).body, /already been reversed/)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 0)
})

test('only the head opens the finance settings; a manager is refused a date in the locked period', async (t) => {
  const w = await world(t)
  const head = await w.given.head()
  const headAgent = await Agent.signedIn(w.app, await w.given.sessionCookie(head))
  const managerAgent = await Agent.signedIn(w.app, await w.given.sessionCookie(w.manager))
  assert.equal((await managerAgent.get('/finance/settings')).statusCode, 403)
  assert.equal((await headAgent.get('/finance/settings')).statusCode, 200)
  const bad = await headAgent.post('/finance/settings', {
    lock_date: '2026-02-31',
    payment_days: '8',
    top_up_min: '10',
  })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /value="2026-02-31"/)
  const saved = await headAgent.post('/finance/settings', {
    lock_date: '2026-03-31',
    payment_days: '15',
    top_up_min: '25.00',
  })
  assert.equal(saved.statusCode, 303)
  w.services.settings.invalidate()
  assert.deepEqual(await w.services.settings.get('finance'), {
    lockDate: '2026-03-31',
    defaultPaymentDays: 15,
    topUpMinMinor: 2500,
  })

  await managerAgent.get(`/finance/clients/${w.client.id}/ledger`)
  const locked = await managerAgent.post(`/finance/clients/${w.client.id}/charges`, {
    kind: 'fee',
    amount: '10',
    currency: 'EUR',
    date: '2026-03-01',
    description: 'Late fee',
  })
  assert.equal(locked.statusCode, 422)
  assert.match(locked.body, /locked period/)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 0)
})

test('client accounts: a manager sees the balances of its own clients only, with links to their ledgers', async (t) => {
  const w = await world(t)
  const other = await w.given.client({ name: 'Someone Else Kft.' })
  await recordCharge(w.ctx, w.client.id, {
    kind: 'fee',
    amountMinor: 4_200,
    currency: 'EUR',
    date: '2026-04-01',
    description: 'Fee',
  })
  await postEntry(w.ctx, {
    clientId: w.client.id,
    date: '2026-04-02',
    kind: 'payment',
    amountMinor: 10_000,
    currency: 'HUF',
    description: 'x',
  })
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(w.manager))
  const page = await agent.get('/finance/clients')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Árvíztűrő Kft\./)
  assert.match(page.body, /-€42\.00|−€42\.00/)
  assert.match(page.body, new RegExp(`/finance/clients/${w.client.id}/ledger`))
  assert.doesNotMatch(page.body, /Someone Else/)
  assert.doesNotMatch(page.body, new RegExp(other.id))
  const user = await w.given.clientUser({ client: w.client })
  assert.equal(
    (await (await Agent.signedIn(w.app, await w.given.sessionCookie(user))).get('/finance/clients')).statusCode,
    403,
  )
})

test('the staff client list shows each listed client’s balance, linking to its ledger', async (t) => {
  const w = await world(t)
  const quiet = await w.given.client({ name: 'Csendes Bt.', managerId: w.manager.id })
  await recordCharge(w.ctx, w.client.id, {
    kind: 'service',
    amountMinor: 123_456,
    currency: 'EUR',
    date: '2026-04-01',
    description: 'Audit',
  })
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(w.manager))
  const list = await agent.get('/clients?sort=name&dir=asc')
  assert.equal(list.statusCode, 200)
  assert.match(list.body, /<th[^>]*>(?:(?!<\/th>).)*Balance/s)
  const row = (id: string) => list.body.slice(list.body.indexOf(`/clients/${id}"`)).split('</tr>')[0] ?? ''
  assert.match(row(w.client.id), /-€1,234\.56|−€1,234\.56/)
  assert.match(row(w.client.id), new RegExp(`/finance/clients/${w.client.id}/ledger`))
  assert.doesNotMatch(row(quiet.id), /€/)
})

test('the client card’s timeline shows charges, money received and payment requests issued', async (t) => {
  const w = await world(t)
  await recordCharge(w.ctx, w.client.id, {
    kind: 'service',
    amountMinor: 9_900,
    currency: 'EUR',
    date: '2026-04-01',
    description: 'Bérszámfejtés',
  })
  const inv = await createInvoice(w.ctx, w.client.id, {
    currency: 'EUR',
    dueDate: null,
    note: '',
    lines: [{ name: 'Work', quantityMilli: 1000, unit: 'h', unitPriceMinor: 5_000, vatRateBp: 0 }],
  })
  const issued = await issueInvoice(w.ctx, inv.id)
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(w.manager))
  const card = await agent.get(`/clients/${w.client.id}`)
  assert.equal(card.statusCode, 200)
  assert.match(card.body, /Certificate of completion · -€99\.00|Certificate of completion · −€99\.00/)
  assert.match(card.body, /Bérszámfejtés/)
  assert.match(card.body, new RegExp(`Payment request ${issued.number} issued: €50\\.00`))
})
