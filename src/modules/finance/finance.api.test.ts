import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { ctxOf } from './finance.test-kit.js'
import { recordCharge } from './ledger.service.js'

test('API: a manager creates, issues and collects a payment request; balance and ledger follow', async (t) => {
  const w = await testApp(t)
  const manager = await w.given.manager()
  const client = await w.given.client({ name: 'API Kft.', managerId: manager.id })
  const other = await w.given.client({ name: 'Other Kft.' })
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(manager))
  await agent.get('/')

  const created = await agent.api('POST', '/api/v1/finance/invoices', {
    clientId: client.id,
    currency: 'EUR',
    lines: [{ name: 'Support', quantityMilli: 2000, unit: 'h', unitPriceMinor: 4_000, vatRateBp: 2700 }],
  })
  assert.equal(created.statusCode, 201, created.body)
  const inv = created.json()
  assert.equal(inv.status, 'draft')
  assert.equal(inv.totalMinor, 10_160)
  assert.equal(inv.lines[0].vatMinor, 2_160)
  const badVat = await agent.api('POST', '/api/v1/finance/invoices', {
    clientId: client.id,
    currency: 'EUR',
    lines: [{ name: 'x', quantityMilli: 1000, unitPriceMinor: 1, vatRateBp: 1234 }],
  })
  assert.equal(badVat.statusCode, 422)
  assert.equal(badVat.json().error.fields.line_0_vat, 'finance.error.vat_rate')
  assert.equal(
    (
      await agent.api('POST', '/api/v1/finance/invoices', {
        clientId: other.id,
        currency: 'EUR',
        lines: [{ name: 'x', quantityMilli: 1000, unitPriceMinor: 1, vatRateBp: 0 }],
      })
    ).statusCode,
    404,
  )

  const issued = await agent.api('POST', `/api/v1/finance/invoices/${inv.id}/issue`, { version: inv.version })
  assert.equal(issued.statusCode, 200, issued.body)
  assert.match(issued.json().number, /^PR-/)
  const stale = await agent.api('POST', `/api/v1/finance/invoices/${inv.id}/cancel`, { version: inv.version })
  assert.equal(stale.statusCode, 409)
  const paid = await agent.api('POST', `/api/v1/finance/invoices/${inv.id}/payments`, {
    amountMinor: 12_000,
    date: '2026-05-02',
    reference: 'T-1',
  })
  assert.equal(paid.statusCode, 200, paid.body)
  assert.equal(paid.json().status, 'paid')
  await recordCharge(ctxOf(w.services, manager), client.id, {
    kind: 'service',
    amountMinor: 500,
    currency: 'EUR',
    date: '2026-05-03',
    description: 'Act',
  })

  const balance = await agent.api('GET', `/api/v1/finance/balance?clientId=${client.id}`)
  assert.deepEqual(balance.json(), { clientId: client.id, balances: [{ currency: 'EUR', balanceMinor: 11_500 }] })
  assert.equal((await agent.api('GET', '/api/v1/finance/balance')).statusCode, 422)
  assert.equal((await agent.api('GET', `/api/v1/finance/balance?clientId=${other.id}`)).statusCode, 404)
  const ledger = await agent.api(
    'GET',
    `/api/v1/finance/ledger?clientId=${client.id}&currency=EUR&from=2026-01-01&to=2026-12-31&per=1&page=2`,
  )
  assert.equal(ledger.statusCode, 200, ledger.body)
  const l = ledger.json()
  assert.equal(l.total, 2)
  assert.equal(l.pageOpeningMinor, 12_000)
  assert.equal(l.items[0].runningMinor, 11_500)
  assert.equal(l.closingMinor, 11_500)

  // The client's own user reads its balance and requests, and nobody else's.
  const user = await w.given.clientUser({ client })
  const ua = await Agent.signedIn(w.app, await w.given.sessionCookie(user))
  assert.deepEqual((await ua.api('GET', '/api/v1/finance/balance')).json().balances, [
    { currency: 'EUR', balanceMinor: 11_500 },
  ])
  assert.equal((await ua.api('GET', `/api/v1/finance/ledger?clientId=${other.id}`)).statusCode, 404)
  const list = (await ua.api('GET', '/api/v1/finance/invoices')).json()
  assert.equal(list.total, 1)
  assert.equal((await ua.api('GET', `/api/v1/finance/invoices/${inv.id}`)).json().payments.length, 1)
  assert.equal(
    (
      await ua.api('POST', `/api/v1/finance/invoices/${inv.id}/payments`, {
        amountMinor: 1,
        date: '2026-05-02',
        reference: 'x',
      })
    ).statusCode,
    403,
  )

  const doc = (await w.app.inject({ url: '/api/openapi.json' })).json()
  assert.deepEqual(doc.paths['/api/v1/finance/invoices/{id}/payments'].post.tags, ['finance'])
})
