import { lineNet, vatOf } from '../../core/money/money.js'
import { referenceOf } from '../../modules/finance/invoice.service.js'
import { addDays, at, iso } from './random.js'
import { INCOME_CATEGORIES as SERVICES } from './seed-expenses.js'
import { type Account, bankReference, post } from './seed-ledger.js'
import type { SeedClient, SeedWorld } from './seed-world.js'

/**
 * `count` payment requests for one client: standard ones with the service charge they ask for,
 * top-ups; most paid (a payment entry in the ledger and an invoice_payments row), some partly, some
 * open and overdue, a few drafts and cancelled ones. Statuses and paid sums follow the payments.
 */
export async function seedPaymentRequests(w: SeedWorld, client: SeedClient, acc: Account, count: number) {
  const { rng, ids } = w
  const vatBp = client.group === 'hu' ? 2700 : 2000
  const dates = Array.from({ length: count }, () => w.daysAgo(rng.int(0, 729))).sort()
  for (const date of dates) {
    const age = Math.round((Date.parse(w.plan.today) - Date.parse(date)) / 86_400_000)
    const topUp = rng.chance(0.1)
    const x = rng.next()
    const fate =
      age > 60
        ? x < 0.92
          ? 'paid'
          : x < 0.95
            ? 'cancelled'
            : x < 0.97
              ? 'partial'
              : 'unpaid'
        : x < 0.5
          ? 'paid'
          : x < 0.95
            ? 'unpaid'
            : 'draft'
    const ms = at(date, rng.int(8 * 60, 16 * 60))
    const id = ids.id(ms)
    const issued = fate !== 'draft'
    const number = issued ? w.number('payment_request', date) : null
    const name = topUp ? 'Balance top-up' : (SERVICES[rng.int(0, SERVICES.length - 1)] as string)
    const price = rng.int(20, 400) * 1000 * (client.currency === 'EUR' ? 1 : 100)
    const net = lineNet(1000, price)
    const vat = topUp ? 0 : vatOf(net, vatBp)
    const total = net + vat
    if (!topUp && issued && fate !== 'cancelled') {
      await post(w, client, acc, {
        date,
        ms,
        kind: 'service',
        amount: -total,
        description: `${name} · ${date.slice(0, 7)}`,
        sourceKind: 'service_act',
        categoryId: w.incomeCategories.get(name) ?? null,
        by: client.managerId,
      })
    }
    const payments: { amount: number; on: string; entry: string; ref: string }[] = []
    const pay = async (amount: number, on: string) => {
      if (on > w.plan.today) return
      const ref = bankReference(client, acc)
      const entry = await post(w, client, acc, {
        date: on,
        ms: at(on, 11 * 60),
        kind: topUp ? 'top_up' : 'payment',
        amount,
        description: `${number} · ${ref}`,
        sourceKind: 'invoice',
        sourceId: id,
        by: client.managerId,
      })
      payments.push({ amount, on, entry, ref })
    }
    if (fate === 'paid') await pay(total, addDays(date, rng.int(1, 20)))
    if (fate === 'partial') await pay(Math.round(total / 2), addDays(date, rng.int(1, 20)))
    const paid = payments.reduce((s, p) => s + p.amount, 0)
    const status =
      fate === 'draft'
        ? 'draft'
        : fate === 'cancelled'
          ? 'cancelled'
          : paid >= total
            ? 'paid'
            : paid > 0
              ? 'partially_paid'
              : 'issued'
    await w.w.add('invoices', {
      id,
      client_id: client.id,
      number,
      kind: topUp ? 'top_up' : 'standard',
      status,
      issue_date: issued ? date : null,
      due_date: issued ? addDays(date, 8) : null,
      currency: client.currency,
      net_minor: net,
      vat_minor: vat,
      total_minor: total,
      paid_minor: paid,
      payment_reference: number ? referenceOf(number) : null,
      note: '',
      version: 1 + payments.length,
      created_by: client.managerId,
      created_at: iso(ms),
      updated_at: iso(ms),
      issued_at: issued ? iso(ms) : null,
    })
    await w.w.add('invoice_lines', {
      id: ids.id(ms),
      client_id: client.id,
      invoice_id: id,
      position: 1,
      name,
      quantity_milli: 1000,
      unit: '',
      unit_price_minor: price,
      vat_rate_bp: topUp ? 0 : vatBp,
      net_minor: net,
      vat_minor: vat,
      total_minor: total,
    })
    for (const p of payments) {
      await w.w.add('invoice_payments', {
        id: ids.id(at(p.on, 11 * 60)),
        client_id: client.id,
        invoice_id: id,
        amount_minor: p.amount,
        paid_on: p.on,
        reference: p.ref,
        ledger_entry_id: p.entry,
        created_by: client.managerId,
        created_at: iso(at(p.on, 11 * 60)),
      })
    }
  }
}

/**
 * Fills the client's ledger up to `target` entries with monthly fees and the transfers that pay
 * them, and now and then a fee posted by mistake and reversed (the ledger is append-only).
 */
export async function fillLedger(w: SeedWorld, client: SeedClient, acc: Account, target: number) {
  const { rng } = w
  while (acc.entries < target) {
    const date = w.daysAgo(rng.int(1, 729))
    const ms = at(date, rng.int(8 * 60, 16 * 60))
    const amount = rng.int(5, 90) * 1000 * (client.currency === 'EUR' ? 1 : 100)
    const fee = await post(w, client, acc, {
      date,
      ms,
      kind: 'fee',
      amount: -amount,
      description: `Handling fee · ${date.slice(0, 7)}`,
      by: client.managerId,
    })
    if (acc.entries >= target) break
    if (rng.chance(0.02)) {
      await post(w, client, acc, {
        date,
        ms: ms + 3_600_000,
        kind: 'reversal',
        amount,
        description: 'Reversal: posted twice',
        reverses: fee,
        by: client.managerId,
      })
      continue
    }
    const on = addDays(date, rng.int(1, 15))
    // biome-ignore lint/complexity/useMathMinMax: plain dates are strings; Math.min would give NaN
    const paidOn = on > w.plan.today ? w.plan.today : on
    const ref = bankReference(client, acc)
    await post(w, client, acc, {
      date: paidOn,
      ms: at(paidOn, 12 * 60),
      kind: 'payment',
      amount,
      description: `Transfer ${ref}`,
      by: null,
    })
  }
}
