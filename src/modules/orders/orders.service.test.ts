import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { Ctx } from '../../core/ctx.js'
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { DEFAULTS } from '../../core/settings/settings-store.js'
import { createContract } from '../contracts/index.js'
import { createOrder, placeOrder, updateOrder } from './order-entry.service.js'
import { changeOrderStatus } from './order-status.service.js'
import { getOrder, getOrderLines, listOrders, ORDER_SORTS } from './orders.service.js'
import { ctxOf, givenOrder, line, mailTo, orderInput } from './orders.test-kit.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager()
  const client = await w.given.client({ managerId: manager.id })
  return { ...w, manager, client, ctx: ctxOf(w.services, manager) }
}

const lq = (query: Record<string, string> = {}) =>
  parseListQuery(query, { sortable: ORDER_SORTS, defaultSort: 'order_date', defaultDir: 'desc' })

test('an order is numbered, stores each line’s rounded amounts and totals them; it starts as new with a history row', async (t) => {
  const { ctx, client, services } = await world(t)
  const o = await createOrder(
    ctx,
    client.id,
    orderInput({
      lines: [
        line({ quantityMilli: 1500, unitPriceMinor: 15, vatRateBp: 2700 }), // 22.5 → 23, VAT 6.21 → 6
        line({ name: 'Paper', sku: null, quantityMilli: 3000, unitPriceMinor: 333, vatRateBp: 500 }), // 999, VAT 49.95 → 50
      ],
    }),
  )
  assert.match(o.number, /^ORD-2026-\d{6}$/)
  assert.deepEqual([o.netMinor, o.vatMinor, o.totalMinor, o.isPriced, o.lineCount], [1022, 56, 1078, true, 2])
  const lines = await getOrderLines(ctx, o.id)
  assert.deepEqual(
    lines.map((l) => [l.position, l.netMinor, l.vatMinor, l.totalMinor]),
    [
      [1, 23, 6, 29],
      [2, 999, 50, 1049],
    ],
  )
  assert.equal(o.status, 'new')
  assert.equal(o.createdVia, 'staff')
  const second = await createOrder(ctx, client.id, orderInput())
  assert.notEqual(second.number, o.number)
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', o.id)
    .executeTakeFirstOrThrow()
  assert.equal(audit.action, 'order.created')
})

test('bad input is refused field by field; a VAT rate must be one of the company’s; the contract must be the client’s', async (t) => {
  const { ctx, client, given, services } = await world(t)
  const err = await createOrder(
    ctx,
    client.id,
    orderInput({
      orderDate: '2026-02-30',
      currency: 'euro',
      lines: [line({ name: ' ', quantityMilli: 0 }), line({ vatRateBp: 1234 }), line({ vatRateBp: null })],
    }),
  ).catch((e: ValidationError) => e)
  assert.ok(err instanceof ValidationError)
  assert.deepEqual(err.fields, {
    order_date: 'orders.error.date',
    currency: 'orders.error.currency',
    'lines.0.name': 'form.required',
    'lines.0.quantity': 'orders.error.quantity',
    'lines.1.vat_rate': 'orders.error.vat_rate',
    'lines.2.vat_rate': 'orders.error.vat_rate',
  })
  const other = await given.client({ managerId: (await given.manager()).id })
  const system = Ctx.system(services, 'test')
  const theirs = await createContract(system, other.id, {
    number: 'X-1',
    signedOn: '2026-01-01',
    subject: 'Other',
    type: 'supply',
    parameters: [],
    amount: null,
    validFrom: '2026-01-01',
    validTo: null,
    issuer: null,
    notes: '',
  })
  await assert.rejects(
    createOrder(ctx, client.id, orderInput({ contractId: theirs.id })),
    (e: unknown) => e instanceof ValidationError && e.fields.contract_id === 'orders.error.contract',
  )
  const mine = await createContract(system, client.id, {
    number: 'M-1',
    signedOn: '2026-01-01',
    subject: 'Supply',
    type: 'supply',
    parameters: [],
    amount: null,
    validFrom: '2026-01-01',
    validTo: null,
    issuer: null,
    notes: '',
  })
  await assert.rejects(
    createOrder(ctx, client.id, orderInput({ contractId: mine.id })),
    ValidationError,
    'a draft contract',
  )
  await services.db.kysely.updateTable('contracts').set({ status: 'active' }).where('id', '=', mine.id).execute()
  const o = await createOrder(ctx, client.id, orderInput({ contractId: mine.id }))
  assert.equal(o.contractNumber, 'M-1')
  await assert.rejects(createOrder(ctx, other.id, orderInput()), NotFoundError, 'not the manager’s client')
})

test('a client user places an order without prices when allowed; the manager is told; refused when switched off', async (t) => {
  const { services, client, manager, given } = await world(t)
  const user = await given.clientUser({ client })
  const ctx = ctxOf(services, user)
  const placed = await placeOrder(ctx, {
    deliveryAddress: 'Back entrance',
    desiredDate: null,
    comment: 'Urgent please',
    // Prices a client sends are dropped: the manager sets them.
    lines: [line({ unitPriceMinor: 1, vatRateBp: 2700 }), line({ name: 'Paper', sku: null })],
  })
  assert.equal(placed.clientId, client.id)
  assert.equal(placed.createdVia, 'client')
  assert.equal(placed.isPriced, false)
  assert.equal(placed.totalMinor, 0)
  assert.ok((await getOrderLines(ctx, placed.id)).every((l) => l.unitPriceMinor === null && l.netMinor === null))
  const mail = await mailTo(services, manager.email)
  assert.equal(mail.length, 1)
  assert.match(mail[0]?.subject ?? '', new RegExp(placed.number))

  await services.db.kysely
    .insertInto('settings')
    .values({
      key: 'orders',
      value_json: JSON.stringify({ ...DEFAULTS.orders, clientsMayOrder: false }),
      updated_at: new Date().toISOString(),
      updated_by: null,
    })
    .execute()
  services.settings.invalidate()
  await assert.rejects(
    placeOrder(ctx, { deliveryAddress: null, desiredDate: null, comment: null, lines: [line()] }),
    (e: unknown) => e instanceof RuleError && e.code === 'orders.ordering_closed',
  )
  const noArea = await given.clientUser({ client, areas: ['finance'] })
  await assert.rejects(
    placeOrder(ctxOf(services, noArea), { deliveryAddress: null, desiredDate: null, comment: null, lines: [line()] }),
    { code: 'forbidden' },
  )
})

test('the manager prices a client’s order while it is new; after that, or with a stale version, edits are refused', async (t) => {
  const { services, client, given, ctx } = await world(t)
  const user = await given.clientUser({ client })
  const placed = await placeOrder(ctxOf(services, user), {
    deliveryAddress: null,
    desiredDate: null,
    comment: null,
    lines: [line({ unitPriceMinor: null, vatRateBp: null })],
  })
  const priced = await updateOrder(ctx, placed.id, placed.version, {
    lines: [line({ unitPriceMinor: 12_990, vatRateBp: 2700 })],
  })
  assert.deepEqual([priced.isPriced, priced.netMinor, priced.vatMinor, priced.version], [true, 25_980, 7015, 2])
  await assert.rejects(updateOrder(ctx, placed.id, 1, { comment: 'late' }), ConflictError)
  const confirmed = await changeOrderStatus(ctx, placed.id, 'confirmed', { version: priced.version })
  await assert.rejects(
    updateOrder(ctx, placed.id, confirmed.version, { comment: 'too late' }),
    (e: unknown) => e instanceof RuleError && e.code === 'orders.not_editable',
  )
})

test('lists: current vs archive, status, client, date range, search by number, item name or SKU; sorted and paged', async (t) => {
  const { ctx, client, given } = await world(t)
  const other = await given.client({ managerId: ctx.actor?.id ?? null })
  const a = await givenOrder(ctx, client.id, {
    orderDate: '2026-01-10',
    lines: [line({ name: 'Kávé szemes', sku: 'KAV-1' })],
  })
  const b = await givenOrder(ctx, client.id, { orderDate: '2026-02-10', status: 'closed' })
  const c = await givenOrder(ctx, other.id, { orderDate: '2026-03-10', status: 'shipped' })
  const ids = async (query: Record<string, string>, filters: Parameters<typeof listOrders>[2]) =>
    (await listOrders(ctx, lq(query), filters)).rows.map((o) => o.id)
  assert.deepEqual(await ids({}, { view: 'current' }), [c.id, a.id])
  assert.deepEqual(await ids({}, { view: 'archive' }), [b.id])
  assert.deepEqual(await ids({ sort: 'order_date', dir: 'asc' }, {}), [a.id, b.id, c.id])
  assert.deepEqual(await ids({}, { status: 'shipped' }), [c.id])
  assert.deepEqual(await ids({}, { clientId: client.id }), [b.id, a.id])
  assert.deepEqual(await ids({}, { from: '2026-02-01', to: '2026-02-28' }), [b.id])
  assert.deepEqual(await ids({ q: 'KÁVÉ' }, {}), [a.id])
  assert.deepEqual(await ids({ q: 'kav-1' }, {}), [a.id])
  assert.deepEqual(await ids({ q: b.number }, {}), [b.id])
  assert.deepEqual(await ids({ q: '%' }, {}), [])
  const page = await listOrders(ctx, lq({ per: '2', page: '2', sort: 'order_date', dir: 'asc' }))
  assert.deepEqual([page.total, page.rows.map((o) => o.id)], [3, [c.id]])
})

test('scope: another manager’s client’s order and another client’s order are not found', async (t) => {
  const { ctx, client, services, given } = await world(t)
  const o = await givenOrder(ctx, client.id)
  const stranger = await given.manager()
  await assert.rejects(getOrder(ctxOf(services, stranger), o.id), NotFoundError)
  const otherUser = await given.clientUser()
  await assert.rejects(getOrder(ctxOf(services, otherUser), o.id), NotFoundError)
  await assert.rejects(getOrderLines(ctxOf(services, otherUser), o.id), NotFoundError)
  assert.equal((await listOrders(ctxOf(services, otherUser), lq())).total, 0)
  const own = await given.clientUser({ client })
  assert.equal((await getOrder(ctxOf(services, own), o.id)).id, o.id)
})
