// The overdue report at scale: `node --import tsx src/modules/support/support-report.bench.ts [requests]`
// seeds a fresh database (SQLite in a temporary directory, or KABINET_DATABASE_URL) with that many
// requests over a year for 1,000 clients and 10 managers, then times the report as the head and as
// one manager. Not a test: it prints figures.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { buildApp } from '../../app.js'
import { loadConfig } from '../../config.js'
import { Ctx } from '../../core/ctx.js'
import { newId } from '../../core/db/ids.js'
import type { SupportRequestTable } from './support.schema.js'
import { ctxOf } from './support.test-kit.js'
import { overdueReport } from './support-report.service.js'

const total = Number(process.argv[2] ?? 100_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kabinet-bench-'))
const config = loadConfig({
  KABINET_DATA_DIR: dir,
  KABINET_DATABASE_URL: process.env.KABINET_DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.sqlite')}`,
  KABINET_SECRET: 'bench-secret-bench-secret-bench-secret-01',
  KABINET_LOG_LEVEL: 'silent',
})
const app = await buildApp(config, { logger: false })
const db = app.services.db.kysely
const now = Date.now()
const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()
let seed = 42
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}

const stamp = iso(now)
const user = (role: 'head' | 'manager' | 'client', clientId: string | null, n: number) => ({
  id: newId(),
  email: `${role}${n}-${newId().slice(-6)}@bench.test`,
  name: `${role} ${n}`,
  role,
  client_id: clientId,
  is_client_admin: 0 as const,
  all_clients: 0 as const,
  areas: 'support',
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
})
const head = user('head', null, 0)
const managers = Array.from({ length: 10 }, (_, i) => user('manager', null, i))
await db
  .insertInto('users')
  .values([head, ...managers])
  .execute()
const clients = Array.from({ length: 1000 }, (_, i) => ({
  id: newId(),
  name: `Client ${i}`,
  manager_id: managers[i % 10]?.id as string,
  status: 'active',
  created_at: stamp,
  updated_at: stamp,
}))
for (let i = 0; i < clients.length; i += 200)
  await db
    .insertInto('clients')
    .values(clients.slice(i, i + 200))
    .execute()
const clientUsers = clients.map((c, i) => user('client', c.id, i))
for (let i = 0; i < clientUsers.length; i += 200)
  await db
    .insertInto('users')
    .values(clientUsers.slice(i, i + 200))
    .execute()
const categories = ['a', 'b', 'c', 'd', 'e'].map((name, i) => ({
  id: newId(),
  name,
  names_json: '{}',
  position: i,
  is_active: 1 as const,
  created_at: stamp,
  updated_at: stamp,
}))
await db.insertInto('support_categories').values(categories).execute()

const started = Date.now()
let batch: SupportRequestTable[] = []
for (let n = 0; n < total; n++) {
  const k = Math.floor(random() * clients.length)
  const created = now - Math.floor(random() * 365 * DAY)
  const open = now - created < 20 * DAY && random() < 0.5
  const responded = created + Math.floor(random() * 10 * 3_600_000)
  const resolved = responded + Math.floor(random() * 4 * DAY)
  const done = !open && resolved < now
  batch.push({
    id: newId(created),
    client_id: clients[k]?.id as string,
    number: `REQ-B-${String(n).padStart(7, '0')}`,
    category_id: categories[n % 5]?.id as string,
    priority: (['urgent', 'high', 'normal', 'low'] as const)[n % 4] as 'normal',
    subject: `Request ${n}`,
    status: done ? (now - resolved > 7 * DAY ? 'closed' : 'resolved') : random() < 0.3 ? 'waiting' : 'open',
    created_by: clientUsers[k]?.id as string,
    assignee_id: random() < 0.05 ? null : (clients[k]?.manager_id as string),
    linked_kind: null,
    linked_id: null,
    first_response_target_minutes: 480,
    resolution_target_minutes: 2400,
    first_response_due_at: iso(created + 8 * 3_600_000),
    resolution_due_at: iso(created + 2 * DAY),
    first_responded_at: responded < now ? iso(responded) : null,
    first_response_minutes: responded < now ? Math.round((responded - created) / 60_000) : null,
    resolved_at: done ? iso(resolved) : null,
    resolution_minutes: done ? Math.round((resolved - created) / 60_000) : null,
    closed_at: null,
    sla_paused_minutes: 0,
    paused_since: done ? iso(resolved) : null,
    last_message_at: iso(done ? resolved : created),
    rating: null,
    rating_comment: null,
    rated_at: null,
    version: 1,
    created_at: iso(created),
    updated_at: iso(created),
  })
  if (batch.length === 500) {
    await db.insertInto('support_requests').values(batch).execute()
    batch = []
  }
}
if (batch.length) await db.insertInto('support_requests').values(batch).execute()
// Fresh statistics, as a live database has them.
await sql`analyze`.execute(db)
process.stdout.write(`seeded ${total} requests in ${Date.now() - started} ms (${app.services.db.dialect})\n`)

async function time(label: string, run: () => Promise<unknown>) {
  const runs: number[] = []
  for (let i = 0; i < 7; i++) {
    const t0 = process.hrtime.bigint()
    await run()
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  runs.sort((a, b) => a - b)
  process.stdout.write(`${label}: median ${runs[3]?.toFixed(1)} ms, best ${runs[0]?.toFixed(1)} ms\n`)
}
const tz = (await app.services.settings.get('company')).timeZone
const today = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date())
const monthAgo = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date(now - 29 * DAY))
const yearAgo = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date(now - 365 * DAY))
const headCtx = ctxOf(app.services, head as never)
const managerCtx = ctxOf(app.services, managers[0] as never)
for (const group of ['manager', 'client', 'category'] as const) {
  await time(`head, by ${group}, last 30 days`, () => overdueReport(headCtx, { group, from: monthAgo, to: today }))
}
await time('head, by manager, whole year', () => overdueReport(headCtx, { group: 'manager', from: yearAgo, to: today }))
await time('one manager, by client, last 30 days', () =>
  overdueReport(managerCtx, { group: 'client', from: monthAgo, to: today }),
)
const r = await overdueReport(Ctx.system(app.services, 'bench'), { group: 'manager', from: monthAgo, to: today })
process.stdout.write(
  `check: ${r.total.openNow} open, ${r.total.overdueNow} overdue, ${r.total.created} opened in 30 days\n`,
)
await app.close()
fs.rmSync(dir, { recursive: true, force: true })
