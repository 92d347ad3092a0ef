// Figures measured inside this process rather than over HTTP: what one password check costs, and
// (as those modules land) bank import throughput and PDF rendering.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { hashPassword, verifyPassword } from '../src/core/auth/passwords.js'
import { ROOT } from './processes.js'

export interface InProcessFigure {
  name: string
  what: string
  value: number
  unit: string
  detail?: string
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

/** argon2id verify with the app's parameters (19 MiB, t=2, p=1): the floor under every sign-in. */
export async function argon2Figure(runs = 15): Promise<InProcessFigure> {
  const hash = await hashPassword('kabinet-seed')
  await verifyPassword(hash, 'kabinet-seed')
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const ok = await verifyPassword(hash, 'kabinet-seed')
    times.push(performance.now() - t0)
    if (!ok) throw new Error('argon2 verify failed')
  }
  return {
    name: 'argon2-verify',
    what: 'one argon2id password check (sign-in cost floor)',
    value: median(times),
    unit: 'ms',
    detail: `median of ${runs}, best ${Math.min(...times).toFixed(1)} ms`,
  }
}

/**
 * Runs a module's own bench script (each module owns the figures of its hot path and seeds what it
 * needs in a temporary SQLite database) and returns what it printed; null while the module has none.
 */
async function moduleBench(file: string, args: string[]): Promise<string | null> {
  if (!fs.existsSync(path.join(ROOT, file))) return null
  return new Promise((resolve, reject) => {
    const env = { ...process.env }
    delete env.KABINET_DATABASE_URL
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, env })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${file} exited with ${code}:\n${out}`))))
  })
}

const num = (re: RegExp, text: string) => {
  const m = re.exec(text)
  return m ? Number(m[1]) : Number.NaN
}

/** The bank module's import of one 100,000-transaction camt.053 statement: throughput and peak memory. */
async function bankFigures(): Promise<InProcessFigure[]> {
  const out = await moduleBench('src/modules/bank/bank-import.bench.ts', ['100000'])
  if (out === null) return []
  const detail = out.trim().split('\n').join(' · ')
  return [
    {
      name: 'bank-import',
      what: 'import of a 100,000-transaction camt.053 statement (parse, match, post, one transaction)',
      value: num(/whole import: \d+ ms, (\d+) transactions\/s/, out),
      unit: 'tx/s',
      detail,
    },
    {
      name: 'bank-import-again',
      what: 'the same statement again (all duplicates)',
      value: num(/same file again: \d+ ms, (\d+) transactions\/s/, out),
      unit: 'tx/s',
    },
    {
      name: 'bank-import-rss',
      what: 'peak resident memory of that import',
      value: num(/peak memory[^:]*: (\d+) MiB/, out),
      unit: 'MiB',
    },
  ]
}

/** The documents module's PDF rendering, documents per second. */
async function pdfFigures(): Promise<InProcessFigure[]> {
  const out = await moduleBench('src/modules/documents/pdf.bench.ts', [])
  if (out === null) return []
  return [
    {
      name: 'pdf-render',
      what: 'payment request PDF rendering (pdfmake, DejaVu fonts)',
      value: num(/([\d.]+) (?:documents|docs)\/s/, out),
      unit: 'docs/s',
      detail: out.trim().split('\n').join(' · '),
    },
  ]
}

export async function inProcessFigures(only?: string[]): Promise<InProcessFigure[]> {
  const want = (name: string) => !only || only.some((o) => name.startsWith(o))
  const out: InProcessFigure[] = []
  if (want('argon2-verify')) out.push(await argon2Figure())
  if (want('bank-import')) out.push(...(await bankFigures()))
  if (want('pdf-render')) out.push(...(await pdfFigures()))
  return out
}
