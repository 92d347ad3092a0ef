import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { FIXTURES } from './parse.test-kit.js'

function cli(args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', 'bank', ...args], {
    encoding: 'utf8',
    // an unusable database URL proves that --dry-run never opens a database
    env: { ...process.env, KABINET_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
  })
  return { code: res.status, out: res.stdout, err: res.stderr }
}

test('dry-run prints one pretty JSON document for one file and exits 0', () => {
  const r = cli(['--dry-run', path.join(FIXTURES, 'camt053/genkgo_camt053.v8.xml')])
  assert.equal(r.code, 0, r.err)
  assert.match(r.out, /^\{\n {2}"format": "camt\.053",\n/)
  const json = JSON.parse(r.out)
  assert.equal(json.transactions.length, 1)
  assert.equal(json.transactions[0].amount, 885)
  assert.equal(json.statements[0].openingBalance, 1815)
})

test('dry-run with several files prints an array in argument order and exits 1 when any file fails', () => {
  const r = cli([
    '--dry-run',
    path.join(FIXTURES, 'mt940/jejik_abnamro.txt'),
    path.join(FIXTURES, '1c-clientbankexchange/dronm_to_bank.txt'),
    path.join(FIXTURES, '1c-clientbankexchange/kilylabs_one_day_utf8.txt'),
  ])
  assert.equal(r.code, 1)
  const json = JSON.parse(r.out)
  assert.deepEqual(
    json.map((x: { format: string; error?: string }) => [x.format, x.error ?? null]),
    [
      ['mt940', null],
      ['1c-clientbankexchange', 'not_a_statement'],
      ['1c-clientbankexchange', null],
    ],
  )
  assert.equal(json[1].transactions.length, 0)
  assert.equal(json[2].transactions.length, 13)
})

test('dry-run CSV with --csv-mapping; a missing file is reported in place', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-bank-cli-'))
  const csv = path.join(dir, 'st.csv')
  const mapping = path.join(dir, 'map.json')
  writeFileSync(csv, 'date;amount;name\n2024-01-02;-12,50;Shop\n')
  writeFileSync(
    mapping,
    JSON.stringify({
      delimiter: ';',
      header: true,
      date: 'date',
      dateFormat: 'YYYY-MM-DD',
      amount: 'amount',
      decimalSeparator: ',',
      counterpartyName: 'name',
      currency: 'EUR',
      ownAccount: 'DE00',
    }),
  )
  const r = cli(['--dry-run', '--csv-mapping', mapping, csv])
  assert.equal(r.code, 0, r.err)
  const json = JSON.parse(r.out)
  assert.equal(json.format, 'csv')
  assert.deepEqual([json.transactions[0].direction, json.transactions[0].amount], ['out', 1250])
  const missing = cli(['--dry-run', path.join(dir, 'nope.txt')])
  assert.equal(missing.code, 1)
  assert.equal(JSON.parse(missing.out).error, 'malformed')
})
