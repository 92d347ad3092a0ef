import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { Ctx } from '../../core/ctx.js'
import { seededRandom } from '../../core/demo/demo-data.js'
import { financeDemo } from './finance.demo.js'
import { companyToday } from './finance-settings.js'

test('demo finance: a year of charges and payments per client, debt and credit, requests in every state, a few overdue', async (t) => {
  const { services, given } = await testApp(t)
  const head = await given.head()
  const manager = await given.manager()
  const clientIds: string[] = []
  const clientUserIds: Record<string, string[]> = {}
  for (let i = 0; i < 30; i++) {
    const client = await given.client({ managerId: manager.id })
    clientIds.push(client.id)
    if (i < 6) clientUserIds[client.id] = [(await given.clientUser({ client })).id]
  }
  const ctx = Ctx.system(services, 'demo')
  await ctx.transaction((tx) =>
    financeDemo(tx, {
      headId: head.id,
      managerIds: [manager.id],
      clientIds,
      clientUserIds,
      random: seededRandom(7),
    }),
  )
  const db = services.db.kysely
  const today = await companyToday(ctx)
  const invoices = await db.selectFrom('invoices').selectAll().execute()
  assert.deepEqual([...new Set(invoices.map((i) => i.status))].sort(), [
    'cancelled',
    'draft',
    'issued',
    'paid',
    'partially_paid',
  ])
  const topUps = invoices.filter((i) => i.kind === 'top_up')
  assert.ok(topUps.some((i) => i.status === 'paid') && topUps.some((i) => i.status === 'issued'))
  const overdue = invoices.filter((i) => ['issued', 'partially_paid'].includes(i.status) && (i.due_date ?? '') < today)
  assert.ok(overdue.length >= 3 && overdue.length < invoices.length / 5, `overdue: ${overdue.length}`)
  // Numbers: consecutive per year, in date order.
  const byYear = new Map<string, number[]>()
  for (const i of invoices.filter((x) => x.number)) {
    const [, year, n] = /^PR-(\d{4})-(\d+)$/.exec(i.number as string) ?? []
    byYear.set(year as string, [...(byYear.get(year as string) ?? []), Number(n)])
  }
  for (const ns of byYear.values())
    assert.deepEqual(
      ns.sort((a, b) => a - b),
      Array.from({ length: ns.length }, (_, k) => k + 1),
    )
  // Every paid amount is a payment row with its ledger entry.
  const payments = await db.selectFrom('invoice_payments').selectAll().execute()
  for (const i of invoices) {
    const sum = payments.filter((p) => p.invoice_id === i.id).reduce((s, p) => s + Number(p.amount_minor), 0)
    assert.equal(sum, Number(i.paid_minor))
  }
  const balances = await db
    .selectFrom('ledger_entries')
    .select(['client_id', db.fn.sum<string | number>('amount_minor').as('b')])
    .groupBy('client_id')
    .execute()
  assert.equal(balances.length, 30)
  assert.ok(
    balances.some((b) => Number(b.b) < 0),
    'some debt',
  )
  assert.ok(
    balances.some((b) => Number(b.b) > 0),
    'some credit',
  )
  const entries = await db
    .selectFrom('ledger_entries')
    .select(['client_id', 'entry_date'])
    .where('kind', '=', 'service')
    .execute()
  for (const id of clientIds) assert.equal(entries.filter((e) => e.client_id === id).length, 12)
  // Statements of account in every state a reader meets: accepted, disputed, awaiting the client.
  const statuses = (await db.selectFrom('reconciliations').select('status').execute()).map((r) => r.status)
  for (const s of ['accepted', 'disputed', 'issued']) assert.ok(statuses.includes(s as never), s)
})
