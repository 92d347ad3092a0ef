// Where a scenario's database time goes: `node --import tsx bench/query-profile.ts [scenario…]`
// opens the cached seeded SQLite database of `npm run bench` (or KABINET_DATABASE_URL=sqlite:…),
// sends each scenario's requests through the app in-process and times every SQL statement
// (better-sqlite3 wrapped at prepare), then prints the statements costing the most per request.
import fs from 'node:fs'
import { Session } from 'node:inspector/promises'
import os from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/core/db/database.js'
import { ROOT } from './processes.js'
import { formatProfile, summariseProfile } from './profile-summary.js'
import { buildScenarios, type Getter } from './scenarios.js'

const cacheDir = path.join(ROOT, 'bench-results', 'cache')
const url =
  process.env.KABINET_DATABASE_URL ??
  `sqlite:${path.join(
    cacheDir,
    fs
      .readdirSync(cacheDir)
      .filter((f) => f.endsWith('.sqlite'))
      .sort((a, b) => fs.statSync(path.join(cacheDir, b)).mtimeMs - fs.statSync(path.join(cacheDir, a)).mtimeMs)[0] ??
      '',
  )}`
// --cpu: also a V8 CPU profile of each scenario's requests alone (no start-up in it); --repeat=N.
const cpu = process.argv.includes('--cpu')
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const repeatArg = process.argv.find((a) => a.startsWith('--repeat='))
const REPEAT = repeatArg ? Number(repeatArg.slice('--repeat='.length)) : cpu ? 200 : 20
const inspector = new Session()
inspector.connect()

const db = openDatabase(url)
const sqlite = db.sqlite
if (!sqlite) throw new Error('query-profile reads SQLite only')
const stats = new Map<string, { ms: number; calls: number }>()
const prepare = sqlite.prepare.bind(sqlite)
// biome-ignore lint/suspicious/noExplicitAny: wrapping the driver's statement methods
;(sqlite as any).prepare = (text: string) => {
  const stmt = prepare(text)
  for (const method of ['all', 'get', 'run'] as const) {
    const fn = stmt[method].bind(stmt) as (...a: unknown[]) => unknown
    // biome-ignore lint/suspicious/noExplicitAny: same
    ;(stmt as any)[method] = (...a: unknown[]) => {
      const t0 = performance.now()
      try {
        return fn(...a)
      } finally {
        const s = stats.get(text) ?? { ms: 0, calls: 0 }
        s.ms += performance.now() - t0
        s.calls++
        stats.set(text, s)
      }
    }
  }
  return stmt
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kabinet-qprof-'))
const config = loadConfig({
  KABINET_DATA_DIR: dataDir,
  KABINET_DATABASE_URL: url,
  KABINET_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  KABINET_LOG_LEVEL: 'silent',
  KABINET_TRUST_PROXY: 'true',
})
const app = await buildApp(config, { db, logger: false })
const getter: Getter = async (p) => {
  const res = await app.inject({ method: 'GET', url: p })
  const raw = res.headers['set-cookie']
  return { status: res.statusCode, setCookies: raw === undefined ? [] : ([] as string[]).concat(raw), body: res.body }
}
const scenarios = await buildScenarios(db, { getter, only: only.length ? only : undefined })
for (const s of scenarios) {
  stats.clear()
  if (cpu) {
    await inspector.post('Profiler.enable')
    await inspector.post('Profiler.setSamplingInterval', { interval: 200 })
    await inspector.post('Profiler.start')
  }
  const t0 = performance.now()
  for (let i = 0; i < REPEAT; i++) {
    const r = s.requests[i % s.requests.length]
    if (!r) continue
    await app.inject({
      method: r.method,
      url: r.path,
      headers: { ...r.headers, 'x-forwarded-for': `10.9.0.${i + 1}` },
      payload: r.body,
    })
  }
  const perRequest = (performance.now() - t0) / REPEAT
  let cpuText = ''
  if (cpu) {
    const { profile } = await inspector.post('Profiler.stop')
    const file = path.join(dataDir, `${s.name}.cpuprofile`)
    fs.writeFileSync(file, JSON.stringify(profile))
    cpuText = formatProfile(summariseProfile(file, 12))
  }
  const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms)
  const dbMs = rows.reduce((sum, [, v]) => sum + v.ms, 0) / REPEAT
  const calls = rows.reduce((sum, [, v]) => sum + v.calls, 0) / REPEAT
  process.stdout.write(
    `\n${s.name}: ${perRequest.toFixed(1)} ms per request in-process, of which SQL ${dbMs.toFixed(1)} ms in ${calls.toFixed(0)} statements\n`,
  )
  for (const [text, v] of rows.slice(0, 6)) {
    process.stdout.write(
      `  ${(v.ms / REPEAT).toFixed(2).padStart(7)} ms ×${(v.calls / REPEAT).toFixed(1)}  ${text.replace(/\s+/g, ' ').slice(0, 230)}\n`,
    )
  }
  if (cpuText) process.stdout.write(`${cpuText.replace(/^/gm, '  ')}\n`)
}
await app.close()
fs.rmSync(dataDir, { recursive: true, force: true })
