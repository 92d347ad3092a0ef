// The bank import at scale: `node --import tsx src/modules/bank/bank-import.bench.ts [transactions]`
// (default 100,000). Seeds a fresh database (SQLite in a temporary directory, or an EMPTY database
// named by KABINET_DATABASE_URL) with 1,000 clients (tax ids, bank accounts), 5,000 open payment
// requests, expense categories and rules, generates one camt.053 statement with that many entries
// (a third paying requests by reference, the rest split between tax id, account, unknown payers and
// outgoing expenses) and times parse alone, the whole import, and the same file again (all
// duplicates), with peak memory. Not a test: it prints figures.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { buildApp } from '../../app.js'
import { loadConfig } from '../../config.js'
import { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { makeIban } from '../../core/money/iban.js'
import { importStatement } from './bank-import.service.js'
import { createExpenseRule } from './bank-rules.service.js'
import { type CamtEntry, writeCamt053 } from './camt-writer.js'
import { parseStatement } from './parse/index.js'

const total = Number(process.argv[2] ?? 100_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kabinet-bank-bench-'))
const config = loadConfig({
  KABINET_DATA_DIR: dir,
  KABINET_DATABASE_URL: process.env.KABINET_DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.sqlite')}`,
  KABINET_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  KABINET_LOG_LEVEL: 'silent',
  KABINET_MAX_UPLOAD_MB: '500',
})
const app = await buildApp(config, { logger: false })
const db = app.services.db.kysely
const ctx = Ctx.system(app.services, 'bench')
let seed = 7
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T

const mib = (bytes: number) => `${Math.round(bytes / 1_048_576)} MiB`

// --- the company ---------------------------------------------------------------------------------
const stamp = nowIso()
const clients = Array.from({ length: 1000 }, (_, i) => ({
  id: newId(),
  name: `Client ${i}`,
  manager_id: null,
  status: 'active',
  tax_id: `${String(10_000_000 + i)}-2-41`,
  bank_accounts: JSON.stringify([
    {
      bankName: 'B',
      account: makeIban('HU', `1177301${String(i).padStart(9, '0')}00000000`),
      bic: '',
      currency: 'HUF',
    },
  ]),
  created_at: stamp,
  updated_at: stamp,
}))
for (let i = 0; i < clients.length; i += 200)
  await db
    .insertInto('clients')
    .values(clients.slice(i, i + 200))
    .execute()
const invoices = Array.from({ length: 5000 }, (_, i) => {
  const client = clients[i % clients.length] as (typeof clients)[number]
  const total = 10_000 + Math.floor(random() * 500) * 1000
  return {
    id: newId(),
    client_id: client.id,
    number: `PR-2026-${String(i + 1).padStart(6, '0')}`,
    kind: 'standard' as const,
    status: 'issued' as const,
    issue_date: '2026-10-01',
    due_date: '2026-10-09',
    currency: 'HUF',
    net_minor: total,
    vat_minor: 0,
    total_minor: total,
    paid_minor: 0,
    payment_reference: `PR2026${String(i + 1).padStart(6, '0')}`,
    note: '',
    version: 1,
    created_by: null,
    created_at: stamp,
    updated_at: stamp,
    issued_at: stamp,
  }
})
for (let i = 0; i < invoices.length; i += 500)
  await db
    .insertInto('invoices')
    .values(invoices.slice(i, i + 500))
    .execute()
const categories = ['Rent', 'Utilities', 'Bank fees', 'Suppliers', 'Travel'].map((name) => ({
  id: newId(),
  parent_id: null,
  name,
  code: null,
  archived: 0,
  created_at: stamp,
}))
await db.insertInto('expense_categories').values(categories).execute()
const categoryIds = new Set(categories.map((c) => c.id))
for (const [i, word] of ['rent', 'electricity', 'fee', 'supply', 'ticket'].entries()) {
  await createExpenseRule(
    ctx,
    { kind: 'keyword', value: word, categoryId: categories[i]?.id as string, position: i },
    categoryIds,
  )
}
if (app.services.db.dialect === 'postgres') await sql`analyze`.execute(db)

// --- the statement -------------------------------------------------------------------------------
const words = ['rent', 'electricity', 'fee', 'supply', 'ticket', 'misc']
const entries: CamtEntry[] = []
for (let n = 0; n < total; n++) {
  const date = `2026-${String(1 + Math.floor((n / total) * 11)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`
  const r = random()
  const base = { date, bankRef: `BENCH-${n}`, amountMinor: 100 * (1 + Math.floor(random() * 5000)) }
  if (r < 0.34) {
    const inv = pick(invoices)
    entries.push({ ...base, direction: 'in', name: 'Payer', purpose: `Payment ${inv.number}` })
  } else if (r < 0.5) {
    entries.push({ ...base, direction: 'in', name: 'Payer', taxId: pick(clients).tax_id })
  } else if (r < 0.6) {
    const c = pick(clients)
    entries.push({ ...base, direction: 'in', name: 'Payer', account: JSON.parse(c.bank_accounts)[0].account })
  } else if (r < 0.7) {
    entries.push({ ...base, direction: 'in', name: `Unknown payer ${n}`, purpose: 'transfer' })
  } else {
    entries.push({ ...base, direction: 'out', name: `Supplier ${n % 300}`, purpose: `${pick(words)} ${n}` })
  }
}
const bytes = Buffer.from(
  writeCamt053([
    { id: 'BENCH', iban: makeIban('HU', '117730160000000000000000'), currency: 'HUF', openingMinor: 0, entries },
  ]),
)
entries.length = 0
process.stdout.write(`statement: ${total} entries, ${mib(bytes.length)} of camt.053 (${app.services.db.dialect})\n`)

const t0 = process.hrtime.bigint()
const parsed = parseStatement(bytes)
const parseMs = Number(process.hrtime.bigint() - t0) / 1e6
process.stdout.write(
  `parse alone: ${Math.round(parseMs)} ms, ${Math.round((parsed.transactions.length / parseMs) * 1000)} transactions/s\n`,
)

const t1 = process.hrtime.bigint()
const first = await importStatement(ctx, { name: 'bench.xml', bytes })
const importMs = Number(process.hrtime.bigint() - t1) / 1e6
process.stdout.write(
  `whole import: ${Math.round(importMs)} ms, ${Math.round((total / importMs) * 1000)} transactions/s — ${JSON.stringify(first.summary)}\n`,
)

const t2 = process.hrtime.bigint()
const again = await importStatement(ctx, { name: 'bench-again.xml', bytes })
const againMs = Number(process.hrtime.bigint() - t2) / 1e6
process.stdout.write(
  `same file again: ${Math.round(againMs)} ms, ${Math.round((total / againMs) * 1000)} transactions/s, ${again.summary.duplicates} duplicates, ${again.summary.new} new\n`,
)
// The kernel's high-water mark: a sampler would miss the peak inside the synchronous parse.
process.stdout.write(`peak memory (max RSS of the process): ${mib(process.resourceUsage().maxRSS * 1024)}\n`)
await app.close()
fs.rmSync(dir, { recursive: true, force: true })
