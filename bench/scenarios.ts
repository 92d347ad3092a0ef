// The HTTP scenarios of `npm run bench`, built from a seeded database: each has a list of requests,
// one per session, so every wrk connection runs as a different signed-in user. Also used by
// test/bench-smoke.test.ts, which sends each scenario's first request once.
import { createSession } from '../src/core/auth/sessions.js'
import type { Db } from '../src/core/db/database.js'
import { MODULES } from '../src/modules.js'
import { clientLogin, HEAD_LOGIN, managerLogin, SEED_PASSWORD } from '../src/tools/seed/seed-people.js'

export interface BenchRequest {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

export interface Scenario {
  name: string
  /** What it measures, for the table and docs/performance.md. */
  what: string
  /** The status a successful request answers. */
  expect: number
  requests: BenchRequest[]
}

/** How the runner (fetch) or the smoke test (inject) reads a page: status, Set-Cookie headers, body. */
export type Getter = (path: string) => Promise<{ status: number; setCookies: string[]; body: string }>

const SESSIONS = 10

/** `SESSIONS` users spread over the clients, from the largest to the smallest, by their login. */
async function usersByEmail(db: Db, emails: string[]) {
  const rows = await db.kysely
    .selectFrom('users')
    .select(['id', 'email', 'client_id'])
    .where('email', 'in', emails)
    .execute()
  return emails.map((e) => {
    const row = rows.find((r) => r.email === e)
    if (!row) throw new Error(`no user ${e}: is the database seeded (kabinet seed)?`)
    return row
  })
}

const cookieOf = (token: string) => ({ cookie: `kabinet_session=${token}` })

/** The scenarios that exist for the modules present; modules added later add theirs here. */
export async function buildScenarios(db: Db, opts: { getter: Getter; only?: string[] }): Promise<Scenario[]> {
  const k = db.kysely
  const clientCount = Number(
    (
      await k
        .selectFrom('clients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  const picks = [...new Set(Array.from({ length: SESSIONS }, (_, i) => Math.floor((i * clientCount) / SESSIONS)))]
  const clientUsers = await usersByEmail(
    db,
    picks.map((i) => clientLogin(i)),
  )
  const managerCount = Number(
    (
      await k
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'manager')
        .executeTakeFirstOrThrow()
    ).n,
  )
  const managers = await usersByEmail(
    db,
    [...new Set(Array.from({ length: SESSIONS }, (_, i) => i % managerCount))].map((i) => managerLogin(i)),
  )
  const [head] = await usersByEmail(db, [HEAD_LOGIN])
  const limits = { idleMinutes: 24 * 60, maxDays: 14 }
  const sessionsFor = async (users: { id: string }[]) => {
    const out: string[] = []
    for (let i = 0; i < SESSIONS; i++)
      out.push(await createSession(k, (users[i % users.length] as { id: string }).id, limits))
    return out
  }
  const clientSessions = await sessionsFor(clientUsers)
  const managerSessions = await sessionsFor(managers)
  const headSessions = await sessionsFor([head as { id: string }])

  // Each client session opens its own client's latest order.
  const latestOrders: string[] = []
  for (const u of clientUsers) {
    const o = await k
      .selectFrom('orders')
      .select('id')
      .where('client_id', '=', u.client_id as string)
      .orderBy('order_date', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
    latestOrders.push(o?.id ?? '')
  }
  const get = (path: string | ((i: number) => string), sessions: string[]): BenchRequest[] =>
    sessions.map((s, i) => ({ method: 'GET', path: typeof path === 'string' ? path : path(i), headers: cookieOf(s) }))
  const clientOf = (i: number) => i % clientUsers.length

  const has = (module: string) => MODULES.some((m) => m.name === module)
  const all: (() => Promise<Scenario | null>)[] = [
    async () => ({
      name: 'client-home',
      what: 'client home page (balance, current orders, requests)',
      expect: 200,
      requests: get('/', clientSessions),
    }),
    async () => ({
      name: 'client-orders',
      what: 'client order list (first page)',
      expect: 200,
      requests: get('/orders/mine', clientSessions),
    }),
    async () => ({
      name: 'client-order',
      what: 'client order page (lines, history, shipments)',
      expect: 200,
      requests: get((i) => `/orders/${latestOrders[clientOf(i)]}`, clientSessions),
    }),
    async () => ({
      name: 'client-ledger',
      what: 'client ledger page (opening, running balance)',
      expect: 200,
      requests: get('/finance/ledger', clientSessions),
    }),
    async () => ({
      name: 'manager-clients',
      what: 'manager client list searching "duna"',
      expect: 200,
      requests: get('/clients?q=duna', managerSessions),
    }),
    async () => ({
      name: 'overdue-report',
      what: 'head: overdue support requests report, last 30 days',
      expect: 200,
      requests: get('/support/reports/overdue', headSessions),
    }),
    async () =>
      has('documents')
        ? {
            name: 'client-documents',
            what: 'client document list (first page)',
            expect: 200,
            requests: get('/documents', clientSessions),
          }
        : null,
    async () =>
      has('reports')
        ? {
            name: 'head-pnl',
            what: 'head: P&L of last year by month (income by kind/category, expenses by category tree)',
            expect: 200,
            requests: get('/reports/pnl?preset=last_year&group=month', headSessions),
          }
        : null,
    async () => ({
      name: 'login',
      what: 'sign-in form POST (argon2id verify, new session, audit)',
      expect: 303,
      requests: await loginRequests(
        opts.getter,
        clientUsers.map((u) => u.email),
      ),
    }),
  ]
  const out: Scenario[] = []
  for (const make of all) {
    const s = await make()
    if (s && (!opts.only || opts.only.includes(s.name))) out.push(s)
  }
  return out
}

/**
 * Sign-in POSTs, each with its own CSRF cookie and token from a real GET of the login page. Each
 * carries its own X-Forwarded-For (the bench server trusts the proxy header), as many users behind
 * a proxy would: the per-IP limit of 20 sign-ins a minute would otherwise measure the limiter.
 */
async function loginRequests(getter: Getter, emails: string[]): Promise<BenchRequest[]> {
  const out: BenchRequest[] = []
  for (const [i, email] of emails.entries()) {
    const page = await getter('/login')
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1]
    const cookie = page.setCookies.map((c) => c.split(';')[0]).find((c) => c?.startsWith('_csrf='))
    if (!token || !cookie) throw new Error('the login page gave no CSRF token')
    out.push({
      method: 'POST',
      path: '/login',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`,
      },
      body: new URLSearchParams({ email, password: SEED_PASSWORD, next: '/', _csrf: token }).toString(),
    })
  }
  return out
}
