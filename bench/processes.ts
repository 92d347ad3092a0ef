// Child processes of the bench: Kabinet's real `serve` and the bare Fastify server, each started
// with `node --import tsx` directly (an npx wrapper would leave the server orphaned on kill).
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface Child {
  process: ChildProcess
  url: string
  /** From spawn to the first good answer. */
  startMs: number
  output: () => string
  stop: () => Promise<void>
}

export function freePort(): Promise<number> {
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

/** Resident memory of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
    return Number.isFinite(kb) ? kb / 1024 : null
  } catch {
    return null
  }
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number, out: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${out()}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${out()}`)
}

async function start(args: string[], env: NodeJS.ProcessEnv, port: number, probe: string): Promise<Child> {
  const t0 = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  const keep = (d: Buffer) => {
    text = (text + d.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const url = `http://127.0.0.1:${port}`
  await waitFor(`${url}${probe}`, child, 120_000, () => text)
  const startMs = performance.now() - t0
  return {
    process: child,
    url,
    startMs,
    output: () => text,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const force = setTimeout(() => child.kill('SIGKILL'), 20_000)
        child.once('exit', () => {
          clearTimeout(force)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}

/** Kabinet's `serve` on `databaseUrl`; `cpuProfDir` turns on V8's CPU profiler for the whole run. */
export async function startKabinet(databaseUrl: string, dataDir: string, opts: { cpuProfDir?: string } = {}) {
  const port = await freePort()
  const prof = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : []
  return start(
    [...prof, 'src/cli.ts', 'serve'],
    {
      KABINET_DATABASE_URL: databaseUrl,
      KABINET_DATA_DIR: dataDir,
      KABINET_PORT: String(port),
      KABINET_HOST: '127.0.0.1',
      KABINET_BASE_URL: `http://127.0.0.1:${port}`,
      KABINET_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      // Request logs at `info` would measure pino and the pipe; warnings still show.
      KABINET_LOG_LEVEL: 'warn',
      // The login scenario gives each request its own X-Forwarded-For (see scenarios.ts).
      KABINET_TRUST_PROXY: 'true',
      // No mail outbox or clean-up jobs in the middle of a measurement.
      KABINET_JOBS: 'false',
      NODE_ENV: 'production',
    },
    port,
    '/healthz',
  )
}

export async function startBare(): Promise<Child> {
  const port = await freePort()
  return start(['bench/bare-server.ts'], { PORT: String(port) }, port, '/bare')
}
