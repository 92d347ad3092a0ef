import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { toActor } from '../../core/auth/sessions.js'
import { Ctx } from '../../core/ctx.js'
import { newId } from '../../core/db/ids.js'
import { recordExpense, reverseExpense } from '../finance/index.js'
import { drillEntries } from './drill.service.js'
import { mergeRanges, presetRange } from './periods.js'
import { incomeByClient, incomeByManager } from './pnl.queries.js'
import { change, type PnlLine, pnlReport } from './pnl.service.js'
import { companyPreset } from './report-params.js'

// A fixed world whose every figure below is computed by hand (amounts in euro cents).
async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const head = await w.given.head()
  const manager = await w.given.manager({ name: 'Mona Manager' })
  const ctx = Ctx.forActor(w.services, toActor(head), { locale: 'en' })
  const x = await w.given.client({ name: 'Xenia Kft', managerId: manager.id })
  const y = await w.given.client({ name: 'Ypsilon Bt' })
  const db = w.db.kysely
  const cat = async (table: 'income_categories' | 'expense_categories', name: string, parentId?: string) => {
    const id = newId()
    const row = { id, name, code: null, archived: 0, created_at: '2026-01-01T00:00:00.000Z' }
    if (table === 'income_categories') await db.insertInto(table).values(row).execute()
    else
      await db
        .insertInto(table)
        .values({ ...row, parent_id: parentId ?? null })
        .execute()
    return id
  }
  const hosting = await cat('income_categories', 'Hosting')
  const consulting = await cat('income_categories', 'Consulting')
  const office = await cat('expense_categories', 'Office')
  const rent = await cat('expense_categories', 'Rent', office)
  const bank = await cat('expense_categories', 'Bank fees')
  const entry = async (
    client: { id: string },
    date: string,
    kind: string,
    amount: number,
    o: { category?: string; currency?: string; reverses?: string } = {},
  ) => {
    const id = newId()
    await db
      .insertInto('ledger_entries')
      .values({
        id,
        client_id: client.id,
        entry_date: date,
        kind: kind as never,
        amount_minor: amount,
        currency: o.currency ?? 'EUR',
        description: `${kind} ${date}`,
        source_kind: null,
        source_id: null,
        reverses_entry_id: o.reverses ?? null,
        category_id: o.category ?? null,
        created_by: null,
        created_at: `${date}T10:00:00.000Z`,
      })
      .execute()
    return id
  }
  await entry(x, '2026-04-01', 'shipment', -100_000) // first day of the period
  await entry(y, '2026-04-30', 'service', -50_000, { category: hosting })
  const s1 = await entry(x, '2026-05-15', 'service', -20_000)
  await entry(x, '2026-05-20', 'service', -15_000)
  await entry(x, '2026-06-30', 'fee', -5_000) // last day of the period
  await entry(x, '2026-07-01', 'shipment', -99_900) // the day after: outside
  await entry(x, '2026-03-31', 'shipment', -30_000) // previous period's last day
  await entry(x, '2026-03-10', 'service', -40_000, { category: consulting }) // only in the previous period
  await entry(y, '2025-05-05', 'shipment', -80_000) // a year earlier
  await entry(x, '2026-06-02', 'reversal', 20_000, { reverses: s1 }) // reverses May's service in June
  await entry(x, '2026-05-01', 'service', -1_000_000, { currency: 'HUF' }) // another currency
  const p1 = await entry(x, '2026-05-02', 'payment', 60_000)
  await entry(y, '2026-06-10', 'top_up', 10_000)
  await entry(y, '2026-06-20', 'payment', 30_000)
  await entry(x, '2026-03-15', 'payment', 25_000)
  await entry(x, '2026-07-02', 'reversal', -60_000, { reverses: p1 }) // reversed after the period: still counts in May
  const expense = (date: string, amount: number, categoryId: string | null) =>
    recordExpense(ctx, {
      date,
      amountMinor: amount,
      currency: 'EUR',
      categoryId,
      counterparty: 'Payee',
      description: 'x',
      source: 'manual',
    })
  await expense('2026-04-05', 30_000, rent)
  await expense('2026-05-05', 5_000, office)
  await expense('2026-06-30', 1_000, bank)
  await expense('2026-06-15', 2_000, null)
  const wrong = await expense('2026-04-10', 10_000, rent)
  await reverseExpense(ctx, wrong.id, 'double', { date: '2026-05-10' })
  await expense('2026-03-01', 4_000, bank)
  await expense('2025-06-01', 20_000, rent)
  return { ...w, ctx, x, y, manager, hosting, consulting, office, rent, bank }
}

const Q2 = { from: '2026-04-01', to: '2026-06-30', currency: 'EUR' }
const pick = (lines: PnlLine[], key: string) => {
  const l = lines.find((x) => x.key === key)
  assert.ok(l, `line ${key} missing: ${lines.map((x) => x.key).join(', ')}`)
  return l
}
const near = (actual: number | null, expected: number) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`)

test('accrual P&L by month: category totals, shares, changes, the expense tree, boundaries and reversals', async (t) => {
  const w = await world(t)
  const r = await pnlReport(w.ctx, { ...Q2, group: 'month', basis: 'accrual' })
  assert.deepEqual(
    r.buckets.map((b) => b.key),
    ['2026-04', '2026-05', '2026-06'],
  )
  assert.deepEqual(r.previous, { from: '2026-01-01', to: '2026-03-31' })
  assert.deepEqual(r.yearAgo, { from: '2025-04-01', to: '2025-06-30' })
  assert.deepEqual(
    r.income.map((l) => l.key),
    ['goods', `svc:${w.consulting}`, `svc:${w.hosting}`, 'svc:none', 'fee'],
  )

  const goods = pick(r.income, 'goods')
  assert.deepEqual(goods.cells, [100_000, 0, 0])
  assert.deepEqual([goods.total, goods.prev, goods.yearAgo], [100_000, 30_000, 80_000])
  near(goods.share, 100_000 / 170_000)
  assert.deepEqual(change(goods.total, goods.prev), { abs: 70_000, pct: 70_000 / 30_000 })
  assert.deepEqual(change(goods.total, goods.yearAgo), { abs: 20_000, pct: 0.25 })

  const hosting = pick(r.income, `svc:${w.hosting}`)
  assert.deepEqual([hosting.cells, hosting.total, hosting.prev], [[50_000, 0, 0], 50_000, 0])
  assert.deepEqual(change(hosting.total, hosting.prev), { abs: 50_000, pct: null }) // zero base: "—"
  const consulting = pick(r.income, `svc:${w.consulting}`) // absent in this period
  assert.deepEqual([consulting.total, consulting.prev, consulting.share], [0, 40_000, 0])
  assert.deepEqual(change(consulting.total, consulting.prev), { abs: -40_000, pct: -1 })
  const other = pick(r.income, 'svc:none') // May's service reversed in June counts in June
  assert.deepEqual([other.cells, other.total], [[0, 35_000, -20_000], 15_000])
  assert.deepEqual(pick(r.income, 'fee').cells, [0, 0, 5_000])

  assert.deepEqual(r.incomeTotal.cells, [150_000, 35_000, -15_000])
  assert.deepEqual([r.incomeTotal.total, r.incomeTotal.prev, r.incomeTotal.yearAgo], [170_000, 70_000, 80_000])

  assert.deepEqual(
    r.expenses.map((l) => [l.key, l.level, l.subtotal]),
    [
      [`exp:${w.bank}`, 0, false],
      [`expp:${w.office}`, 0, true],
      [`exp:${w.office}`, 1, false],
      [`exp:${w.rent}`, 1, false],
      ['exp:none', 0, false],
    ],
  )
  const officeTotal = pick(r.expenses, `expp:${w.office}`)
  assert.deepEqual([officeTotal.cells, officeTotal.total, officeTotal.yearAgo], [[40_000, -5_000, 0], 35_000, 20_000])
  near(officeTotal.share, 35_000 / 38_000)
  const rent = pick(r.expenses, `exp:${w.rent}`)
  assert.deepEqual([rent.cells, rent.total], [[40_000, -10_000, 0], 30_000])
  const bank = pick(r.expenses, `exp:${w.bank}`)
  assert.deepEqual([bank.total, bank.prev], [1_000, 4_000])
  assert.deepEqual(change(bank.total, bank.prev), { abs: -3_000, pct: -0.75 })
  assert.deepEqual(r.expenseTotal.cells, [40_000, -5_000, 3_000])
  assert.deepEqual([r.expenseTotal.total, r.expenseTotal.prev, r.expenseTotal.yearAgo], [38_000, 4_000, 20_000])

  assert.deepEqual(r.result.cells, [110_000, 40_000, -18_000])
  assert.deepEqual([r.result.total, r.result.prev, r.result.yearAgo], [132_000, 66_000, 60_000])
  near(r.result.share, 132_000 / 170_000)
})

test('grouping by quarter and year, the cash basis, and the other currency kept apart', async (t) => {
  const w = await world(t)
  const q = await pnlReport(w.ctx, { ...Q2, group: 'quarter', basis: 'accrual' })
  assert.deepEqual(
    q.buckets.map((b) => b.key),
    ['2026-Q2'],
  )
  assert.deepEqual(q.incomeTotal.cells, [170_000])
  const y = await pnlReport(w.ctx, {
    from: '2026-01-01',
    to: '2026-12-31',
    currency: 'EUR',
    group: 'quarter',
    basis: 'accrual',
  })
  // Q1 70,000; Q2 170,000; Q3 the July shipment 99,900; Q4 nothing.
  assert.deepEqual(y.incomeTotal.cells, [70_000, 170_000, 99_900, 0])
  assert.deepEqual(y.previous, { from: '2025-01-01', to: '2025-12-31' })
  assert.equal(y.incomeTotal.prev, 80_000)

  const cash = await pnlReport(w.ctx, { ...Q2, group: 'month', basis: 'cash' })
  assert.deepEqual(
    cash.income.map((l) => [l.key, l.cells, l.total, l.prev]),
    [
      ['payment', [0, 60_000, 30_000], 90_000, 25_000],
      ['top_up', [0, 0, 10_000], 10_000, 0],
    ],
  )
  assert.equal(cash.incomeTotal.total, 100_000)
  near(pick(cash.income, 'payment').share, 0.9)
  assert.equal(cash.expenseTotal.total, 38_000, 'expenses are paid money on both bases')
  assert.equal(cash.result.total, 62_000)
  const july = await pnlReport(w.ctx, {
    from: '2026-07-01',
    to: '2026-07-31',
    currency: 'EUR',
    group: 'month',
    basis: 'cash',
  })
  assert.equal(pick(july.income, 'payment').total, -60_000, 'a reversal counts in its own period')

  const huf = await pnlReport(w.ctx, { ...Q2, currency: 'HUF', group: 'month', basis: 'accrual' })
  assert.deepEqual(huf.incomeTotal.cells, [0, 1_000_000, 0])
  assert.equal(huf.expenseTotal.total, 0)
})

test('drill-down lists the entries behind a cell; breakdowns by client and manager add up', async (t) => {
  const w = await world(t)
  const lq = { page: 1, per: 50, sort: 'date', dir: 'asc' as const, q: '', params: {} }
  const june = await drillEntries(
    w.ctx,
    { line: 'svc:none', from: '2026-06-01', to: '2026-06-30', currency: 'EUR', basis: 'accrual' },
    lq,
  )
  assert.deepEqual(
    june.rows.map((r) => [r.kind, r.amountMinor]),
    [['reversal', 20_000]],
  )
  const all = await drillEntries(w.ctx, { line: 'income', ...Q2, basis: 'accrual' }, lq)
  assert.equal(all.total, 6)
  assert.equal(-all.rows.reduce((s, r) => s + r.amountMinor, 0), 170_000)
  const office = await drillEntries(w.ctx, { line: `expp:${w.office}`, ...Q2, basis: 'accrual' }, lq)
  assert.deepEqual(
    office.rows.map((r) => r.amountMinor),
    [30_000, 10_000, 5_000, -10_000],
  )

  const byClient = await incomeByClient(w.ctx, 'EUR', Q2, 'accrual', { limit: 10, offset: 0 })
  assert.deepEqual(
    byClient.rows.map((r) => [r.name, r.incomeMinor]),
    [
      ['Xenia Kft', 120_000],
      ['Ypsilon Bt', 50_000],
    ],
  )
  assert.equal(byClient.sum, 170_000)
  const byManager = await incomeByManager(w.ctx, 'EUR', Q2, 'cash')
  assert.deepEqual(
    byManager.map((m) => [m.name, m.incomeMinor, m.clients]),
    [
      [null, 40_000, 1],
      ['Mona Manager', 60_000, 1],
    ].sort((a, b) => (b[1] as number) - (a[1] as number)),
  )
})

test('periods: presets follow the company time zone; comparisons of months, quarters and odd ranges', async (t) => {
  const w = await world(t)
  // 22:30 UTC on 31 March is already 1 April in Budapest (the default company zone).
  assert.deepEqual(await companyPreset(w.ctx, 'this_month', new Date('2026-03-31T22:30:00Z')), {
    from: '2026-04-01',
    to: '2026-04-30',
  })
  assert.deepEqual(await companyPreset(w.ctx, 'this_month', new Date('2026-03-31T21:30:00Z')), {
    from: '2026-03-01',
    to: '2026-03-31',
  })
  assert.deepEqual(presetRange('last_quarter', '2026-01-15'), { from: '2025-10-01', to: '2025-12-31' })
  assert.deepEqual(presetRange('last_month', '2026-03-31'), { from: '2026-02-01', to: '2026-02-28' })
  const feb = await pnlReport(w.ctx, {
    from: '2026-03-01',
    to: '2026-03-31',
    currency: 'EUR',
    group: 'month',
    basis: 'accrual',
  })
  assert.deepEqual(feb.previous, { from: '2026-02-01', to: '2026-02-28' })
  const odd = await pnlReport(w.ctx, {
    from: '2026-03-10',
    to: '2026-03-31',
    currency: 'EUR',
    group: 'month',
    basis: 'accrual',
  })
  assert.deepEqual(odd.previous, { from: '2026-02-16', to: '2026-03-09' })
  assert.equal(odd.incomeTotal.total, 70_000)
  await assert.rejects(pnlReport(w.ctx, { ...Q2, from: '2026-07-01', group: 'month', basis: 'accrual' }), {
    fields: { to: 'reports.error.order' },
  })
})

test('comparison periods overlapping the period: each figure counted in every period its day falls in', async (t) => {
  const w = await world(t)
  // Fourteen months: the year-earlier period (May 2024 – June 2025) overlaps both the period and
  // the previous one (March 2024 – April 2025); the three are read in one scan per table.
  const r = await pnlReport(w.ctx, {
    from: '2025-05-01',
    to: '2026-06-30',
    currency: 'EUR',
    group: 'year',
    basis: 'accrual',
  })
  assert.deepEqual(r.previous, { from: '2024-03-01', to: '2025-04-30' })
  assert.deepEqual(r.yearAgo, { from: '2024-05-01', to: '2025-06-30' })
  assert.deepEqual(r.incomeTotal.cells, [80_000, 240_000])
  assert.deepEqual([r.incomeTotal.total, r.incomeTotal.prev, r.incomeTotal.yearAgo], [320_000, 0, 80_000])
  const goods = pick(r.income, 'goods')
  assert.deepEqual([goods.cells, goods.yearAgo], [[80_000, 130_000], 80_000])
  assert.deepEqual(r.expenseTotal.cells, [20_000, 42_000])
  assert.deepEqual([r.expenseTotal.total, r.expenseTotal.yearAgo], [62_000, 20_000])
  assert.deepEqual(
    mergeRanges([
      { from: '2026-04-01', to: '2026-06-30' },
      { from: '2025-04-01', to: '2025-06-30' },
      { from: '2026-01-01', to: '2026-03-31' },
    ]),
    [
      { from: '2025-04-01', to: '2025-06-30' },
      { from: '2026-01-01', to: '2026-06-30' },
    ],
  )
  assert.deepEqual(
    mergeRanges([
      { from: '2026-01-01', to: '2026-12-31' },
      { from: '2025-01-01', to: '2025-12-31' },
      { from: '2025-01-01', to: '2025-12-31' },
    ]),
    [{ from: '2025-01-01', to: '2026-12-31' }],
  )
})
