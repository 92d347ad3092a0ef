// The year P&L at scale: `node --import tsx src/modules/reports/pnl.bench.ts [entries] [expenses]`
// seeds a fresh database (SQLite in a temporary directory, or KABINET_DATABASE_URL for PostgreSQL)
// with that many ledger entries (default 1,000,000 over two years for 10,000 clients) and expenses
// (default 200,000), then times the year P&L (both bases) next to one direct SQL aggregate over the
// same rows. Not a test: it prints figures. PNL_BENCH_DIR=<dir> keeps the SQLite file there (and a
// PostgreSQL database is never dropped): a second run finds the rows and skips the seeding, so
// before/after figures come from the same data.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { buildApp } from '../../app.js'
import { loadConfig } from '../../config.js'
import { toActor } from '../../core/auth/sessions.js'
import { Ctx } from '../../core/ctx.js'
import { newId } from '../../core/db/ids.js'
import { pnlReport } from './pnl.service.js'
import { keyFigures } from './reports.dashboard.js'

const ENTRIES = Number(process.argv[2] ?? 1_000_000)
const EXPENSES = Number(process.argv[3] ?? 200_000)
const keep = process.env.PNL_BENCH_DIR
const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kabinet-bench-'))
fs.mkdirSync(dir, { recursive: true })
const config = loadConfig({
  KABINET_DATA_DIR: dir,
  KABINET_DATABASE_URL: process.env.KABINET_DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.sqlite')}`,
  KABINET_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  KABINET_LOG_LEVEL: 'silent',
})
const app = await buildApp(config, { logger: false })
const db = app.services.db.kysely
let seed = 7
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}
const stamp = new Date().toISOString()
const pad = (n: number) => String(n).padStart(2, '0')
const dateIn = (year: number) => `${year}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`
const chunks = async <T>(rows: T[], size: number, fn: (c: T[]) => Promise<unknown>) => {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size))
}

const seeded = Number(
  (await sql<{ n: string | number }>`select count(*) as n from ledger_entries`.execute(db)).rows[0]?.n ?? 0,
)
const headRow = {
  id: newId(),
  email: `head-${newId().slice(-6)}@bench.test`,
  name: 'Head',
  role: 'head' as const,
  client_id: null,
  is_client_admin: 0 as const,
  all_clients: 0 as const,
  areas: '',
  locale: 'en',
  password_hash: null,
  status: 'active' as const,
  totp_secret: null,
  totp_enabled: 0 as const,
  failed_logins: 0,
  locked_until: null,
  last_login_at: null,
  created_at: stamp,
  updated_at: stamp,
}
if (seeded === 0) await seedAll()
else {
  const head = await db.selectFrom('users').select('id').where('role', '=', 'head').executeTakeFirstOrThrow()
  headRow.id = head.id
  console.log(`reusing ${seeded} entries in ${dir}`)
}

async function seedAll() {
  await db.insertInto('users').values(headRow).execute()
  const clients = Array.from({ length: 10_000 }, (_, i) => ({
    id: newId(),
    name: `Client ${i}`,
    manager_id: null,
    status: 'active',
    created_at: stamp,
    updated_at: stamp,
  }))
  await chunks(clients, 500, (c) => db.insertInto('clients').values(c).execute())
  const svc = Array.from({ length: 5 }, (_, i) => ({
    id: newId(),
    name: `Service ${i}`,
    code: null,
    archived: 0,
    created_at: stamp,
  }))
  await db.insertInto('income_categories').values(svc).execute()
  const parents = Array.from({ length: 6 }, (_, i) => ({
    id: newId(),
    parent_id: null,
    name: `Cost ${i}`,
    code: null,
    archived: 0,
    created_at: stamp,
  }))
  const kids = parents.flatMap((p, i) =>
    Array.from({ length: 3 }, (_, j) => ({
      id: newId(),
      parent_id: p.id,
      name: `Cost ${i}.${j}`,
      code: null,
      archived: 0,
      created_at: stamp,
    })),
  )
  await db
    .insertInto('expense_categories')
    .values([...parents, ...kids])
    .execute()

  const t0 = Date.now()
  const KINDS = ['shipment', 'service', 'service', 'fee', 'payment', 'payment', 'top_up'] as const
  for (let done = 0; done < ENTRIES; ) {
    const batch = []
    for (let i = 0; i < 20_000 && done < ENTRIES; i++, done++) {
      const kind = KINDS[Math.floor(random() * KINDS.length)] as (typeof KINDS)[number]
      const amount = 1_000 + Math.floor(random() * 500_000)
      const charge = kind === 'shipment' || kind === 'service' || kind === 'fee'
      batch.push({
        id: newId(),
        client_id: (clients[Math.floor(random() * clients.length)] as { id: string }).id,
        entry_date: dateIn(random() < 0.5 ? 2025 : 2026),
        kind,
        amount_minor: charge ? -amount : amount,
        currency: 'EUR',
        description: kind,
        source_kind: null,
        source_id: null,
        reverses_entry_id: null,
        category_id:
          kind === 'service' && random() < 0.8 ? (svc[Math.floor(random() * svc.length)] as { id: string }).id : null,
        created_by: null,
        created_at: stamp,
      })
      // One entry in 200 is reversed later the same year (reversals count under their original's line).
      const original = batch[batch.length - 1] as (typeof batch)[number]
      if (random() < 0.005 && done + 1 < ENTRIES) {
        const later = dateIn(Number(original.entry_date.slice(0, 4)))
        batch.push({
          ...original,
          id: newId(),
          kind: 'reversal' as never,
          amount_minor: -original.amount_minor,
          description: 'reversal',
          reverses_entry_id: original.id,
          entry_date: later > original.entry_date ? later : original.entry_date,
          category_id: null,
        })
        i++
        done++
      }
    }
    await chunks(batch, 1_000, (c) => db.insertInto('ledger_entries').values(c).execute())
  }
  const cats = [...parents, ...kids]
  for (let done = 0; done < EXPENSES; ) {
    const batch = []
    for (let i = 0; i < 20_000 && done < EXPENSES; i++, done++) {
      batch.push({
        id: newId(),
        expense_date: dateIn(random() < 0.5 ? 2025 : 2026),
        amount_minor: 100 + Math.floor(random() * 300_000),
        currency: 'EUR',
        category_id: random() < 0.95 ? (cats[Math.floor(random() * cats.length)] as { id: string }).id : null,
        counterparty: 'Payee',
        counterparty_tax_id: null,
        counterparty_account: null,
        description: '',
        source: 'bank' as const,
        source_ref: null,
        reverses_expense_id: null,
        created_by: null,
        created_at: stamp,
      })
    }
    await chunks(batch, 1_000, (c) => db.insertInto('expenses').values(c).execute())
  }
  if (config.databaseUrl.startsWith('postgres')) await sql`vacuum analyze`.execute(db)
  else await sql`analyze`.execute(db)
  console.log(`seeded ${ENTRIES} entries and ${EXPENSES} expenses in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}

const ctx = Ctx.forActor(app.services, toActor({ ...headRow, password_hash: null } as never), { locale: 'en' })
const time = async (label: string, fn: () => Promise<unknown>, runs = Number(process.env.PNL_BENCH_RUNS ?? 7)) => {
  await fn()
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const s = performance.now()
    await fn()
    ms.push(performance.now() - s)
  }
  ms.sort((a, b) => a - b)
  console.log(`${label.padEnd(48)} median ${(ms[Math.floor(runs / 2)] as number).toFixed(1)} ms`)
}
const year = { from: '2026-01-01', to: '2026-12-31', currency: 'EUR', group: 'month' as const }
console.log(`${config.databaseUrl.split(':')[0]}, ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}`)
await time('P&L year by month, accrual', () => pnlReport(ctx, { ...year, basis: 'accrual' }))
await time('P&L year by month, cash', () => pnlReport(ctx, { ...year, basis: 'cash' }))
await time('P&L Q2 by month, accrual', () =>
  pnlReport(ctx, { ...year, from: '2026-04-01', to: '2026-06-30', basis: 'accrual' }),
)
await time('head dashboard key figures', () => keyFigures(ctx, new Date('2026-06-15T12:00:00Z')))
await time('direct SQL: one GROUP BY month, kind over the year', () =>
  sql`select substr(entry_date, 1, 7) m, kind, sum(amount_minor) from ledger_entries where currency = 'EUR' and entry_date between '2026-01-01' and '2026-12-31' group by 1, 2`.execute(
    db,
  ),
)
await time('direct SQL: the same GROUP BY over two years', () =>
  sql`select substr(entry_date, 1, 7) m, kind, sum(amount_minor) from ledger_entries where currency = 'EUR' and entry_date between '2025-01-01' and '2026-12-31' group by 1, 2`.execute(
    db,
  ),
)
await time('direct SQL: expenses GROUP BY month, category', () =>
  sql`select substr(expense_date, 1, 7) m, category_id, sum(amount_minor) from expenses where currency = 'EUR' and expense_date between '2026-01-01' and '2026-12-31' group by 1, 2`.execute(
    db,
  ),
)
await app.close()
if (!keep) fs.rmSync(dir, { recursive: true, force: true })
