import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { freshDatabase } from '../../../test/helpers/test-db.js'
import { writeCamt053 } from './camt-writer.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const KEYS = ['format', 'statements', 'transactions', 'new', 'duplicates', 'matched', 'toReview', 'expenses', 'errors']

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, KABINET_LOG_LEVEL: 'silent', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

const entry = (n: number, direction: 'in' | 'out' = 'in') => ({
  date: `2026-11-0${n}`,
  amountMinor: n * 1000,
  direction,
  name: `Payer ${n}`,
  bankRef: `CLI-${n}`,
})

test('kabinet import bank prints the summary; the overlapping file and a refused one are told apart', async (t) => {
  const fresh = await freshDatabase(t)
  await fresh.db.close()
  const env = {
    KABINET_DATA_DIR: fresh.dataDir,
    KABINET_DATABASE_URL: fresh.url,
    KABINET_SECRET: 'cli-test-secret-cli-test-secret-0123456',
  }
  const dir = fs.mkdtempSync(path.join(fresh.dataDir, 'stmt-'))
  const write = (name: string, text: string) => {
    const file = path.join(dir, name)
    fs.writeFileSync(file, text)
    return file
  }
  const iban = 'HU42117730160000000000000000'
  const a = write(
    'a.xml',
    writeCamt053([{ id: 'A', iban, currency: 'HUF', openingMinor: 0, entries: [entry(1), entry(2, 'out')] }]),
  )
  const b = write(
    'b.xml',
    writeCamt053([{ id: 'B', iban, currency: 'HUF', openingMinor: 0, entries: [entry(2, 'out'), entry(3)] }]),
  )
  const bad = write('bad.txt', 'not a statement\n')

  const one = await run(['import', 'bank', a], env)
  assert.equal(one.code, 0, one.stderr)
  const summary = JSON.parse(one.stdout)
  assert.deepEqual(Object.keys(summary), KEYS)
  assert.deepEqual(summary, {
    format: 'camt.053',
    statements: 1,
    transactions: 2,
    new: 2,
    duplicates: 0,
    matched: 0,
    toReview: 1,
    expenses: 1,
    errors: [],
  })

  const several = await run(['import', 'bank', b, bad], env)
  assert.equal(several.code, 1, 'a refused file makes the exit code 1')
  const [sb, sbad] = JSON.parse(several.stdout)
  assert.equal(sb.new, 1)
  assert.equal(sb.duplicates, 1)
  assert.deepEqual(Object.keys(sbad), KEYS)
  assert.equal(sbad.errors[0].code, 'unknown_format')
  assert.equal(sbad.new, 0)
})
