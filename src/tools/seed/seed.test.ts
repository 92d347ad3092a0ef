import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { sql } from 'kysely'
import { freshDatabase } from '../../../test/helpers/test-db.js'
import { loadConfig } from '../../config.js'
import type { Db } from '../../core/db/database.js'
import { DEFAULTS } from '../../core/settings/settings-store.js'
import { addSlaMinutes, slaMinutesBetween } from '../../modules/support/sla-clock.js'
import { addDays } from './random.js'
import { SeedRefused, seedDatabase } from './seed.js'
import { seedCalendar } from './seed-support.js'
import { SlaWindows } from './sla-windows.js'

const TODAY = '2026-06-15'
const count = async (db: Db, table: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely)).rows[0]?.n)

/** A fingerprint of the data: ids, numbers, amounts and statuses in a fixed order. */
async function fingerprint(db: Db): Promise<string> {
  const k = db.kysely
  const orders = await k.selectFrom('orders').select(['id', 'number', 'status', 'total_minor']).orderBy('id').execute()
  const ledger = await k.selectFrom('ledger_entries').select(['id', 'amount_minor', 'kind']).orderBy('id').execute()
  const users = await k.selectFrom('users').select(['id', 'email']).orderBy('id').execute()
  return JSON.stringify([orders, ledger, users])
}

test('seed --scale 20 writes a consistent, proportional company and refuses a database with data', async (t) => {
  const fresh = await freshDatabase(t)
  const db = fresh.db
  // Foreign keys stay checked on PostgreSQL here, which proves parents are written before children.
  const config = loadConfig({
    KABINET_DATA_DIR: fresh.dataDir,
    KABINET_DATABASE_URL: fresh.url,
    KABINET_SECRET: 'test-secret-test-secret-test-secret-0123',
    KABINET_LOG_LEVEL: 'silent',
  })
  const report = await seedDatabase(db, { config, clients: 20, seed: 42, today: TODAY, checkForeignKeys: true })
  assert.equal(await count(db, 'clients'), 20)
  assert.equal(await count(db, 'orders'), 400)
  assert.equal(await count(db, 'invoices'), 200)
  assert.equal(await count(db, 'support_requests'), 200)
  // Documents: 200 uploaded ones on one stored stand-in PDF, and real payment request PDFs of the
  // three known clients rendered by the documents module.
  const uploaded = await db.kysely.selectFrom('documents').select(['sha256']).where('origin', '=', 'uploaded').execute()
  assert.equal(uploaded.length, 200)
  const generated = await db.kysely
    .selectFrom('documents')
    .select(['sha256', 'kind', 'invoice_id'])
    .where('origin', '=', 'generated')
    .execute()
  assert.equal(generated.length, 15)
  assert.ok(generated.every((d) => d.kind === 'payment_request' && d.invoice_id))
  for (const sha of new Set([...uploaded, ...generated].map((d) => d.sha256))) {
    const file = path.join(fresh.dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha)
    assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-', file)
  }
  const expenses = await count(db, 'expenses')
  assert.ok(expenses >= 400 && expenses < 420, `${expenses} expenses`)
  // Service charges name their service type, as the P&L itemises income by it.
  const uncategorised = await sql<{
    n: number
  }>`select count(*) as n from ledger_entries where kind = 'service' and category_id is null`.execute(db.kysely)
  assert.equal(Number(uncategorised.rows[0]?.n), 0)
  const entries = await count(db, 'ledger_entries')
  assert.ok(entries >= 2000 && entries < 2300, `${entries} ledger entries`)
  const changes = await count(db, 'order_status_changes')
  assert.ok(changes >= 1800 && changes <= 2400, `${changes} status changes for 400 orders`)
  assert.equal(
    report.rows,
    report.tables.reduce((s, r) => s + r.rows, 0),
  )
  assert.equal(report.tables.find((r) => r.table === 'orders')?.rows, 400)
  assert.deepEqual(
    report.logins.map((l) => l.email),
    [
      'head@seed.kabinet',
      'manager1@seed.kabinet',
      'client1@seed.kabinet',
      'client11@seed.kabinet',
      'client20@seed.kabinet',
    ],
  )

  const k = db.kysely
  // An order's status is the last of its history, its version the number of changes.
  const badOrders = await sql<{ id: string }>`
    select o.id from orders o
    where o.status <> (select c.to_status from order_status_changes c where c.order_id = o.id order by c.changed_at desc, c.id desc limit 1)
       or o.version <> (select count(*) from order_status_changes c where c.order_id = o.id)
       or o.total_minor <> (select sum(l.total_minor) from order_lines l where l.order_id = o.id)`.execute(k)
  assert.deepEqual(badOrders.rows, [])
  // A request's paid sum is its payments', and its status follows.
  const badInvoices = await sql<{ id: string }>`
    select i.id from invoices i
    where i.paid_minor <> coalesce((select sum(p.amount_minor) from invoice_payments p where p.invoice_id = i.id), 0)
       or (i.status = 'paid' and i.paid_minor < i.total_minor)
       or (i.status = 'partially_paid' and (i.paid_minor = 0 or i.paid_minor >= i.total_minor))
       or (i.status = 'issued' and i.paid_minor <> 0)
       or (i.status = 'draft' and i.number is not null)`.execute(k)
  assert.deepEqual(badInvoices.rows, [])
  // Every payment is an entry of that amount; every shipment of goods charged its total.
  const badPayments = await sql<{ id: string }>`
    select p.id from invoice_payments p left join ledger_entries e on e.id = p.ledger_entry_id
    where e.id is null or e.amount_minor <> p.amount_minor or e.client_id <> p.client_id`.execute(k)
  assert.deepEqual(badPayments.rows, [])
  const badShipments = await sql<{ id: string }>`
    select s.id from shipments s left join ledger_entries e on e.id = s.ledger_entry_id
    where s.kind = 'shipped' and (e.id is null or e.amount_minor <> -s.total_minor)`.execute(k)
  assert.deepEqual(badShipments.rows, [])
  const badExpenseReversals = await sql<{ id: string }>`
    select r.id from expenses r join expenses o on o.id = r.reverses_expense_id where r.amount_minor <> -o.amount_minor`.execute(
    k,
  )
  assert.deepEqual(badExpenseReversals.rows, [])
  // A reversal cancels exactly its original.
  const badReversals = await sql<{ id: string }>`
    select r.id from ledger_entries r join ledger_entries o on o.id = r.reverses_entry_id
    where r.amount_minor <> -o.amount_minor or r.client_id <> o.client_id`.execute(k)
  assert.deepEqual(badReversals.rows, [])
  // The numbering counters stand at the highest number used, so the app's next number is new.
  for (const [kind, table] of [
    ['order', 'orders'],
    ['payment_request', 'invoices'],
    ['request', 'support_requests'],
  ] as const) {
    const seqs = await k.selectFrom('number_sequences').selectAll().where('kind', '=', kind).execute()
    assert.ok(seqs.length > 0, kind)
    for (const s of seqs) {
      const used = await sql<{
        n: number
      }>`select count(*) as n from ${sql.table(table)} where number like ${`%-${s.period}-%`}`.execute(k)
      assert.equal(Number(s.last_value), Number(used.rows[0]?.n), `${kind} ${s.period}`)
    }
  }
  const lastOrder = await k.selectFrom('orders').select('number').orderBy('number', 'desc').executeTakeFirstOrThrow()
  assert.match(lastOrder.number, /^ORD-\d{4}-\d{6}$/)
  if (db.sqlite) assert.deepEqual(db.sqlite.pragma('foreign_key_check'), [])
  // Secondary indexes are back after the load.
  if (db.sqlite) {
    const idx = db.sqlite
      .prepare(
        `select count(*) as n from sqlite_master where type = 'index' and name = 'ledger_entries_client_currency_date_idx'`,
      )
      .get() as { n: number }
    assert.equal(idx.n, 1)
  }

  await assert.rejects(seedDatabase(db, { clients: 20, seed: 42, today: TODAY }), SeedRefused)
  const again = await seedDatabase(db, { clients: 20, seed: 43, today: TODAY, force: true })
  assert.equal(again.plan.seed, 43)
  assert.equal(await count(db, 'clients'), 20)
  assert.equal(await count(db, 'orders'), 400)
})

test('the same seed and day give the same rows; another seed other rows', async (t) => {
  const a = await freshDatabase(t)
  const b = await freshDatabase(t)
  await seedDatabase(a.db, { clients: 4, seed: 7, today: TODAY })
  await seedDatabase(b.db, { clients: 4, seed: 7, today: TODAY })
  assert.equal(await fingerprint(a.db), await fingerprint(b.db))
  await seedDatabase(b.db, { clients: 4, seed: 8, today: TODAY, force: true })
  assert.notEqual(await fingerprint(a.db), await fingerprint(b.db))
})

test('the seed’s SLA windows agree with the support module’s clock', () => {
  const cal = seedCalendar(DEFAULTS.company.timeZone)
  const sla = new SlaWindows(cal, '2025-01-01', '2027-12-31')
  // Across both daylight-saving changes, weekends and after hours.
  for (const start of [
    '2025-03-28T15:30:00Z',
    '2025-03-29T10:00:00Z',
    '2025-10-24T16:59:00Z',
    '2026-01-05T06:00:00Z',
  ]) {
    const from = Date.parse(start)
    for (const minutes of [1, 60, 480, 2400, 4800]) {
      assert.equal(sla.add(from, minutes), addSlaMinutes(from, minutes, cal).getTime(), `${start} + ${minutes}`)
    }
    for (const hours of [1, 7, 30, 200]) {
      const to = from + hours * 3_600_000
      assert.equal(sla.between(from, to), slaMinutesBetween(from, to, cal), `${start} … ${hours} h`)
    }
  }
  assert.equal(addDays('2026-03-01', -1), '2026-02-28')
})
