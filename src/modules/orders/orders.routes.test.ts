import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { DEFAULTS } from '../../core/settings/settings-store.js'
import { changeOrderStatus } from './order-status.service.js'
import { getOrder, getOrderLines } from './orders.service.js'
import { ctxOf, givenOrder, line } from './orders.test-kit.js'
import { ordersTimeline } from './orders.timeline.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager({ name: 'Mira Manager' })
  const client = await w.given.client({ name: 'Árvíztűrő Kft.', managerId: manager.id })
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(manager))
  return { ...w, manager, client, agent, ctx: ctxOf(w.services, manager) }
}

const form = (clientId: string, overrides: Record<string, string> = {}) => ({
  client_id: clientId,
  client_fixed: '1',
  order_date: '2026-03-02',
  currency: 'HUF',
  desired_date: '2026-03-09',
  delivery_address: '1097 Budapest',
  comment: 'Hátsó bejárat',
  line_name_0: 'Másolópapír A4',
  line_sku_0: 'IRP-A4',
  line_qty_0: '10',
  line_unit_0: 'csomag',
  line_price_0: '2 890,00',
  line_vat_0: '2700',
  line_name_1: 'Szemes kávé',
  line_sku_1: '',
  line_qty_1: '1,5',
  line_unit_1: 'kg',
  line_price_1: '6 990',
  line_vat_1: '2700',
  line_name_2: '',
  line_sku_2: '',
  line_qty_2: '',
  line_unit_2: '',
  line_price_2: '',
  line_vat_2: '2700',
  ...overrides,
})

test('a manager creates an order through the form; errors sit beside their fields with the input kept', async (t) => {
  const { agent, client, manager, services } = await world(t)
  await services.db.kysely.updateTable('users').set({ locale: 'hu' }).where('id', '=', manager.id).execute()
  const page = await agent.get(`/orders/new?client=${client.id}`)
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Árvíztűrő Kft\./)
  const bad = await agent.post('/orders', form(client.id, { line_qty_1: 'sok', line_vat_0: '1234', order_date: '' }))
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /value="sok"/)
  assert.match(bad.body, /id="f-line_qty_1-error"/)
  assert.match(bad.body, /value="Szemes kávé"/)
  assert.match(bad.body, /Hátsó bejárat/)

  const more = await agent.post('/orders', { ...form(client.id), add_line_row: '1' })
  assert.equal(more.statusCode, 200)
  assert.match(more.body, /name="line_name_3"/)

  const ok = await agent.post('/orders', form(client.id))
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 500))
  const id = ok.headers.location?.toString().split('/').pop() as string
  const ctx = ctxOf(services, manager)
  const o = await getOrder(ctx, id)
  // 10 × 2890.00 = 28 900.00 + 27% = 7 803.00; 1.5 × 6990 = 10 485.00 + 27% = 2 830.95
  assert.deepEqual([o.netMinor, o.vatMinor, o.totalMinor, o.currency], [3_938_500, 1_063_395, 5_001_895, 'HUF'])
  const lines = await getOrderLines(ctx, id)
  assert.deepEqual(
    lines.map((l) => [l.name, l.quantityMilli, l.unit, l.unitPriceMinor]),
    [
      ['Másolópapír A4', 10_000, 'csomag', 289_000],
      ['Szemes kávé', 1500, 'kg', 699_000],
    ],
  )
  const detail = await agent.get(`/orders/${id}`)
  assert.equal(detail.statusCode, 200)
  assert.match(detail.body, new RegExp(o.number))
  assert.match(detail.body, /Visszaigazolva/)
})

test('the staff list: current and archive tabs, search by item, filters; the order page changes status with a shipment', async (t) => {
  const { agent, client, ctx } = await world(t)
  const open = await givenOrder(ctx, client.id, { status: 'in_progress', lines: [line({ name: 'Kávé szemes' })] })
  const closed = await givenOrder(ctx, client.id, { status: 'closed' })
  const current = await agent.get('/orders')
  assert.match(current.body, new RegExp(open.number))
  assert.doesNotMatch(current.body, new RegExp(closed.number))
  const archive = await agent.get('/orders?view=archive')
  assert.match(archive.body, new RegExp(closed.number))
  assert.doesNotMatch(archive.body, new RegExp(open.number))
  assert.match((await agent.get('/orders?q=k%C3%A1v%C3%A9')).body, new RegExp(open.number))
  assert.doesNotMatch((await agent.get('/orders?q=nothing-like-this')).body, new RegExp(open.number))
  assert.match(
    (await agent.get('/orders?from=2026-03-01&to=2026-03-31&status=in_progress')).body,
    new RegExp(open.number),
  )

  const lines = await getOrderLines(ctx, open.id)
  const page = await agent.get(`/orders/${open.id}`)
  assert.match(page.body, new RegExp(`name="ship_${lines[0]?.id}"`))
  const tooMany = await agent.post(`/orders/${open.id}/status`, {
    to: 'shipped',
    version: String(open.version),
    [`ship_${lines[0]?.id}`]: '99',
    [`ship_${lines[1]?.id}`]: '0',
    shipped_at: '2026-03-05',
    carrier: 'GLS',
  })
  assert.equal(tooMany.statusCode, 422)
  assert.match(tooMany.body, /value="99"/)
  assert.match(tooMany.body, /value="GLS"/)
  const shipped = await agent.post(`/orders/${open.id}/status`, {
    to: 'shipped',
    version: String(open.version),
    [`ship_${lines[0]?.id}`]: '1',
    [`ship_${lines[1]?.id}`]: '10',
    shipped_at: '2026-03-05',
    carrier: 'GLS',
    tracking_number: 'GLS-123',
    comment: 'On its way',
  })
  assert.equal(shipped.statusCode, 303, shipped.body.slice(0, 300))
  const after = await agent.get(`/orders/${open.id}`)
  assert.match(after.body, /GLS-123/)
  assert.match(after.body, /On its way/)
  assert.equal((await getOrder(ctx, open.id)).status, 'shipped')
})

test('a client user sees its own orders and their timeline, never internal comments; another client’s order is 404', async (t) => {
  const { app, agent, client, ctx, given, services } = await world(t)
  const user = await given.clientUser({ client })
  const me = await Agent.signedIn(app, await given.sessionCookie(user))
  const mine = await givenOrder(ctx, client.id)
  await changeOrderStatus(ctx, mine.id, 'confirmed', { version: 1, comment: 'See you Monday' })
  await changeOrderStatus(ctx, mine.id, 'in_progress', { version: 2, comment: 'margin is thin', internal: true })
  const theirs = await givenOrder(ctx, (await given.client({ managerId: ctx.actor?.id ?? null })).id)

  const list = await me.get('/orders/mine')
  assert.equal(list.statusCode, 200)
  assert.match(list.body, new RegExp(mine.number))
  assert.doesNotMatch(list.body, new RegExp(theirs.number))
  const page = await me.get(`/orders/${mine.id}`)
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /See you Monday/)
  assert.match(page.body, /In progress/)
  assert.doesNotMatch(page.body, /margin is thin/)
  assert.doesNotMatch(page.body, /name="to"/, 'no status forms for clients')
  assert.equal((await me.get(`/orders/${theirs.id}`)).statusCode, 404)
  assert.equal((await me.get('/orders')).statusCode, 403)
  const home = await me.get('/')
  assert.match(home.body, new RegExp(mine.number))
  assert.doesNotMatch(home.body, /margin is thin/)
  // The timeline contribution: the client gets the changes without the internal comment; staff get it marked.
  const asClient = await ordersTimeline(ctxOf(services, user), client.id, { limit: 10 })
  assert.deepEqual(
    asClient.map((e) => [e.title, e.detail ?? null, e.internal]),
    [
      [`Order ${mine.number}: Confirmed → In progress`, null, false],
      [`Order ${mine.number}: New → Confirmed`, 'See you Monday', false],
      [`Order ${mine.number} placed`, null, false],
    ],
  )
  const card = await agent.get(`/clients/${client.id}`)
  assert.match(card.body, new RegExp(`Order ${mine.number}: Confirmed → In progress`))
  assert.match(card.body, /margin is thin/)
})

test('a client user places an order through the form when allowed, and is turned away when not', async (t) => {
  const { app, client, given, services, manager } = await world(t)
  const user = await given.clientUser({ client, locale: 'ru' })
  const me = await Agent.signedIn(app, await given.sessionCookie(user))
  const formPage = await me.get('/orders/mine/new')
  assert.equal(formPage.statusCode, 200)
  assert.doesNotMatch(formPage.body, /name="line_price_0"/)
  const bad = await me.post('/orders/mine', {
    line_name_0: 'Бумага',
    line_qty_0: 'много',
    line_unit_0: '',
    comment: 'срочно',
  })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /value="много"/)
  assert.match(bad.body, /срочно/)
  const ok = await me.post('/orders/mine', {
    line_name_0: 'Бумага А4',
    line_sku_0: '',
    line_qty_0: '2,5',
    line_unit_0: '',
    line_price_0: '1',
    comment: 'срочно',
  })
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 300))
  const id = ok.headers.location?.toString().split('/').pop() as string
  const lines = await getOrderLines(ctxOf(services, manager), id)
  assert.deepEqual(
    lines.map((l) => [l.name, l.quantityMilli, l.unit, l.unitPriceMinor]),
    [['Бумага А4', 2500, 'шт.', null]],
  )
  const page = await me.get(`/orders/${id}`)
  assert.match(page.body, /Цены добавит ваш менеджер/)

  await services.settings.put(services.db.kysely, 'orders', { ...DEFAULTS.orders, clientsMayOrder: false }, null)
  const closed = await me.get('/orders/mine/new')
  assert.equal(closed.statusCode, 303)
  assert.doesNotMatch((await me.get('/orders/mine')).body, /href="\/orders\/mine\/new"/)
  const refused = await me.post('/orders/mine', { line_name_0: 'Бумага', line_qty_0: '1', line_unit_0: 'шт.' })
  assert.notEqual(refused.statusCode, 303)
  const count = await services.db.kysely.selectFrom('orders').select('id').where('client_id', '=', client.id).execute()
  assert.equal(count.length, 1)
})

test('home blocks: the manager’s waiting orders, the head’s orders by status and value, the client’s current orders', async (t) => {
  const { app, agent, client, ctx, given } = await world(t)
  const waiting = await givenOrder(ctx, client.id, { currency: 'EUR' })
  await givenOrder(ctx, client.id, { status: 'shipped', currency: 'EUR' })
  const home = await agent.get('/')
  assert.match(home.body, /Orders waiting for action/)
  assert.match(home.body, new RegExp(waiting.number))
  const head = await Agent.signedIn(app, await given.sessionCookie(await given.head()))
  const headHome = await head.get('/')
  assert.match(headHome.body, /Orders by status \(EUR\)/)
  assert.match(headHome.body, /Shipped/)
  // Toner 2 × 129.90 + 27% = 329.95, paper 10 × 5.49 + 27% = 69.72: the shipped order is worth €399.67.
  assert.match(headHome.body, /€399\.67/)
  const user = await given.clientUser({ client })
  const clientHome = await (await Agent.signedIn(app, await given.sessionCookie(user))).get('/')
  assert.match(clientHome.body, /Current orders/)
  assert.match(clientHome.body, new RegExp(waiting.number))
})

test('the workflow settings page saves a valid workflow and refuses a broken one with the input kept', async (t) => {
  const { app, given, services } = await world(t)
  const admin = await Agent.signedIn(app, await given.sessionCookie(await given.admin()))
  const page = await admin.get('/orders/settings')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /value="new>confirmed" checked/)
  const w = DEFAULTS.orders
  const base: Record<string, string | string[]> = { clients_may_order: '1' }
  w.statuses.forEach((s, i) => {
    base[`st_key_${i}`] = s.key
    base[`st_existing_${i}`] = '1'
    base[`st_en_${i}`] = s.label.en
    base[`st_hu_${i}`] = s.label.hu
    base[`st_ru_${i}`] = s.label.ru
    base[`st_tone_${i}`] = s.tone
    if (s.open) base[`st_open_${i}`] = '1'
  })
  const all = Object.entries(w.transitions).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`))
  // A new status "On hold", and shipped can no longer be cancelled: refused, input kept.
  const broken = await admin.post('/orders/settings', {
    ...base,
    st_key_7: 'on_hold',
    st_en_7: 'On hold',
    st_hu_7: 'Felfüggesztve',
    st_ru_7: 'Приостановлен',
    st_tone_7: 'amber',
    st_open_7: '1',
    tr: all.filter((p) => p !== 'shipped>cancelled'),
  })
  assert.equal(broken.statusCode, 422)
  assert.match(broken.body, /value="Felfüggesztve"/)
  assert.match(broken.body, /Every open status must be able to move to “cancelled”/)
  const saved = await admin.post('/orders/settings', {
    ...base,
    st_key_7: 'on_hold',
    st_en_7: 'On hold',
    st_hu_7: 'Felfüggesztve',
    st_ru_7: 'Приостановлен',
    st_tone_7: 'amber',
    st_open_7: '1',
    tr: [...all, 'on_hold>cancelled', 'confirmed>on_hold'],
    clients_may_order: '',
  })
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 400))
  const stored = await services.settings.get('orders')
  assert.equal(stored.clientsMayOrder, false)
  assert.deepEqual(stored.transitions.on_hold, ['cancelled'])
  assert.ok(stored.transitions.confirmed?.includes('on_hold'))
  const manager = await Agent.signedIn(app, await given.sessionCookie(await given.manager()))
  assert.equal((await manager.get('/orders/settings')).statusCode, 403)
})

test('the manager prices a client’s order on its edit page, then confirms it; a confirmed order is no longer editable', async (t) => {
  const { agent, client, given, app, ctx } = await world(t)
  const user = await given.clientUser({ client })
  const me = await Agent.signedIn(app, await given.sessionCookie(user))
  await me.get('/orders/mine/new')
  const placed = await me.post('/orders/mine', { line_name_0: 'Toner HP 59A', line_qty_0: '2', line_unit_0: 'db' })
  const id = placed.headers.location?.toString().split('/').pop() as string
  const page = await agent.get(`/orders/${id}`)
  assert.match(page.body, /Add the prices before confirming/)
  assert.doesNotMatch(page.body, /name="to" value="confirmed"/, 'confirming waits for the prices')
  const edit = await agent.get(`/orders/${id}/edit`)
  assert.equal(edit.statusCode, 200)
  assert.match(edit.body, /value="Toner HP 59A"/)
  const saved = await agent.post(`/orders/${id}`, {
    version: '1',
    order_date: (await getOrder(ctx, id)).orderDate,
    currency: 'HUF',
    delivery_address: '',
    desired_date: '',
    comment: '',
    line_name_0: 'Toner HP 59A',
    line_sku_0: 'TON-59A',
    line_qty_0: '2',
    line_unit_0: 'db',
    line_price_0: '32490',
    line_vat_0: '2700',
  })
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 300))
  const priced = await getOrder(ctx, id)
  assert.deepEqual([priced.isPriced, priced.netMinor, priced.vatMinor, priced.version], [true, 6_498_000, 1_754_460, 2])
  const stale = await agent.post(`/orders/${id}/status`, { to: 'confirmed', version: '1' })
  assert.equal(stale.statusCode, 409)
  const confirmed = await agent.post(`/orders/${id}/status`, {
    to: 'confirmed',
    version: '2',
    comment: 'Holnap szállítjuk',
  })
  assert.equal(confirmed.statusCode, 303)
  assert.equal((await agent.get(`/orders/${id}/edit`)).statusCode, 303, 'back to the order page')
  assert.match((await me.get(`/orders/${id}`)).body, /Holnap szállítjuk/)
})
