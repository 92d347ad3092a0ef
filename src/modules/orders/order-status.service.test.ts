import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { ConflictError, RuleError, ValidationError } from '../../core/errors.js'
import { DEFAULTS } from '../../core/settings/settings-store.js'
import { clientBalances, getEntry } from '../finance/index.js'
import { placeOrder } from './order-entry.service.js'
import { changeOrderStatus, orderHistory } from './order-status.service.js'
import { getOrder, getOrderLines } from './orders.service.js'
import { ctxOf, givenOrder, line, mailTo } from './orders.test-kit.js'
import { orderShipments } from './shipments.service.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager()
  const client = await w.given.client({ managerId: manager.id })
  return { ...w, manager, client, ctx: ctxOf(w.services, manager) }
}

const STATUSES = DEFAULTS.orders.statuses.map((s) => s.key)

test('every status pair: the configured moves succeed with one history row and an audit record; the rest are refused', async (t) => {
  const { ctx, client, services } = await world(t)
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const o = await givenOrder(ctx, client.id, { status: from })
      const legal = (DEFAULTS.orders.transitions[from] ?? []).includes(to)
      if (!legal) {
        await assert.rejects(
          changeOrderStatus(ctx, o.id, to, { version: o.version }),
          (e: unknown) => e instanceof RuleError && e.code === 'orders.illegal_transition',
          `${from} → ${to} must be refused`,
        )
        assert.equal((await getOrder(ctx, o.id)).status, from)
        continue
      }
      const after = await changeOrderStatus(ctx, o.id, to, { version: o.version, comment: `${from}→${to}` })
      assert.equal(after.status, to, `${from} → ${to}`)
      assert.equal(after.version, o.version + 1)
      const last = (await orderHistory(ctx, o.id)).at(-1)
      assert.deepEqual([last?.from, last?.to, last?.comment], [from, to, `${from}→${to}`])
      const audit = await services.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_id', '=', o.id)
        .where('action', '=', 'order.status_changed')
        .executeTakeFirstOrThrow()
      assert.deepEqual(JSON.parse(audit.before_json ?? ''), { status: from })
      assert.equal(JSON.parse(audit.after_json ?? '').status, to)
    }
  }
})

test('an unpriced order can be cancelled but not confirmed; unknown targets and stale versions are refused', async (t) => {
  const { ctx, client } = await world(t)
  const o = await givenOrder(ctx, client.id, { lines: [line({ unitPriceMinor: null, vatRateBp: null })] })
  assert.equal(o.isPriced, false)
  await assert.rejects(
    changeOrderStatus(ctx, o.id, 'confirmed', { version: o.version }),
    (e: unknown) => e instanceof RuleError && e.code === 'orders.unpriced',
  )
  await assert.rejects(changeOrderStatus(ctx, o.id, 'nonsense', { version: o.version }), ValidationError)
  await assert.rejects(changeOrderStatus(ctx, o.id, 'cancelled', { version: o.version + 5 }), ConflictError)
  assert.equal((await changeOrderStatus(ctx, o.id, 'cancelled', { version: o.version })).status, 'cancelled')
})

test('two changes with the same version at once: one wins, the other is a conflict, one history row', async (t) => {
  const { ctx, client, services } = await world(t)
  const o = await givenOrder(ctx, client.id)
  const results = await Promise.allSettled([
    changeOrderStatus(ctx, o.id, 'confirmed', { version: o.version, comment: 'first' }),
    changeOrderStatus(ctx, o.id, 'cancelled', { version: o.version, comment: 'second' }),
  ])
  const ok = results.filter((r) => r.status === 'fulfilled')
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
  assert.equal(ok.length, 1)
  assert.equal(failed.length, 1)
  assert.ok(failed[0]?.reason instanceof ConflictError, String(failed[0]?.reason))
  const rows = await services.db.kysely
    .selectFrom('order_status_changes')
    .selectAll()
    .where('order_id', '=', o.id)
    .where('from_status', 'is not', null)
    .execute()
  assert.equal(rows.length, 1)
  const now = await getOrder(ctx, o.id)
  assert.equal(now.status, rows[0]?.to_status)
  assert.equal(now.version, o.version + 1)
})

test('shipping records the quantities per line with exact amounts; the parts add up to the order', async (t) => {
  const { ctx, client } = await world(t)
  // 3 × 3.33 at 27%: the whole line is 9.99 net, 2.70 VAT; shipped as 1 + 2 the parts round on their own.
  const o = await givenOrder(ctx, client.id, {
    status: 'in_progress',
    lines: [
      line({ quantityMilli: 3000, unitPriceMinor: 333 }),
      line({ name: 'Paper', quantityMilli: 1000, unitPriceMinor: 549 }),
    ],
  })
  const [a, b] = await getOrderLines(ctx, o.id)
  if (!a || !b) throw new Error('lines')
  await assert.rejects(
    changeOrderStatus(ctx, o.id, 'shipped', { version: o.version, shipment: { quantities: { [a.id]: 4000 } } }),
    (e: unknown) => e instanceof ValidationError && e.fields[`ship_${a.id}`] === 'orders.error.ship_quantity',
  )
  await assert.rejects(
    changeOrderStatus(ctx, o.id, 'shipped', { version: o.version, shipment: { quantities: {} } }),
    (e: unknown) => e instanceof ValidationError && e.fields.ship === 'orders.error.nothing_to_ship',
  )
  const shipped = await changeOrderStatus(ctx, o.id, 'shipped', {
    version: o.version,
    shipment: {
      quantities: { [a.id]: 1000 },
      carrier: 'GLS',
      trackingNumber: '123',
      note: 'gate 3',
      shippedAt: '2026-03-05',
    },
  })
  let shipments = await orderShipments(ctx, o.id)
  assert.equal(shipments.length, 1)
  assert.deepEqual(
    shipments[0]?.lines.map((l) => [l.quantityMilli, l.netMinor, l.vatMinor]),
    [[1000, 333, 90]],
  )
  assert.equal(shipments[0]?.kind, 'shipped')
  // Shipping charges the client in the same transaction: one shipment entry for the shipment's total.
  const charge = await getEntry(ctx, shipments[0]?.ledgerEntryId ?? 'none')
  assert.deepEqual(
    [charge.kind, charge.amountMinor, charge.date, charge.sourceKind, charge.sourceId, charge.description],
    ['shipment', -423, '2026-03-05', 'shipment', shipments[0]?.id, o.number],
  )
  // Delivery ships the rest by default: the last part takes what is left of each line's amounts.
  await changeOrderStatus(ctx, o.id, 'delivered', { version: shipped.version })
  shipments = await orderShipments(ctx, o.id)
  assert.equal(shipments.length, 2)
  assert.equal(shipments[1]?.kind, 'delivered')
  const all = shipments.flatMap((s) => s.lines)
  const sum = (id: string, k: 'netMinor' | 'vatMinor' | 'quantityMilli') =>
    all.filter((l) => l.orderLineId === id).reduce((s, l) => s + l[k], 0)
  assert.deepEqual([sum(a.id, 'quantityMilli'), sum(a.id, 'netMinor'), sum(a.id, 'vatMinor')], [3000, 999, 270])
  assert.deepEqual([sum(b.id, 'quantityMilli'), sum(b.id, 'netMinor'), sum(b.id, 'vatMinor')], [1000, 549, 148])
  const final = await getOrder(ctx, o.id)
  assert.equal(
    shipments.reduce((s, x) => s + x.totalMinor, 0),
    final.totalMinor,
  )
  // Both shipments charged: the client owes the order's total.
  assert.deepEqual(await clientBalances(ctx, client.id), [
    { currency: final.currency, balanceMinor: -final.totalMinor },
  ])
  assert.ok((await getOrderLines(ctx, o.id)).every((l) => l.shippedMilli === l.quantityMilli))
})

test('the client hears of a status change: its order followers only, public comment in, internal comment out', async (t) => {
  const { ctx, client, services, given } = await world(t)
  const follower = await given.clientUser({ client, locale: 'hu' })
  const noOrders = await given.clientUser({ client, areas: ['finance'] })
  const disabled = await given.clientUser({ client, status: 'disabled' })
  const stranger = await given.clientUser()
  const o = await givenOrder(ctx, client.id)
  const confirmed = await changeOrderStatus(ctx, o.id, 'confirmed', {
    version: o.version,
    comment: 'Szállítás jövő héten',
  })
  await changeOrderStatus(ctx, o.id, 'in_progress', {
    version: confirmed.version,
    comment: 'Supplier is late, margin is thin',
    internal: true,
  })
  const mail = await mailTo(services, follower.email)
  assert.equal(mail.length, 2)
  assert.match(mail[0]?.subject ?? '', new RegExp(`${o.number}.*Visszaigazolva`))
  assert.match(mail[0]?.body_text ?? '', /Szállítás jövő héten/)
  assert.match(mail[0]?.body_text ?? '', new RegExp(`/orders/${o.id}`))
  assert.match(mail[1]?.subject ?? '', /Folyamatban/)
  assert.doesNotMatch(mail[1]?.body_text ?? '', /Supplier is late/)
  for (const u of [noOrders, disabled, stranger]) assert.deepEqual(await mailTo(services, u.email), [], u.email)
})

test('client users never get internal comments in the history; staff see them marked', async (t) => {
  const { ctx, client, services, given } = await world(t)
  const user = await given.clientUser({ client })
  const o = await givenOrder(ctx, client.id)
  await changeOrderStatus(ctx, o.id, 'confirmed', { version: o.version, comment: 'secret margin note', internal: true })
  const staff = await orderHistory(ctx, o.id)
  assert.deepEqual(
    staff.map((h) => [h.to, h.comment, h.internal]),
    [
      ['new', null, false],
      ['confirmed', 'secret margin note', true],
    ],
  )
  const mine = await orderHistory(ctxOf(services, user), o.id)
  assert.deepEqual(
    mine.map((h) => [h.to, h.comment, h.internal]),
    [
      ['new', null, false],
      ['confirmed', null, false],
    ],
  )
})

test('a client user cannot change a status, not even of its own order', async (t) => {
  const { services, client, given } = await world(t)
  const user = await given.clientUser({ client })
  const placed = await placeOrder(ctxOf(services, user), {
    deliveryAddress: null,
    desiredDate: null,
    comment: null,
    lines: [line()],
  })
  await assert.rejects(changeOrderStatus(ctxOf(services, user), placed.id, 'cancelled', { version: 1 }), {
    code: 'forbidden',
  })
})
