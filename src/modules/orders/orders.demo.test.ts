import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { Ctx } from '../../core/ctx.js'
import { seededRandom } from '../../core/demo/demo-data.js'
import { DEFAULTS } from '../../core/settings/settings-store.js'
import { documentTotals } from './order-totals.js'
import { ordersDemo } from './orders.demo.js'
import { companyToday } from './orders.service.js'

test('demo orders: a year of them for every client, every status, histories along the workflow, shipments', async (t) => {
  const { services, given } = await testApp(t)
  const head = await given.head()
  const manager = await given.manager()
  const clientIds: string[] = []
  const clientUserIds: Record<string, string[]> = {}
  const locales = ['hu', 'ru', 'en'] as const
  for (let i = 0; i < 30; i++) {
    const client = await given.client({ managerId: manager.id })
    const user = await given.clientUser({ client, locale: locales[Math.floor(i / 10)] })
    clientIds.push(client.id)
    clientUserIds[client.id] = [user.id]
  }
  const ctx = Ctx.system(services, 'demo')
  // As the demo loader does: inside one transaction (on SQLite it holds the only connection).
  await ctx.transaction((tx) =>
    ordersDemo(tx, { headId: head.id, managerIds: [manager.id], clientIds, clientUserIds, random: seededRandom(7) }),
  )
  const db = services.db.kysely
  const orders = await db.selectFrom('orders').selectAll().execute()
  for (const id of clientIds) assert.ok(orders.filter((o) => o.client_id === id).length >= 10)
  assert.deepEqual([...new Set(orders.map((o) => o.status))].sort(), DEFAULTS.orders.statuses.map((s) => s.key).sort())
  assert.equal(new Set(orders.map((o) => o.number)).size, orders.length)
  // Numbers follow the order dates.
  const byNumber = [...orders].sort((a, b) => a.number.localeCompare(b.number))
  for (let i = 1; i < byNumber.length; i++) {
    const [prev, cur] = [byNumber[i - 1], byNumber[i]]
    if (prev?.number.slice(0, 8) === cur?.number.slice(0, 8))
      assert.ok((prev?.order_date ?? '') <= (cur?.order_date ?? ''))
  }
  const today = await companyToday(ctx)
  const dates = orders.map((o) => o.order_date).sort()
  assert.ok((dates.at(-1) as string) <= today)
  assert.ok((dates[0] as string) > `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, 'within the past year')
  const currencies = (ids: string[]) => new Set(orders.filter((o) => ids.includes(o.client_id)).map((o) => o.currency))
  assert.deepEqual([...currencies(clientIds.slice(0, 10))], ['HUF'])
  assert.deepEqual([...currencies(clientIds.slice(10, 20))], ['RUB'])
  assert.deepEqual([...currencies(clientIds.slice(20))], ['EUR'])

  const lines = await db.selectFrom('order_lines').selectAll().execute()
  for (const o of orders) {
    const mine = lines.filter((l) => l.order_id === o.id)
    const totals = documentTotals(
      mine.map((l) => ({
        quantityMilli: Number(l.quantity_milli),
        unitPriceMinor: l.unit_price_minor === null ? null : Number(l.unit_price_minor),
        vatRateBp: l.vat_rate_bp === null ? null : Number(l.vat_rate_bp),
      })),
    )
    assert.deepEqual(
      [Number(o.total_net_minor), Number(o.total_vat_minor), Number(o.total_minor), Number(o.is_priced), o.line_count],
      [totals.net, totals.vat, totals.total, totals.priced ? 1 : 0, mine.length],
      o.number,
    )
  }
  assert.ok(orders.some((o) => o.created_via === 'client' && Number(o.is_priced) === 0 && o.status === 'new'))
  assert.ok(lines.some((l) => /[őű]/.test(l.name)) && lines.some((l) => /[а-я]/.test(l.name)))

  // Histories walk the workflow: each change is allowed, in time order, ending at the order's status.
  const changes = await db.selectFrom('order_status_changes').selectAll().orderBy('changed_at').orderBy('id').execute()
  const now = new Date().toISOString()
  for (const o of orders) {
    const h = changes.filter((c) => c.order_id === o.id)
    assert.equal(h[0]?.from_status, null)
    assert.equal(h.at(-1)?.to_status, o.status)
    for (let i = 1; i < h.length; i++) {
      const [from, to] = [h[i]?.from_status as string, h[i]?.to_status as string]
      assert.equal(from, h[i - 1]?.to_status)
      assert.ok(DEFAULTS.orders.transitions[from]?.includes(to), `${o.number}: ${from} → ${to}`)
    }
    assert.ok(h.every((c) => c.changed_at <= now))
  }
  assert.ok(changes.some((c) => c.is_internal === 1 && c.comment))
  assert.ok(changes.some((c) => c.is_internal === 0 && c.comment && c.from_status !== null))

  const shipments = await db.selectFrom('shipments').selectAll().execute()
  const shipmentLines = await db.selectFrom('shipment_lines').selectAll().execute()
  const passedShipped = orders.filter((o) => changes.some((c) => c.order_id === o.id && c.to_status === 'shipped'))
  assert.ok(passedShipped.length > 0)
  for (const o of passedShipped) {
    const s = shipments.filter((x) => x.order_id === o.id && x.kind === 'shipped')
    assert.equal(s.length, 1, o.number)
    const shipped = shipmentLines
      .filter((l) => l.shipment_id === s[0]?.id)
      .reduce((a, l) => a + Number(l.total_minor), 0)
    assert.equal(shipped, Number(o.total_minor), `${o.number}: everything shipped at its price`)
  }
})
