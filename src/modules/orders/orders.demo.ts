import type { Ctx } from '../../core/ctx.js'
import { newId } from '../../core/db/ids.js'
import type { DemoWorld } from '../../core/module.js'
import { nextNumber } from '../../core/numbering/numbering.js'
import { postShipmentCharge } from '../finance/index.js'
import { documentTotals, lineAmounts } from './order-totals.js'
import { setShipmentLinks } from './orders.queries.js'
import type {
  NewOrder,
  NewOrderLine,
  OrderStatusChangeTable,
  ShipmentLineTable,
  ShipmentTable,
} from './orders.schema.js'
import { companyToday } from './orders.service.js'
import { CARRIERS, COMMENTS, CURRENCY, DELIVERY, type DemoGroup, ITEMS, VAT } from './orders-demo-data.js'

const PATH = ['new', 'confirmed', 'in_progress', 'shipped', 'delivered', 'closed'] as const

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The statuses an order of `age` days has been through: older ones closed, recent ones still open. */
function storyOf(age: number, r: () => number): string[] {
  const x = r()
  let last: number
  if (age <= 3) last = x < 0.6 ? 0 : 1
  else if (age <= 10) last = 1 + Math.floor(x * 3)
  else if (age <= 25) last = 2 + Math.floor(x * 3)
  else if (age <= 45) last = x < 0.5 ? 4 : 5
  else last = 5
  const path: string[] = PATH.slice(0, last + 1)
  // Some orders are cancelled on the way, most often early.
  if (r() < (age > 3 ? 0.1 : 0.04))
    return [...path.slice(0, 1 + Math.floor(r() * Math.min(path.length, 3))), 'cancelled']
  return path
}

interface Built {
  order: NewOrder
  lines: NewOrderLine[]
  changes: OrderStatusChangeTable[]
  shipments: ShipmentTable[]
  shipmentLines: ShipmentLineTable[]
}

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)] as T

function shuffled<T>(list: readonly T[], r: () => number): T[] {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

/** Demo orders for every demo client: a year of them across all statuses, with histories and shipments. */
export async function ordersDemo(ctx: Ctx, world: DemoWorld): Promise<void> {
  const raw = ctx.unscoped('demo data')
  const r = world.random
  const today = await companyToday(ctx)
  const now = Date.now()
  const clients = await raw
    .selectFrom('clients')
    .select(['id', 'manager_id'])
    .where('id', 'in', world.clientIds)
    .execute()
  const users = await raw
    .selectFrom('users')
    .select(['id', 'locale'])
    .where('client_id', 'in', world.clientIds)
    .execute()
  const localeOf = new Map(users.map((u) => [u.id, u.locale]))
  const plans: { clientId: string; managerId: string; clientUserId: string | null; group: DemoGroup; date: string }[] =
    []
  for (const clientId of world.clientIds) {
    const firstUser = world.clientUserIds[clientId]?.[0] ?? null
    const locale = localeOf.get(firstUser ?? '')
    const group: DemoGroup = locale === 'hu' || locale === 'ru' ? locale : 'en'
    const managerId = clients.find((c) => c.id === clientId)?.manager_id ?? world.headId
    const count = 10 + Math.floor(r() * 16)
    for (let i = 0; i < count; i++) {
      // A fifth of them in the last three weeks, so the current orders and the waiting queue have life in them.
      const ago = r() < 0.2 ? Math.floor(r() * 21) : Math.floor(r() * 365)
      plans.push({ clientId, managerId, clientUserId: firstUser, group, date: addDays(today, -ago) })
    }
  }
  // Numbers follow the order dates, as they would have been taken.
  plans.sort((a, b) => a.date.localeCompare(b.date))
  const built: Built[] = []
  for (const p of plans) {
    const age = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${p.date}T00:00:00Z`)) / 86_400_000)
    const story = storyOf(age, r)
    const byClient = p.clientUserId !== null && r() < 0.3
    const unpriced = byClient && story.length === 1
    const number = await nextNumber(ctx, 'order', p.date)
    built.push(buildOrder({ ...p, story, byClient, unpriced, number, age, now, r }))
  }
  const chunks = <T>(rows: T[]) =>
    Array.from({ length: Math.ceil(rows.length / 200) }, (_, i) => rows.slice(i * 200, i * 200 + 200))
  for (const rows of chunks(built.map((b) => b.order))) await raw.insertInto('orders').values(rows).execute()
  for (const rows of chunks(built.flatMap((b) => b.lines))) await raw.insertInto('order_lines').values(rows).execute()
  for (const rows of chunks(built.flatMap((b) => b.changes)))
    await raw.insertInto('order_status_changes').values(rows).execute()
  for (const rows of chunks(built.flatMap((b) => b.shipments))) await raw.insertInto('shipments').values(rows).execute()
  for (const rows of chunks(built.flatMap((b) => b.shipmentLines)))
    await raw.insertInto('shipment_lines').values(rows).execute()
  if (ctx.services.isEnabled('finance')) await chargeDemoShipments(ctx, built)
}

/** Each demo shipment charged on its client's account, as shipping it in the app would have. */
async function chargeDemoShipments(ctx: Ctx, built: Built[]) {
  for (const b of built) {
    for (const s of b.shipments) {
      if (Number(s.total_minor) <= 0) continue
      await ctx.transaction(async (tx) => {
        const entry = await postShipmentCharge(
          tx,
          {
            clientId: s.client_id,
            shipmentId: s.id,
            amountMinor: Number(s.total_minor),
            currency: s.currency,
            date: s.shipped_at,
            description: b.order.number,
          },
          // History: the documents module's demo makes the recent documents; not one PDF per old shipment.
          { announce: false },
        )
        await setShipmentLinks(tx, s.id, { ledger_entry_id: entry.id })
      })
    }
  }
}

function buildOrder(p: {
  clientId: string
  managerId: string
  clientUserId: string | null
  group: DemoGroup
  date: string
  story: string[]
  byClient: boolean
  unpriced: boolean
  number: string
  age: number
  now: number
  r: () => number
}): Built {
  const { r, group } = p
  const id = newId()
  const items = shuffled(ITEMS[group], r).slice(0, 1 + Math.floor(r() * 4))
  const lines: NewOrderLine[] = items.map((item, i) => {
    const qty = item.fractional ? (5 + Math.floor(r() * 96)) * 500 : (1 + Math.floor(r() * 20)) * 1000
    const price = p.unpriced ? null : item.price
    const a = price === null ? null : lineAmounts(qty, price, VAT[group])
    return {
      id: newId(),
      client_id: p.clientId,
      order_id: id,
      position: i + 1,
      sku: item.sku,
      name: item.name,
      quantity_milli: qty,
      unit: item.unit,
      unit_price_minor: price,
      vat_rate_bp: price === null ? null : VAT[group],
      net_minor: a?.net ?? null,
      vat_minor: a?.vat ?? null,
      total_minor: a?.total ?? null,
    }
  })
  const totals = documentTotals(
    lines.map((l) => ({
      quantityMilli: l.quantity_milli,
      unitPriceMinor: l.unit_price_minor ?? null,
      vatRateBp: l.vat_rate_bp ?? null,
    })),
  )
  // Changes are spread over the days since the order, never later than now.
  const step = Math.max(0, Math.min(4, Math.floor(p.age / Math.max(1, p.story.length))))
  const stamps = p.story.map((_, i) => {
    const at =
      Date.parse(`${addDays(p.date, i * step)}T07:30:00Z`) + (i + 1) * 40 * 60_000 + Math.floor(r() * 90) * 60_000
    return new Date(Math.min(at, p.now - (p.story.length - i) * 60_000)).toISOString()
  })
  const staff = p.managerId
  const changes: OrderStatusChangeTable[] = []
  const shipments: ShipmentTable[] = []
  const shipmentLines: ShipmentLineTable[] = []
  const c = COMMENTS[group]
  p.story.forEach((to, i) => {
    const from = i === 0 ? null : (p.story[i - 1] as string)
    const roll = r()
    const internal = from !== null && roll < 0.2
    const comment =
      to === 'cancelled'
        ? pick(c.cancelled, r)
        : from === null
          ? null
          : internal
            ? pick(c.internal, r)
            : roll < 0.45 && c.public[to]
              ? pick(c.public[to] as string[], r)
              : null
    changes.push({
      id: newId(),
      client_id: p.clientId,
      order_id: id,
      from_status: from,
      to_status: to,
      changed_by: from === null && p.byClient ? p.clientUserId : staff,
      changed_at: stamps[i] as string,
      comment,
      is_internal: internal ? 1 : 0,
    })
    if (to === 'shipped' || to === 'delivered') {
      const shipmentId = newId()
      // Delivery confirms what was shipped; the goods and their amounts are on the "shipped" record.
      const goods = to === 'shipped' ? lines : []
      const net = goods.reduce((s, l) => s + Number(l.net_minor ?? 0), 0)
      const vat = goods.reduce((s, l) => s + Number(l.vat_minor ?? 0), 0)
      shipments.push({
        id: shipmentId,
        client_id: p.clientId,
        order_id: id,
        kind: to,
        shipped_at: (stamps[i] as string).slice(0, 10),
        carrier: to === 'shipped' ? pick(CARRIERS[group], r) : null,
        tracking_number: to === 'shipped' ? String(1_000_000_000 + Math.floor(r() * 8_999_999_999)) : null,
        note: null,
        currency: CURRENCY[group],
        total_net_minor: net,
        total_vat_minor: vat,
        total_minor: net + vat,
        ledger_entry_id: null,
        document_id: null,
        created_by: staff,
        created_at: stamps[i] as string,
      })
      for (const l of goods) {
        shipmentLines.push({
          id: newId(),
          client_id: p.clientId,
          shipment_id: shipmentId,
          order_line_id: l.id as string,
          quantity_milli: l.quantity_milli,
          net_minor: Number(l.net_minor),
          vat_minor: Number(l.vat_minor),
          total_minor: Number(l.total_minor),
        })
      }
    }
  })
  const order: NewOrder = {
    id,
    client_id: p.clientId,
    number: p.number,
    order_date: p.date,
    contract_id: null,
    status: p.story.at(-1) as string,
    currency: CURRENCY[group],
    total_net_minor: totals.net,
    total_vat_minor: totals.vat,
    total_minor: totals.total,
    is_priced: totals.priced ? 1 : 0,
    line_count: lines.length,
    search_text: [p.number, ...lines.flatMap((l) => [l.name, l.sku ?? ''])].join(' ').toLowerCase(),
    delivery_address: pick(DELIVERY[group], r),
    desired_date: r() < 0.6 ? addDays(p.date, 3 + Math.floor(r() * 14)) : null,
    comment: p.byClient && r() < 0.5 ? pick(c.client, r) : null,
    created_by: p.byClient ? p.clientUserId : staff,
    created_via: p.byClient ? 'client' : 'staff',
    version: p.story.length,
    created_at: stamps[0] as string,
    updated_at: stamps.at(-1) as string,
  }
  return { order, lines, changes, shipments, shipmentLines }
}
