import assert from 'node:assert/strict'
import { test } from 'node:test'
import iconv from 'iconv-lite'
import { parseStatement } from './index.js'
import type { CsvMapping } from './types.js'

const OWN = 'HU42117730161111101800000000'

test('CSV is never auto-detected without a mapping', () => {
  const r = parseStatement(Buffer.from('date;amount\n2024-01-01;1\n'))
  assert.equal(r.format, 'unknown')
  assert.equal(r.error, 'unknown_format')
})

test('signed amount column with header names, comma decimals, fixed currency and own account', () => {
  const csv =
    'Dátum;Összeg;Partner;Számla;Közlemény;Azonosító\n2024.01.05.;-1000,50;x;;;\n' +
    '2024.01.06.;25000;Kovács Béla;11773016-11111018;Számla 2024/1;T-2\n'
  const mapping: CsvMapping = {
    delimiter: ';',
    header: true,
    date: 'Dátum',
    dateFormat: 'YYYY.MM.DD.',
    amount: 'Összeg',
    decimalSeparator: ',',
    counterpartyName: 'Partner',
    counterpartyAccount: 'Számla',
    purpose: 'Közlemény',
    bankTransactionId: 'Azonosító',
    currency: 'HUF',
    ownAccount: OWN,
  }
  const r = parseStatement(iconv.encode(csv, 'windows-1250'), { csv: { ...mapping, encoding: 'windows-1250' } })
  assert.equal(r.format, 'csv')
  assert.equal(r.error, undefined)
  assert.equal(r.transactions.length, 2)
  const [a, b] = r.transactions
  assert.equal(a?.direction, 'out')
  assert.equal(a?.amount, 100050)
  assert.equal(a?.date, '2024-01-05')
  assert.equal(a?.dedupKey, `csv|${OWN}|HUF|2024-01-05|out|100050|||1`)
  assert.equal(b?.direction, 'in')
  assert.equal(b?.amount, 2500000)
  assert.equal(b?.counterpartyName, 'Kovács Béla')
  assert.equal(b?.purpose, 'Számla 2024/1')
  assert.equal(b?.dedupKey, `csv|${OWN}|HUF|T-2`)
  // the same file detected without a declared encoding (not valid UTF-8 → scored latin-2)
  const auto = parseStatement(iconv.encode(csv, 'windows-1250'), { csv: mapping })
  assert.equal(auto.transactions[1]?.counterpartyName, 'Kovács Béla')
})

test('debit/credit columns by index, no header, currency column with aliases, negative-in convention', () => {
  const csv = '01/02/2024,ООО Ромашка,100.00,,руб\n01/02/2024,ООО Ромашка,,50,RUR\n01/02/2024,ООО Ромашка,100.00,,643\n'
  const r = parseStatement(Buffer.from(csv), {
    csv: {
      date: 0,
      dateFormat: 'DD/MM/YYYY',
      counterpartyName: 1,
      debit: 2,
      credit: 3,
      currencyColumn: 4,
      ownAccount: '40702810000000000001',
    },
  })
  assert.equal(r.error, undefined)
  assert.deepEqual(
    r.transactions.map((t) => [t.date, t.direction, t.amount, t.currency, t.dedupKey.endsWith('|1') ? 1 : 2]),
    [
      ['2024-02-01', 'out', 10000, 'RUB', 1],
      ['2024-02-01', 'in', 5000, 'RUB', 1],
      ['2024-02-01', 'out', 10000, 'RUB', 2],
    ],
  )
  const inv = parseStatement(Buffer.from('2024-01-01,-5\n'), {
    csv: {
      date: 0,
      dateFormat: 'YYYY-MM-DD',
      amount: 1,
      signConvention: 'negative-in',
      currency: 'EUR',
      ownAccount: 'X',
    },
  })
  assert.equal(inv.transactions[0]?.direction, 'in')
})

test('CSV errors name the line; bad mappings are reported as mapping problems', () => {
  const m: CsvMapping = {
    header: true,
    date: 'd',
    dateFormat: 'YYYY-MM-DD',
    amount: 'a',
    currency: 'EUR',
    ownAccount: 'X',
  }
  const amount = parseStatement(Buffer.from('d,a\n2024-01-01,1\n2024-01-02,"1,000.00"\n'), { csv: m })
  assert.equal(amount.error, 'invalid_amount')
  assert.equal(amount.meta.line, 3)
  assert.match(amount.meta.message ?? '', /^line 3:/)
  assert.equal(amount.transactions.length, 0)
  const date = parseStatement(Buffer.from('d,a\n2024-13-01,1\n'), { csv: m })
  assert.equal(date.error, 'invalid_date')
  assert.equal(date.meta.line, 2)
  const col = parseStatement(Buffer.from('x,a\n2024-01-01,1\n'), { csv: m })
  assert.equal(col.error, 'malformed')
  assert.match(col.meta.message ?? '', /no column "d"/)
  const mapping = parseStatement(Buffer.from('x'), { csv: { date: 0, dateFormat: 'YYYY-MM-DD' } as CsvMapping })
  assert.equal(mapping.error, 'malformed')
  assert.match(mapping.meta.message ?? '', /amount column/)
})
