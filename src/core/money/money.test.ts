import assert from 'node:assert/strict'
import { test } from 'node:test'
import { divRoundHalfUp, isCurrencyCode, lineNet, parseAmount, vatOf } from './money.js'

test('parseAmount reads what people type, in minor units', () => {
  const cases: [string, string, ',' | '.', number | null][] = [
    ['1 234,56', 'EUR', ',', 123456],
    ['1\u00a0234,56', 'HUF', ',', 123456],
    ['1\u202f234,56', 'RUB', ',', 123456],
    ['1.234,56', 'EUR', ',', 123456],
    ['1,234.56', 'EUR', '.', 123456],
    ['1234.5', 'EUR', '.', 123450],
    ['1234', 'EUR', '.', 123400],
    ['-12', 'EUR', '.', -1200],
    ['+7', 'EUR', '.', 700],
    ['5.', 'EUR', '.', 500],
    ['0,05', 'EUR', ',', 5],
    ["1'234.50", 'CHF', '.', 123450],
    ['1.234.567', 'HUF', ',', 123456700],
    ['1,234,567.89', 'USD', '.', 123456789],
    // The other separator alone with one or two digits was meant as the decimal point.
    ['1,5', 'EUR', '.', 150],
    ['12.25', 'HUF', ',', 1225],
    // With three digits it is a thousands separator.
    ['1,234', 'EUR', '.', 123400],
    ['1.500', 'HUF', ',', 150000],
    // Currencies without or with three minor digits.
    ['1500', 'JPY', '.', 1500],
    ['1,5', 'JPY', '.', null],
    ['1.250', 'KWD', '.', 1250],
    ['1234,567', 'KWD', '.', 1234567],
  ]
  for (const [input, currency, sep, expected] of cases) {
    assert.equal(parseAmount(input, currency, sep), expected, `${JSON.stringify(input)} ${currency} ${sep}`)
  }
})

test('parseAmount refuses what is not an amount', () => {
  for (const input of [
    '',
    '   ',
    '-',
    'abc',
    '12abc',
    '1e5',
    '0x10',
    '1.2.3',
    '1..5',
    '.5',
    '--5',
    '€ 12',
    '１２',
    '0.001',
    '1,23,4',
    '12,34,56',
    '1,2345',
    '1,.5',
    'Infinity',
    'NaN',
    '99999999999999',
  ]) {
    assert.equal(parseAmount(input, 'EUR', '.'), null, JSON.stringify(input))
  }
  assert.equal(parseAmount('1,,5', 'EUR', ','), null)
  assert.equal(parseAmount('1.,5', 'EUR', ','), null)
  assert.equal(parseAmount(',5', 'EUR', ','), null)
})

test('parseAmount keeps within safe integers', () => {
  assert.equal(parseAmount('90071992547410', 'EUR'), null)
  assert.equal(parseAmount('90071992547409.99', 'EUR'), null)
  assert.equal(parseAmount('90071992547409.91', 'EUR'), 9007199254740991)
  assert.equal(parseAmount('9007199254740', 'EUR'), 900719925474000)
  assert.equal(parseAmount('-9007199254740.99', 'EUR'), -900719925474099)
})

test('divRoundHalfUp rounds halves away from zero, exactly', () => {
  assert.equal(divRoundHalfUp(5n, 10n), 1n)
  assert.equal(divRoundHalfUp(4n, 10n), 0n)
  assert.equal(divRoundHalfUp(15n, 10n), 2n)
  assert.equal(divRoundHalfUp(25n, 10n), 3n, 'not banker’s rounding')
  assert.equal(divRoundHalfUp(-5n, 10n), -1n)
  assert.equal(divRoundHalfUp(-25n, 10n), -3n)
  assert.equal(divRoundHalfUp(5n, -10n), -1n)
  assert.equal(divRoundHalfUp(-5n, -10n), 1n)
  assert.equal(divRoundHalfUp(0n, 7n), 0n)
  assert.equal(divRoundHalfUp(10n ** 30n + 5n, 10n), 10n ** 29n + 1n)
})

test('vatOf rounds each line half-up to the minor unit', () => {
  assert.equal(vatOf(10000, 2700), 2700)
  assert.equal(vatOf(1, 2700), 0, '0.27')
  assert.equal(vatOf(2, 2700), 1, '0.54')
  assert.equal(vatOf(5, 1000), 1, '0.5 rounds up')
  assert.equal(vatOf(15, 500), 1, '0.75')
  assert.equal(vatOf(10, 500), 1, '0.5 rounds up')
  assert.equal(vatOf(-10, 500), -1, 'a credit line rounds away from zero too')
  assert.equal(vatOf(12345, 0), 0)
  assert.equal(vatOf(33333, 2000), 6667, '6666.6')
  assert.equal(vatOf(1999, 1800), 360, '359.82')
  // Floats would get this one wrong: 1.005 * 100 is 100.49999…
  assert.equal(vatOf(201, 5000), 101, '100.5')
  assert.equal(vatOf(900719925474099, 2700), 243194379878007, 'big amounts stay exact')
})

test('lineNet multiplies a quantity in thousandths by the unit price, half-up', () => {
  assert.equal(lineNet(1000, 1999), 1999)
  assert.equal(lineNet(2500, 1999), 4998, '4997.5')
  assert.equal(lineNet(1500, 333), 500, '499.5')
  assert.equal(lineNet(333, 1), 0, '0.333')
  assert.equal(lineNet(500, 1), 1, '0.5')
  assert.equal(lineNet(-1500, 333), -500)
  assert.equal(lineNet(0, 12345), 0)
  assert.equal(lineNet(1, 499), 0, '0.499')
  assert.equal(lineNet(1, 500), 1, '0.5')
})

test('a document total is the sum of rounded lines, not the rounded sum', () => {
  const lines = [
    { qty: 1000, price: 1 },
    { qty: 1000, price: 1 },
    { qty: 1000, price: 1 },
  ]
  const vat = lines.reduce((sum, l) => sum + vatOf(lineNet(l.qty, l.price), 5000), 0)
  assert.equal(vat, 3, 'each 0.5 rounds up to 1')
})

test('isCurrencyCode wants three capital letters', () => {
  assert.ok(isCurrencyCode('EUR') && isCurrencyCode('HUF'))
  for (const bad of ['eur', 'EURO', 'E1R', '', ' EUR']) assert.ok(!isCurrencyCode(bad), bad)
})
