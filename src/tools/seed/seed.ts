import { sql } from 'kysely'
import { allMigrations } from '../../app.js'
import type { AppConfig } from '../../config.js'
import { hashPassword } from '../../core/auth/passwords.js'
import type { Db } from '../../core/db/database.js'
import { migrateToLatest } from '../../core/db/migrator.js'
import { DEFAULTS, SettingsStore } from '../../core/settings/settings-store.js'
import { MODULES } from '../../modules.js'
import { BulkWriter, type TableFigures } from './bulk-writer.js'
import { dropSecondaryIndexes, recreateIndexes } from './indexes.js'
import { addDays, IdSource, iso, Rng, skewedCounts } from './random.js'
import { seedDocuments } from './seed-documents.js'
import { INCOME_CATEGORIES, seedExpenses, seedIncomeCategories } from './seed-expenses.js'
import { fillLedger, seedPaymentRequests } from './seed-finance.js'
import { newAccount } from './seed-ledger.js'
import { seedOrders } from './seed-orders.js'
import { clientLogin, HEAD_LOGIN, managerLogin, SEED_PASSWORD, seedPeople } from './seed-people.js'
import { SUPPORT_CATEGORIES, seedCalendar, seedSupport } from './seed-support.js'
import { planFor, type SeedPlan, SeedWorld } from './seed-world.js'
import { SlaWindows } from './sla-windows.js'

/** Bumped whenever the generated data changes, so cached bench databases are rebuilt. */
export const SEED_FORMAT = 3
const TIME_ZONE = 'Europe/Budapest'

export interface SeedOptions {
  /** The installation's configuration: its data directory receives the documents' files. */
  config?: AppConfig
  /** Number of clients; 10,000 is the reference scale. */
  clients: number
  seed: number
  /** The last day of the data set (default: today in the company's time zone). */
  today?: string
  /** Empty a database that holds data first, instead of refusing. */
  force?: boolean
  log?: (line: string) => void
  /** Keep PostgreSQL's foreign key checks on while loading (slower; the tests use it to prove the order). */
  checkForeignKeys?: boolean
}

export interface SeedLogin {
  role: 'head' | 'manager' | 'client'
  email: string
  password: string
  note: string
}

export interface SeedReport {
  plan: SeedPlan
  tables: TableFigures[]
  rows: number
  /** Building the secondary indexes after the load. */
  indexMs: number
  ms: number
  logins: SeedLogin[]
}

export class SeedRefused extends Error {}

export const todayIn = (timeZone: string, at = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)

async function userTables(db: Db): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await sql<{
          name: string
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kabinet_migrations%'`.execute(
          db.kysely,
        )
      : await sql<{
          name: string
        }>`select tablename as name from pg_tables where schemaname = current_schema() and tablename not like 'kabinet_migrations%'`.execute(
          db.kysely,
        )
  return rows.rows.map((r) => r.name)
}

/** SQLite's are off while seeding; PostgreSQL's can be skipped by a superuser (replica role). */
async function mayRelaxForeignKeys(db: Db): Promise<boolean> {
  if (db.dialect === 'sqlite') return true
  const row = await sql<{ rolsuper: boolean }>`select rolsuper from pg_roles where rolname = current_user`.execute(
    db.kysely,
  )
  return row.rows[0]?.rolsuper === true
}

/** Empties every table but the migration bookkeeping (`--force`). */
async function wipe(db: Db): Promise<void> {
  const tables = await userTables(db)
  if (db.sqlite) {
    db.sqlite.pragma('foreign_keys = OFF')
    db.sqlite.transaction(() => {
      for (const t of tables) db.sqlite?.prepare(`delete from "${t}"`).run()
    })()
    return
  }
  await sql.raw(`truncate ${tables.map((t) => `"${t}"`).join(', ')} cascade`).execute(db.kysely)
}

/**
 * Builds the synthetic company of `kabinet seed`: `clients` clients and, per 10,000 of them,
 * 1,000,000 ledger entries, 200,000 orders with about a million status changes, 100,000 payment
 * requests, 100,000 support requests, 200,000 company expenses and (with the documents module
 * and a data directory) 100,000 documents, a sample of them real PDFs, all derived from `seed` (the same seed and day give the same
 * rows). Balances are the sums of the entries, invoice statuses follow their payments, order
 * statuses their histories, and the numbering counters continue after the numbers used.
 */
export async function seedDatabase(db: Db, opts: SeedOptions): Promise<SeedReport> {
  const log = opts.log ?? (() => undefined)
  await migrateToLatest(db, allMigrations())
  const k = db.kysely
  const used = await k.selectFrom('users').select('id').limit(1).executeTakeFirst()
  const usedClients = await k.selectFrom('clients').select('id').limit(1).executeTakeFirst()
  if (used || usedClients) {
    if (!opts.force)
      throw new SeedRefused(
        'the database already holds data; seed only an empty one, or pass --force to empty it first',
      )
    log('emptying the database (--force)')
    await wipe(db)
  }
  const plan = planFor(opts.clients, opts.seed, opts.today ?? todayIn(TIME_ZONE))
  const started = performance.now()
  if (db.sqlite) {
    // A synthetic data set can be rebuilt, so durability is traded for speed while it is written.
    db.sqlite.pragma('synchronous = OFF')
    db.sqlite.pragma('foreign_keys = OFF')
    db.sqlite.pragma('cache_size = -1048576')
    db.sqlite.pragma('temp_store = MEMORY')
  }
  log('dropping secondary indexes while loading')
  const dropped = await dropSecondaryIndexes(db)
  const checked = opts.checkForeignKeys ?? !(await mayRelaxForeignKeys(db))
  const writer = new BulkWriter(db, checked)
  const world = new SeedWorld(
    plan,
    new Rng(plan.seed),
    new IdSource(plan.seed),
    writer,
    await hashPassword(SEED_PASSWORD),
  )
  try {
    await new SettingsStore(k).put(
      k,
      'company',
      {
        ...DEFAULTS.company,
        legalName: 'Szintetikus Kereskedelmi Kft.',
        shortName: 'Seed Kabinet',
        address: '1051 Budapest, Nádor utca 12.',
        email: `office@${'seed.kabinet'}`,
        defaultCurrency: 'HUF',
        timeZone: TIME_ZONE,
        defaultLocale: 'en',
      },
      null,
    )
    log(`seeding ${plan.clients} clients (seed ${plan.seed}, up to ${plan.today}) into ${db.dialect}`)
    await seedPeople(world)
    for (const [i, id] of (await seedIncomeCategories(world)).entries())
      world.incomeCategories.set(INCOME_CATEGORIES[i] as string, id)
    const categoryIds = SUPPORT_CATEGORIES.map((_, i) => world.ids.id(Date.parse(`${world.start}T00:00:00Z`) + i))
    for (const [i, name] of SUPPORT_CATEGORIES.entries()) {
      await writer.add('support_categories', {
        id: categoryIds[i] as string,
        name,
        names_json: '{}',
        position: i,
        is_active: 1,
        created_at: iso(Date.parse(`${world.start}T00:00:00Z`)),
        updated_at: iso(Date.parse(`${world.start}T00:00:00Z`)),
      })
    }
    const n = plan.clients
    const orders = skewedCounts(plan.counts.orders, n)
    const requests = skewedCounts(plan.counts.paymentRequests, n)
    const tickets = skewedCounts(plan.counts.supportRequests, n)
    const ledger = skewedCounts(plan.counts.ledgerEntries, n)
    const sla = new SlaWindows(seedCalendar(TIME_ZONE), addDays(world.start, -2), addDays(plan.today, 400))
    for (const client of world.clients) {
      const i = client.index
      const acc = newAccount()
      await seedOrders(world, client, acc, orders[i] as number)
      await seedPaymentRequests(world, client, acc, requests[i] as number)
      await seedSupport(world, client, tickets[i] as number, categoryIds, sla)
      await fillLedger(world, client, acc, ledger[i] as number)
      if ((i + 1) % Math.max(1, Math.floor(n / 10)) === 0) log(`  ${i + 1} of ${n} clients written`)
    }
    await seedExpenses(world, plan.counts.expenses)
    for (const s of world.sequences()) await writer.add('number_sequences', s)
    const at = iso(Date.now())
    await writer.add('settings', {
      key: 'seed',
      value_json: JSON.stringify({ clients: plan.clients, seed: plan.seed, today: plan.today, format: SEED_FORMAT }),
      updated_at: at,
      updated_by: null,
    })
    await writer.add('audit_log', {
      id: world.ids.id(Date.now()),
      at,
      actor_id: null,
      actor_label: 'system: seed',
      action: 'seed.loaded',
      entity: 'company',
      entity_id: null,
      client_id: null,
      before_json: null,
      after_json: JSON.stringify({ clients: plan.clients, seed: plan.seed }),
      ip: null,
      request_id: null,
    })
    let tables = await writer.finish()
    if (opts.config && MODULES.some((m) => m.name === 'documents')) {
      log('documents: rendering the sample PDFs, writing the metadata')
      const docs = new BulkWriter(db, checked)
      const { real } = await seedDocuments(opts.config, db, world, docs, knownClients(world), plan.counts.documents)
      tables = [...tables, ...(await docs.finish()), { table: 'documents (real PDFs)', rows: real, ms: 0 }]
    }
    log(`building ${dropped.length} indexes`)
    const indexStart = performance.now()
    await recreateIndexes(db, dropped)
    const indexMs = performance.now() - indexStart
    log('analysing the tables')
    if (db.sqlite) {
      db.sqlite.pragma('synchronous = NORMAL')
      db.sqlite.pragma('foreign_keys = ON')
      db.sqlite.exec('analyze')
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    } else {
      await sql`analyze`.execute(k)
    }
    const rows = tables.reduce((s, t) => s + t.rows, 0)
    return { plan, tables, rows, indexMs, ms: performance.now() - started, logins: loginsOf(world) }
  } catch (err) {
    await writer.abort()
    // Whatever was committed stays (seed again with --force); the schema must be whole again.
    await recreateIndexes(db, dropped).catch(() => undefined)
    if (db.sqlite) {
      db.sqlite.pragma('synchronous = NORMAL')
      db.sqlite.pragma('foreign_keys = ON')
    }
    throw err
  }
}

/** The largest, a middling and the smallest client. */
const knownClients = (world: SeedWorld) => {
  const n = world.clients.length
  return [...new Set([0, Math.floor(n / 2), n - 1])]
}

/** The head, the largest client's manager and the known clients' admins. */
function loginsOf(world: SeedWorld): SeedLogin[] {
  const n = world.clients.length
  const picks = knownClients(world)
  return [
    { role: 'head', email: HEAD_LOGIN, password: SEED_PASSWORD, note: 'sees every client' },
    {
      role: 'manager',
      email: managerLogin(0),
      password: SEED_PASSWORD,
      note: `manages ${world.clients.filter((c) => c.managerId === world.managerIds[0]).length} clients`,
    },
    ...picks.map((i) => ({
      role: 'client' as const,
      email: clientLogin(i),
      password: SEED_PASSWORD,
      note: `${world.clients[i]?.name} (${i === 0 ? 'largest' : i === n - 1 ? 'smallest' : 'middling'} client)`,
    })),
  ]
}

/** The table of figures `kabinet seed` prints. */
export function formatSeedReport(r: SeedReport): string {
  const lines = [`table                       rows        ms      rows/s`]
  for (const t of [...r.tables].sort((a, b) => b.rows - a.rows)) {
    lines.push(
      `${t.table.padEnd(24)} ${String(t.rows).padStart(9)} ${String(Math.round(t.ms)).padStart(9)} ${(t.ms > 0 ? String(Math.round(t.rows / (t.ms / 1000))) : '').padStart(11)}`,
    )
  }
  lines.push(`${'building indexes'.padEnd(24)} ${''.padStart(9)} ${String(Math.round(r.indexMs)).padStart(9)}`)
  lines.push(
    `${'total (wall clock)'.padEnd(24)} ${String(r.rows).padStart(9)} ${String(Math.round(r.ms)).padStart(9)} ${String(Math.round(r.rows / (r.ms / 1000))).padStart(11)}`,
  )
  lines.push('', `logins (password ${SEED_PASSWORD}):`)
  for (const l of r.logins) lines.push(`  ${l.role.padEnd(8)} ${l.email.padEnd(28)} ${l.note}`)
  return lines.join('\n')
}
