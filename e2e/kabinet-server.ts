import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** A real Kabinet server in its own process group, with its own data directory and database. */
export interface KabinetServer {
  readonly url: string
  readonly dataDir: string
  readonly databaseUrl: string
  /** Everything the server printed so far (pino JSON lines at warn and above, plus the banner). */
  output(): string
  /** Stops the whole process group, drops a PostgreSQL database, removes the data directory. */
  stop(): Promise<void>
}

export interface StartOptions {
  /** `demo` loads the demo company first; `serve` starts on an empty database. */
  command?: 'demo' | 'serve'
  /** Extra environment, e.g. KABINET_DISABLED_MODULES. */
  env?: Record<string, string>
  /** Where the server's output is copied for reading after a failed run. */
  logFile?: string
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/** With KABINET_TEST_DATABASE_URL, an empty PostgreSQL database of its own (the server migrates it). */
async function freshPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kabinet_e2e_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`create database "${name}"`)
  } finally {
    await admin.end()
  }
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      try {
        await c.query(`drop database if exists "${name}" with (force)`)
      } finally {
        await c.end()
      }
    },
  }
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`kabinet exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`)
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`kabinet did not answer ${url}/healthz within ${timeoutMs} ms:\n${output()}`)
}

/** Signals the process group and waits for it; SIGKILL when it does not finish in time. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), sig)
    } catch {
      // the group is already gone
    }
  }
  signal('SIGTERM')
  const timer = setTimeout(() => signal('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

/**
 * Starts `node --import tsx src/cli.ts <command>` on a free port with a fresh temporary data
 * directory (SQLite) or a fresh PostgreSQL database, and waits until /healthz answers.
 */
export async function startKabinet(opts: StartOptions = {}): Promise<KabinetServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kabinet-e2e-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const pgAdmin = process.env.KABINET_TEST_DATABASE_URL?.trim()
  const pgDb = pgAdmin ? await freshPostgres(pgAdmin) : null
  const databaseUrl = pgDb?.url ?? `sqlite:${path.join(dataDir, 'kabinet.sqlite')}`
  // Every setting the server reads is given here, so a developer's .env cannot leak into the run.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KABINET_DATA_DIR: dataDir,
    KABINET_DATABASE_URL: databaseUrl,
    KABINET_PORT: String(port),
    KABINET_HOST: '127.0.0.1',
    KABINET_BASE_URL: url,
    KABINET_LOG_LEVEL: 'warn',
    KABINET_SMTP_URL: '',
    KABINET_DISABLED_MODULES: '',
    KABINET_TRUST_PROXY: 'false',
    ...opts.env,
  }
  let out = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', opts.command ?? 'demo'], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const collect = (chunk: Buffer) => {
    out += chunk.toString('utf8')
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  // If the test process dies without its after hooks, the server must not outlive it.
  const onExit = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  process.once('exit', onExit)

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await killGroup(child)
    process.removeListener('exit', onExit)
    if (opts.logFile) {
      fs.mkdirSync(path.dirname(opts.logFile), { recursive: true })
      fs.writeFileSync(opts.logFile, out)
    }
    await pgDb?.drop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    // Loading the demo takes a few seconds on an idle machine and minutes on a busy shared one.
    await waitForHealth(url, child, () => out, Number(process.env.KABINET_E2E_START_TIMEOUT_MS) || 300_000)
  } catch (err) {
    await stop()
    throw err
  }
  return { url, dataDir, databaseUrl, output: () => out, stop }
}

/**
 * A server someone already started (KABINET_E2E_SERVER_URL), for writing a test against it without
 * loading the demo for every run: nothing is started or stopped, its log is not read.
 */
export function externalKabinet(url: string): KabinetServer {
  return { url: url.replace(/\/$/, ''), dataDir: '', databaseUrl: '', output: () => '', stop: async () => {} }
}

/** Pino lines at error level or above (50+) in the server output. */
export function serverErrors(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (!line.startsWith('{')) return false
    try {
      const level = (JSON.parse(line) as { level?: unknown }).level
      return typeof level === 'number' && level >= 50
    } catch {
      return false
    }
  })
}
