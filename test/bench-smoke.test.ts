// Keeps `npm run bench` working: seeds a tiny company and sends each HTTP scenario's first request
// once through the real app (no wrk, nothing timed), runs the in-process figures once, and checks
// the wrk script and the profile summary are well-formed.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { inProcessFigures } from '../bench/inprocess.js'
import { formatProfile, summariseProfile } from '../bench/profile-summary.js'
import { buildScenarios, type Getter } from '../bench/scenarios.js'
import { luaScript } from '../bench/wrk.js'
import { MODULES } from '../src/modules.js'
import { seedDatabase } from '../src/tools/seed/seed.js'
import { testApp } from './helpers/test-app.js'

test('every bench scenario answers on a seeded company (scale 20)', async (t) => {
  const w = await testApp(t, { env: { KABINET_TRUST_PROXY: 'true' } })
  const report = await seedDatabase(w.db, { config: w.config, clients: 20, seed: 3 })
  assert.ok(report.rows > 5_000, `${report.rows} rows`)
  w.services.settings.invalidate()
  const getter: Getter = async (url) => {
    const res = await w.app.inject({ method: 'GET', url })
    const raw = res.headers['set-cookie']
    return { status: res.statusCode, setCookies: raw === undefined ? [] : ([] as string[]).concat(raw), body: res.body }
  }
  const scenarios = await buildScenarios(w.db, { getter })
  const names = scenarios.map((s) => s.name)
  for (const name of [
    'client-home',
    'client-orders',
    'client-order',
    'client-ledger',
    'manager-clients',
    'overdue-report',
    'login',
  ])
    assert.ok(names.includes(name), name)
  if (MODULES.some((m) => m.name === 'reports')) assert.ok(names.includes('head-pnl'))
  if (MODULES.some((m) => m.name === 'documents')) assert.ok(names.includes('client-documents'))
  for (const s of scenarios) {
    assert.ok(s.requests.length >= 2, `${s.name}: one request per session`)
    const r = s.requests[0]
    assert.ok(r)
    const res = await w.app.inject({
      method: r.method,
      url: r.path,
      headers: { ...r.headers, 'x-forwarded-for': '10.1.2.3' },
      payload: r.body,
    })
    assert.equal(res.statusCode, s.expect, `${s.name}: ${r.method} ${r.path} → ${res.statusCode}`)
    if (s.expect === 200) assert.match(res.body, /<main/, `${s.name} renders a page`)
  }
  // The client's pages show its own data: the order page names the order it was given.
  const order = scenarios.find((s) => s.name === 'client-order')?.requests[0]
  const id = order?.path.split('/').pop() as string
  const row = await w.db.kysely.selectFrom('orders').select('number').where('id', '=', id).executeTakeFirstOrThrow()
  const page = await w.app.inject({ method: 'GET', url: order?.path as string, headers: order?.headers })
  assert.ok(page.body.includes(row.number))

  const script = luaScript(scenarios[0]?.requests ?? [], true)
  assert.match(script, /kabinet_session=/)
  assert.match(script, /function done\(summary, latency, requests\)/)
})

test('in-process figures and the profile summary run', async () => {
  const figures = await inProcessFigures(['argon2-verify'])
  assert.equal(figures[0]?.name, 'argon2-verify')
  assert.ok((figures[0]?.value ?? 0) > 0)
  // A minimal CPU profile: two frames, one sampled twice.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kabinet-prof-'))
  const file = path.join(dir, 'p.cpuprofile')
  fs.writeFileSync(
    file,
    JSON.stringify({
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2] },
        {
          id: 2,
          callFrame: { functionName: 'render', url: 'file:///x/node_modules/@kitajs/html/index.js', lineNumber: 9 },
        },
        {
          id: 3,
          callFrame: { functionName: 'query', url: 'file:///x/src/modules/orders/orders.service.ts', lineNumber: 1 },
        },
      ],
      startTime: 0,
      endTime: 3000,
      samples: [2, 2, 3],
      timeDeltas: [1000, 1000, 1000],
    }),
  )
  const s = summariseProfile(file)
  fs.rmSync(dir, { recursive: true, force: true })
  assert.equal(s.packages[0]?.name, '@kitajs/html')
  assert.equal(s.packages[1]?.name, 'kabinet modules/orders')
  assert.match(formatProfile(s), /66\.7%\s+@kitajs\/html/)
})
