import assert from 'node:assert/strict'
import { test } from 'node:test'
import { deflateRawSync } from 'node:zlib'
import { fromPattern, fromXsDate, fromYYMMDD } from './dates.js'
import { detectFormat, parseStatement } from './index.js'
import { currencyExponent, normalizeCurrency, parseMinor, parseSignedMinor } from './money.js'
import { fixture } from './parse.test-kit.js'

test('money: decimal strings to minor units without floats (§0.3)', () => {
  assert.equal(parseMinor('1250000.00', currencyExponent('HUF')), 125000000)
  assert.equal(parseMinor('18.150', 2), 1815)
  assert.equal(parseMinor('231.7400', 2), 23174)
  assert.equal(parseMinor('15000', 2), 1500000)
  assert.equal(parseMinor('3000,', 2, ','), 300000)
  assert.equal(parseMinor(',50', 2, ','), 50)
  assert.equal(parseMinor('0.1', 2), 10)
  assert.equal(parseMinor('1.005', 2), null)
  assert.equal(parseMinor('1,000.00', 2), null)
  assert.equal(parseMinor('1 000.00', 2), null)
  assert.equal(parseMinor('1.5', 2, ','), null)
  assert.equal(parseMinor('', 2), null)
  assert.equal(parseMinor('.', 2), null)
  assert.equal(parseMinor('-1', 2), null)
  assert.equal(parseMinor('2700', currencyExponent('JPY')), 2700)
  assert.equal(parseMinor('1.234', currencyExponent('KWD')), 1234)
  assert.equal(parseMinor('99999999999999999999', 2), null)
  assert.equal(parseSignedMinor('-12.30', 2), -1230)
  assert.equal(parseSignedMinor('-0', 2), 0)
  for (const alias of ['руб', 'руб.', 'RUR', '643', 'RUB']) assert.equal(normalizeCurrency(alias), 'RUB')
  assert.equal(normalizeCurrency(' huf '), 'HUF')
  assert.equal(normalizeCurrency(''), null)
})

test('dates: plain calendar days, offsets ignored, 30/360 clamp, patterns', () => {
  assert.equal(fromXsDate('2017-04-01+02:00'), '2017-04-01')
  assert.equal(fromXsDate('2014-12-31T23:15:00-05:00'), '2014-12-31')
  assert.equal(fromXsDate('2014-02-30'), null)
  assert.deepEqual(fromYYMMDD('160230'), { date: '2016-02-29', clamped: true })
  assert.deepEqual(fromYYMMDD('790101'), { date: '2079-01-01', clamped: false })
  assert.deepEqual(fromYYMMDD('800101'), { date: '1980-01-01', clamped: false })
  assert.equal(fromYYMMDD('161301'), null)
  assert.equal(fromPattern('2024.01.05.', 'YYYY.MM.DD.'), '2024-01-05')
  assert.equal(fromPattern('5/1/24', 'D/M/YY'), '2024-01-05')
  assert.equal(fromPattern('01/05/2024', 'MM/DD/YYYY'), '2024-01-05')
  assert.equal(fromPattern('2024-01-05x', 'YYYY-MM-DD'), null)
})

test('format detection from bytes, not names (§0.2)', () => {
  const cases: [string, string][] = [
    ['1c-clientbankexchange/kilylabs_one_day_cp1251.txt', '1c-clientbankexchange'],
    ['camt053/genkgo_camt053.v8.xml', 'camt.053'],
    ['camt054/genkgo_camt054.v2.xml', 'camt.054'],
    ['mt940/wolph_mbank_mt940.sta', 'mt940'],
    ['mt940/jejik_abnamro.txt', 'mt940'],
    ['mt940/jejik_rabobank.txt', 'mt940'],
    ['commerceml/carono_orders_from_site_cp1251.xml', 'commerceml'],
    ['commerceml/carono_import.xml', 'commerceml'],
  ]
  for (const [file, expected] of cases) assert.equal(detectFormat(fixture(file)), expected, file)
  assert.equal(detectFormat(Buffer.from('date,amount\n2024-01-01,5\n')), 'unknown')
  assert.equal(detectFormat(Buffer.from('<?xml version="1.0"?><html/>')), 'unknown')
  const unknown = parseStatement(Buffer.from('hello'))
  assert.equal(unknown.error, 'unknown_format')
  assert.deepEqual(unknown.transactions, [])
  // UTF-16 with BOM is decoded first
  const text = fixture('1c-clientbankexchange/kilylabs_one_day_utf8.txt').toString('utf8')
  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
  const r = parseStatement(u16)
  assert.equal(r.format, '1c-clientbankexchange')
  assert.equal(r.meta.encoding, 'utf-16le')
  assert.equal(r.transactions.length, 13)
})

function zip(entries: [string, Buffer][]): Buffer {
  const local: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [name, content] of entries) {
    const n = Buffer.from(name)
    const data = deflateRawSync(content)
    const h = Buffer.alloc(30)
    h.writeUInt32LE(0x04034b50, 0)
    h.writeUInt16LE(8, 8)
    h.writeUInt32LE(data.length, 18)
    h.writeUInt32LE(content.length, 22)
    h.writeUInt16LE(n.length, 26)
    local.push(h, n, data)
    const c = Buffer.alloc(46)
    c.writeUInt32LE(0x02014b50, 0)
    c.writeUInt16LE(8, 10)
    c.writeUInt32LE(data.length, 20)
    c.writeUInt32LE(content.length, 24)
    c.writeUInt16LE(n.length, 28)
    c.writeUInt32LE(offset, 42)
    central.push(c, n)
    offset += 30 + n.length + data.length
  }
  const dir = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...local, dir, end])
}

test('ZIP uploads: members parsed like files and merged when of one format; cut archives are truncated', () => {
  const a = fixture('commerceml/carono_orders_from_site_cp1251.xml')
  const b = fixture('commerceml/carono_orders_to_site_cp1251.xml')
  const r = parseStatement(
    zip([
      ['orders-1.xml', a],
      ['dir/orders-2.xml', b],
    ]),
  )
  assert.equal(r.format, 'commerceml')
  assert.equal(r.error, undefined)
  assert.deepEqual(
    r.documents?.map((d) => d.id),
    ['36', '20'],
  )
  assert.deepEqual(r.meta.zipMembers, ['orders-1.xml', 'dir/orders-2.xml'])
  const cut = parseStatement(zip([['orders-1.xml', a]]).subarray(0, 60))
  assert.equal(cut.error, 'truncated')
  const mixed = parseStatement(
    zip([
      ['a.xml', a],
      ['b.sta', fixture('mt940/jejik_abnamro.txt')],
    ]),
  )
  assert.equal(mixed.error, 'malformed')
})
