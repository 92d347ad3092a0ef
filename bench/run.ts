// `npm run bench [-- --db postgres://… --scale N --seed S --duration SEC --runs N --only a,b --profile]`
// Seeds (or reuses) a synthetic company, starts Kabinet's real `serve` and a bare Fastify server,
// and measures every scenario and the bare route with wrk in the same run. See docs/performance.md.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '../src/core/db/database.js'
import { type InProcessFigure, inProcessFigures } from './inprocess.js'
import { prepareDatabase, warmFile } from './prepare-db.js'
import { type Child, ROOT, rssMiB, startBare, startKabinet } from './processes.js'
import { formatProfile, type ProfileSummary, summariseProfile } from './profile-summary.js'
import { buildScenarios, type Getter, type Scenario } from './scenarios.js'
import { runWrk, WRK_MISSING, type WrkOptions, type WrkResult, wrkAvailable } from './wrk.js'

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    scale: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    runs: { type: 'string', default: '3' },
    threads: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    // The in-process figures do not depend on --db (module scripts use their own SQLite files).
    'skip-inprocess': { type: 'boolean', default: false },
  },
})
const num = (name: string, v: string | undefined, min: number) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`bench: --${name} must be a whole number of at least ${min}\n`)
    process.exit(2)
  }
  return n
}
const clients = num('scale', args.scale, 1)
const seed = num('seed', args.seed, 0)
const wrkOpts: WrkOptions = {
  threads: num('threads', args.threads, 1),
  connections: num('connections', args.connections, 1),
  durationS: num('duration', args.duration, 1),
}
const warmupS = num('warmup', args.warmup, 0)
const runs = args.profile ? 1 : num('runs', args.runs, 1)
const only = args.only?.split(',').map((s) => s.trim())
const log = (line: string) => process.stdout.write(`${line}\n`)

if (!wrkAvailable()) {
  process.stderr.write(`bench: ${WRK_MISSING}\n`)
  process.exit(1)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

interface ScenarioFigures {
  name: string
  what: string
  runs: WrkResult[]
  rps: number
  p50Ms: number
  p99Ms: number
  ratio: number | null
  profile?: ProfileSummary
}

const started = new Date()
// This machine may be shared: the load average says how much else ran beside the measurement.
const loadBefore = os.loadavg()[0] as number
const prepared = await prepareDatabase({ db: args.db, clients, seed, force: args.force, log })
warmFile(prepared.url)

log('in-process figures')
const inproc: InProcessFigure[] = args['skip-inprocess'] ? [] : await inProcessFigures(only)

const dataDir = prepared.dataDir
const profileDir = path.join(ROOT, 'bench-results', 'profiles', started.toISOString().replace(/[:.]/g, '-'))
const children: Child[] = []
const stopAll = async () => {
  for (const c of children.splice(0)) await c.stop()
}
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)))

const getterFor =
  (base: string): Getter =>
  async (p) => {
    const res = await fetch(`${base}${p}`, { redirect: 'manual' })
    return { status: res.status, setCookies: res.headers.getSetCookie(), body: await res.text() }
  }

/**
 * Waits until the server answers /healthz promptly: wrk stops sending when its time is up, but
 * requests already queued (a P&L takes seconds, and a synchronous SQLite query holds the event loop)
 * would otherwise be charged to the next scenario.
 */
async function settle(base: string) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const t0 = performance.now()
    await fetch(`${base}/healthz`).then((r) => r.arrayBuffer())
    if (performance.now() - t0 < 50) return
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** One request of each scenario, checked, before anything is timed. */
async function checkOnce(base: string, scenarios: Scenario[]) {
  for (const s of scenarios) {
    const r = s.requests[0]
    if (!r) throw new Error(`${s.name}: no requests`)
    const res = await fetch(`${base}${r.path}`, {
      method: r.method,
      headers: r.headers,
      body: r.body,
      redirect: 'manual',
    })
    await res.arrayBuffer()
    if (res.status !== s.expect)
      throw new Error(`${s.name}: ${r.method} ${r.path} answered ${res.status}, expected ${s.expect}`)
  }
}

let results: ScenarioFigures[] = []
const bareRuns: WrkResult[] = []
let startMs = 0
let rssIdle: number | null = null
let rssLoad = 0
try {
  const bare = await startBare()
  children.push(bare)
  const kabinet = await startKabinet(prepared.url, dataDir, args.profile ? { cpuProfDir: profileDir } : {})
  children.push(kabinet)
  startMs = kabinet.startMs
  log(`kabinet serve answered /healthz ${Math.round(startMs)} ms after spawn`)

  const db = openDatabase(prepared.url)
  let scenarios: Scenario[]
  try {
    scenarios = await buildScenarios(db, { getter: getterFor(kabinet.url), only })
  } finally {
    await db.close()
  }
  await checkOnce(kabinet.url, scenarios)
  await new Promise((r) => setTimeout(r, 1000))
  rssIdle = rssMiB(kabinet.process.pid as number)

  const sampler = setInterval(() => {
    rssLoad = Math.max(rssLoad, rssMiB(kabinet.process.pid as number) ?? 0)
  }, 200)
  const perScenario = new Map<string, WrkResult[]>()
  const bareRequests = [{ method: 'GET' as const, path: '/bare', headers: {} }]
  for (let round = 0; round < runs; round++) {
    if (round === 0 && warmupS > 0) {
      log(`warming up (${warmupS} s per scenario)`)
      await runWrk(bare.url, bareRequests, { ...wrkOpts, durationS: warmupS })
      for (const s of scenarios) {
        await runWrk(kabinet.url, s.requests, { ...wrkOpts, durationS: warmupS }, s.name === 'login')
        await settle(kabinet.url)
      }
    }
    log(`run ${round + 1} of ${runs}`)
    const b = await runWrk(bare.url, bareRequests, wrkOpts)
    bareRuns.push(b)
    log(
      `  ${'bare'.padEnd(18)} ${b.rps.toFixed(0).padStart(8)} req/s  p50 ${b.p50Ms.toFixed(2)} ms  p99 ${b.p99Ms.toFixed(2)} ms`,
    )
    for (const s of scenarios) {
      const r = await runWrk(kabinet.url, s.requests, wrkOpts, s.name === 'login')
      await settle(kabinet.url)
      perScenario.set(s.name, [...(perScenario.get(s.name) ?? []), r])
      const bad = r.errors + r.badStatus
      log(
        `  ${s.name.padEnd(18)} ${r.rps.toFixed(0).padStart(8)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms${bad ? `  (${bad} errors)` : ''}`,
      )
    }
  }
  clearInterval(sampler)
  const bareRps = median(bareRuns.map((r) => r.rps))
  results = scenarios.map((s) => {
    const rs = perScenario.get(s.name) ?? []
    const rps = median(rs.map((r) => r.rps))
    return {
      name: s.name,
      what: s.what,
      runs: rs,
      rps,
      p50Ms: median(rs.map((r) => r.p50Ms)),
      p99Ms: median(rs.map((r) => r.p99Ms)),
      ratio: bareRps ? rps / bareRps : null,
    }
  })
} catch (err) {
  // A server that died mid-run says why in its own output.
  for (const c of children)
    if (c.process.exitCode !== null) log(`server exited with ${c.process.exitCode}:\n${c.output()}`)
  throw err
} finally {
  await stopAll()
}

let profile: ProfileSummary | undefined
if (args.profile) {
  // The main thread's profile is the largest file (tsx's loader thread writes a small one too).
  const files = fs
    .readdirSync(profileDir)
    .map((f) => path.join(profileDir, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)
  if (files[0]) {
    profile = summariseProfile(files[0], 25)
    log(`\nCPU profile of the server (${path.relative(ROOT, files[0])}):\n${formatProfile(profile)}`)
  }
}

const bareRps = median(bareRuns.map((r) => r.rps))
const loadAfter = os.loadavg()[0] as number
const table = [
  '',
  `Kabinet bench ${started.toISOString()} · ${os.cpus().length} cores · ${prepared.dialect} · ${clients} clients (seed ${seed}) · wrk -t${wrkOpts.threads} -c${wrkOpts.connections} -d${wrkOpts.durationS}s, median of ${runs} · load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
  `${'scenario'.padEnd(18)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'of bare'.padStart(8)}`,
  `${'bare Fastify'.padEnd(18)} ${bareRps.toFixed(0).padStart(8)} ${median(bareRuns.map((r) => r.p50Ms))
    .toFixed(2)
    .padStart(8)} ${median(bareRuns.map((r) => r.p99Ms))
    .toFixed(2)
    .padStart(8)} ${'100%'.padStart(8)}`,
  ...results.map(
    (r) =>
      `${r.name.padEnd(18)} ${r.rps.toFixed(0).padStart(8)} ${r.p50Ms.toFixed(2).padStart(8)} ${r.p99Ms.toFixed(2).padStart(8)} ${r.ratio === null ? '' : `${(r.ratio * 100).toFixed(1)}%`.padStart(8)}`,
  ),
  '',
  ...inproc.map(
    (f) =>
      `${f.name.padEnd(18)} ${f.value.toFixed(1).padStart(8)} ${f.unit}  ${f.what}${f.detail && f.detail.length < 80 ? ` (${f.detail})` : ''}`,
  ),
  `${'server start'.padEnd(18)} ${startMs.toFixed(0).padStart(8)} ms  spawn to first /healthz answer (tsx, migrations check, module boot)`,
  `${'memory idle'.padEnd(18)} ${(rssIdle ?? 0).toFixed(0).padStart(8)} MiB resident after start and one request per scenario`,
  `${'memory under load'.padEnd(18)} ${rssLoad.toFixed(0).padStart(8)} MiB resident, highest sample during the runs`,
]
if (prepared.seed) {
  const s = prepared.seed
  table.push(
    `${'seeding'.padEnd(18)} ${(s.rows / (s.ms / 1000)).toFixed(0).padStart(8)} rows/s  ${s.rows} rows in ${(s.ms / 1000).toFixed(1)} s${prepared.reused ? ' (when the cache was built)' : ''}`,
  )
}
log(table.join('\n'))

const out = {
  date: started.toISOString(),
  machine: {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
  },
  database: prepared.dialect,
  clients,
  seed,
  wrk: { ...wrkOpts, warmupS, runs },
  bare: { rps: bareRps, runs: bareRuns },
  scenarios: results,
  inProcess: inproc,
  serverStartMs: startMs,
  rssMiB: { idle: rssIdle, underLoad: rssLoad },
  seeding: prepared.seed ? { ...prepared.seed, reused: prepared.reused } : null,
  profile,
}
const file = path.join(ROOT, 'bench-results', `${started.toISOString().replace(/[:.]/g, '-')}.json`)
fs.mkdirSync(path.dirname(file), { recursive: true })
fs.writeFileSync(file, JSON.stringify(out, null, 2))
log(`\nwritten ${path.relative(ROOT, file)}`)
