import { lineNet, vatOf } from '../../core/money/money.js'
import { CARRIERS, DELIVERY, ITEMS, VAT } from '../../modules/orders/orders-demo-data.js'
import { addDays, at, iso } from './random.js'
import { type Account, bankReference, post } from './seed-ledger.js'
import type { SeedClient, SeedWorld } from './seed-world.js'

const PATH = ['new', 'confirmed', 'in_progress', 'shipped', 'delivered', 'closed'] as const

/**
 * The statuses an order of `age` days has been through, along the default workflow: recent ones
 * still open, older ones delivered or closed, one in ten cancelled on the way.
 */
function storyOf(w: SeedWorld, age: number): string[] {
  const x = w.rng.next()
  let last: number
  if (age <= 3) last = x < 0.6 ? 0 : 1
  else if (age <= 10) last = 1 + Math.floor(x * 3)
  else if (age <= 25) last = 2 + Math.floor(x * 3)
  else if (age <= 60) last = x < 0.5 ? 4 : 5
  else last = x < 0.15 ? 4 : 5
  const path: string[] = PATH.slice(0, last + 1)
  if (w.rng.chance(age > 3 ? 0.1 : 0.04))
    return [...path.slice(0, 1 + Math.floor(w.rng.next() * Math.min(path.length, 3))), 'cancelled']
  return path
}

/**
 * `count` orders for one client over the last two years with lines, their status history and
 * shipments. A shipment posts its charge to the ledger (as the finance module does) and most
 * charges are paid by a bank transfer some days later.
 */
export async function seedOrders(w: SeedWorld, client: SeedClient, acc: Account, count: number): Promise<void> {
  const { rng, ids } = w
  const items = ITEMS[client.group]
  const vat = VAT[client.group]
  const dates = Array.from({ length: count }, () => w.daysAgo(rng.int(0, 729))).sort()
  for (const date of dates) {
    const age = Math.round((Date.parse(w.plan.today) - Date.parse(date)) / 86_400_000)
    const story = storyOf(w, age)
    const byClient = rng.chance(0.3)
    const creator = byClient ? (client.userIds[0] as string) : client.managerId
    const opened = at(date, rng.int(8 * 60, 16 * 60))
    const id = ids.id(opened)
    const number = w.number('order', date)
    const lines = Array.from({ length: rng.int(1, 3) }, (_, k) => {
      const item = items[(rng.int(0, items.length - 1) + k) % items.length] as (typeof items)[number]
      const qty = item.fractional ? rng.int(5, 100) * 500 : rng.int(1, 20) * 1000
      const net = lineNet(qty, item.price)
      const v = vatOf(net, vat)
      return { id: ids.id(opened), item, qty, net, vat: v, total: net + v }
    })
    const totals = lines.reduce((t, l) => ({ net: t.net + l.net, vat: t.vat + l.vat, total: t.total + l.total }), {
      net: 0,
      vat: 0,
      total: 0,
    })
    // One status change every day or few, never after the end of the data set.
    const step = Math.max(0, Math.min(4, Math.floor(age / story.length)))
    const end = at(w.plan.today, 23 * 60)
    const stamps = story.map((_, i) =>
      Math.min(opened + i * step * 86_400_000 + (i + 1) * 40 * 60_000, end - (story.length - i) * 60_000),
    )
    await w.w.add('orders', {
      id,
      client_id: client.id,
      number,
      order_date: date,
      contract_id: null,
      status: story.at(-1) as string,
      currency: client.currency,
      total_net_minor: totals.net,
      total_vat_minor: totals.vat,
      total_minor: totals.total,
      is_priced: 1,
      line_count: lines.length,
      search_text: [number, ...lines.flatMap((l) => [l.item.name, l.item.sku])].join(' ').toLowerCase(),
      delivery_address: DELIVERY[client.group][client.index % DELIVERY[client.group].length] as string,
      desired_date: rng.chance(0.6) ? addDays(date, rng.int(3, 16)) : null,
      comment: null,
      created_by: creator,
      created_via: byClient ? 'client' : 'staff',
      version: story.length,
      created_at: iso(stamps[0] as number),
      updated_at: iso(stamps.at(-1) as number),
    })
    for (const [k, l] of lines.entries()) {
      await w.w.add('order_lines', {
        id: l.id,
        client_id: client.id,
        order_id: id,
        position: k + 1,
        sku: l.item.sku,
        name: l.item.name,
        quantity_milli: l.qty,
        unit: l.item.unit,
        unit_price_minor: l.item.price,
        vat_rate_bp: vat,
        net_minor: l.net,
        vat_minor: l.vat,
        total_minor: l.total,
      })
    }
    for (const [i, to] of story.entries()) {
      const ms = stamps[i] as number
      await w.w.add('order_status_changes', {
        id: ids.id(ms),
        client_id: client.id,
        order_id: id,
        from_status: i === 0 ? null : (story[i - 1] as string),
        to_status: to,
        changed_by: i === 0 ? creator : client.managerId,
        changed_at: iso(ms),
        comment: to === 'cancelled' ? 'Cancelled at the client’s request' : null,
        is_internal: 0,
      })
      if (to !== 'shipped' && to !== 'delivered') continue
      const day = iso(ms).slice(0, 10)
      const goods = to === 'shipped' ? lines : []
      const shipmentId = ids.id(ms)
      const amount = to === 'shipped' ? totals : { net: 0, vat: 0, total: 0 }
      const entryId =
        to === 'shipped'
          ? await post(w, client, acc, {
              date: day,
              ms,
              kind: 'shipment',
              amount: -totals.total,
              description: `${number} · shipment`,
              sourceKind: 'shipment',
              sourceId: shipmentId,
              by: client.managerId,
            })
          : null
      await w.w.add('shipments', {
        id: shipmentId,
        client_id: client.id,
        order_id: id,
        kind: to,
        shipped_at: day,
        carrier:
          to === 'shipped' ? (CARRIERS[client.group][client.index % CARRIERS[client.group].length] as string) : null,
        tracking_number: to === 'shipped' ? String(1_000_000_000 + rng.int(0, 8_999_999_999)) : null,
        note: null,
        currency: client.currency,
        total_net_minor: amount.net,
        total_vat_minor: amount.vat,
        total_minor: amount.total,
        ledger_entry_id: entryId,
        document_id: null,
        created_by: client.managerId,
        created_at: iso(ms),
      })
      for (const l of goods) {
        await w.w.add('shipment_lines', {
          id: ids.id(ms),
          client_id: client.id,
          shipment_id: shipmentId,
          order_line_id: l.id,
          quantity_milli: l.qty,
          net_minor: l.net,
          vat_minor: l.vat,
          total_minor: l.total,
        })
      }
      // Most shipments are paid by transfer within a few weeks; the rest stay owed.
      const paidOn = addDays(day, rng.int(3, 30))
      if (to === 'shipped' && paidOn <= w.plan.today && rng.chance(0.9)) {
        const ref = bankReference(client, acc)
        await post(w, client, acc, {
          date: paidOn,
          ms: at(paidOn, 10 * 60),
          kind: 'payment',
          amount: totals.total,
          description: `${number} · ${ref}`,
          by: null,
        })
      }
    }
  }
}
