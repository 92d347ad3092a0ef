import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { DEFAULTS } from '../../core/settings/settings-store.js'
import { changeOrderStatus } from './order-status.service.js'
import { ctxOf, givenOrder } from './orders.test-kit.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager()
  const client = await w.given.client({ managerId: manager.id })
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(manager))
  await agent.get('/orders')
  return { ...w, manager, client, agent, ctx: ctxOf(w.services, manager) }
}

const body = (clientId: string) => ({
  clientId,
  orderDate: '2026-03-02',
  currency: 'RUB',
  deliveryAddress: '109316, Москва, Волгоградский пр-т, 42',
  lines: [
    {
      sku: 'BUM-A4',
      name: 'Бумага офисная А4',
      quantityMilli: 10_000,
      unit: 'пач.',
      unitPriceMinor: 39_000,
      vatRateBp: 2000,
    },
    { name: 'Кофе в зёрнах', quantityMilli: 1500, unit: 'кг', unitPriceMinor: 189_050, vatRateBp: 2000 },
  ],
})

test('the API creates, lists, reads and moves an order; a stale version answers 409', async (t) => {
  const { agent, client } = await world(t)
  const created = await agent.api('POST', '/api/v1/orders', body(client.id))
  assert.equal(created.statusCode, 201, created.body)
  const o = created.json()
  assert.equal(o.status, 'new')
  assert.equal(o.statusLabel, 'New')
  assert.equal(o.createdVia, 'api')
  // 1.5 × 1890.50 = 2835.75 net; VAT 20% 567.15; paper 3900.00 + 780.00
  assert.deepEqual([o.netMinor, o.vatMinor, o.totalMinor], [673_575, 134_715, 808_290])
  assert.deepEqual(
    o.lines.map((l: { netMinor: number; vatMinor: number }) => [l.netMinor, l.vatMinor]),
    [
      [390_000, 78_000],
      [283_575, 56_715],
    ],
  )
  assert.equal((await agent.api('GET', `/api/v1/orders/${o.id}`)).json().number, o.number)
  const list = await agent.api('GET', '/api/v1/orders?view=current&per=10')
  assert.deepEqual(
    list.json().items.map((i: { id: string }) => i.id),
    [o.id],
  )
  assert.equal((await agent.api('GET', '/api/v1/orders?view=archive')).json().total, 0)
  assert.equal((await agent.api('GET', '/api/v1/orders?q=кофе')).json().total, 1)

  const moved = await agent.api('POST', `/api/v1/orders/${o.id}/status`, { to: 'confirmed', version: 1, comment: 'OK' })
  assert.equal(moved.statusCode, 200, moved.body)
  assert.equal(moved.json().version, 2)
  const stale = await agent.api('POST', `/api/v1/orders/${o.id}/status`, { to: 'in_progress', version: 1 })
  assert.equal(stale.statusCode, 409)
  assert.equal(stale.json().error.code, 'orders.stale')
  const illegal = await agent.api('POST', `/api/v1/orders/${o.id}/status`, { to: 'delivered', version: 2 })
  assert.equal(illegal.statusCode, 409)
  assert.equal(illegal.json().error.code, 'orders.illegal_transition')
  assert.match(illegal.json().error.message, /Confirmed.*Delivered/)
})

test('two API requests with the same version: exactly one 409, exactly one history row', async (t) => {
  const { agent, client, ctx, services, manager, given, app } = await world(t)
  const o = await givenOrder(ctx, client.id)
  const second = await Agent.signedIn(app, await given.sessionCookie(manager))
  await second.get('/orders')
  const [a, b] = await Promise.all([
    agent.api('POST', `/api/v1/orders/${o.id}/status`, { to: 'confirmed', version: o.version }),
    second.api('POST', `/api/v1/orders/${o.id}/status`, { to: 'cancelled', version: o.version }),
  ])
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409], `${a.body} ${b.body}`)
  const rows = await services.db.kysely
    .selectFrom('order_status_changes')
    .select('to_status')
    .where('order_id', '=', o.id)
    .where('from_status', 'is not', null)
    .execute()
  assert.equal(rows.length, 1)
})

test('a client user: own orders only, no internal comments or notes in the JSON, ordering only when allowed', async (t) => {
  const { client, ctx, given, app, services } = await world(t)
  const user = await given.clientUser({ client })
  const me = await Agent.signedIn(app, await given.sessionCookie(user))
  await me.get('/orders/mine')
  const o = await givenOrder(ctx, client.id, { status: 'in_progress' })
  await changeOrderStatus(ctx, o.id, 'shipped', {
    version: o.version,
    comment: 'margin is thin, do not tell',
    internal: true,
    shipment: { note: 'driver owes us a favour', carrier: 'DPD' },
  })
  const theirs = await givenOrder(ctx, (await given.client({ managerId: ctx.actor?.id ?? null })).id)
  const got = await me.api('GET', `/api/v1/orders/${o.id}`)
  assert.equal(got.statusCode, 200)
  assert.doesNotMatch(got.body, /margin is thin|driver owes us/)
  assert.equal(got.json().shipments[0].carrier, 'DPD')
  assert.equal(got.json().shipments[0].note, undefined)
  assert.equal(got.json().history.at(-1).internal, undefined)
  assert.equal((await me.api('GET', `/api/v1/orders/${theirs.id}`)).statusCode, 404)
  assert.deepEqual(
    (await me.api('GET', '/api/v1/orders')).json().items.map((i: { id: string }) => i.id),
    [o.id],
  )
  const forbidden = await me.api('POST', `/api/v1/orders/${o.id}/status`, { to: 'delivered', version: 3 })
  assert.equal(forbidden.statusCode, 403)
  assert.equal(forbidden.json().error.code, 'forbidden')

  const placed = await me.api('POST', '/api/v1/orders', {
    clientId: 'someone-else',
    lines: [{ name: 'Paper', quantityMilli: 5000, unit: 'ream', unitPriceMinor: 1, vatRateBp: 2700 }],
  })
  assert.equal(placed.statusCode, 201, placed.body)
  assert.equal(placed.json().clientId, client.id)
  assert.equal(placed.json().isPriced, false)
  assert.equal(placed.json().lines[0].unitPriceMinor, null)

  await services.settings.put(services.db.kysely, 'orders', { ...DEFAULTS.orders, clientsMayOrder: false }, null)
  const refused = await me.api('POST', '/api/v1/orders', {
    lines: [{ name: 'Paper', quantityMilli: 5000, unit: 'ream' }],
  })
  assert.equal(refused.statusCode, 409)
  assert.equal(refused.json().error.code, 'orders.ordering_closed')
})

test('PATCH prices a new order; the OpenAPI document lists the orders endpoints', async (t) => {
  const { agent, client, ctx, app } = await world(t)
  const o = await givenOrder(ctx, client.id)
  const patched = await agent.api('PATCH', `/api/v1/orders/${o.id}`, {
    version: 1,
    lines: [{ name: 'Toner', quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 10_000, vatRateBp: 2700 }],
  })
  assert.equal(patched.statusCode, 200, patched.body)
  assert.deepEqual([patched.json().totalMinor, patched.json().version], [12_700, 2])
  const bad = await agent.api('PATCH', `/api/v1/orders/${o.id}`, {
    version: 2,
    lines: [{ name: 'Toner', quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 10_000, vatRateBp: 1234 }],
  })
  assert.equal(bad.statusCode, 422)
  assert.equal(bad.json().error.fields['lines.0.vat_rate'], 'orders.error.vat_rate')
  const doc = (await app.inject({ url: '/api/openapi.json' })).json()
  for (const path of ['/api/v1/orders/', '/api/v1/orders/{id}', '/api/v1/orders/{id}/status']) {
    assert.ok(doc.paths[path] || doc.paths[path.replace(/\/$/, '')], path)
  }
})
