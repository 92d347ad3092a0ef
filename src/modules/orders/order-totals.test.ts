import assert from 'node:assert/strict'
import { test } from 'node:test'
import { documentTotals, lineAmounts, parseQuantity, quantityText } from './order-totals.js'

test('a line: net = quantity × unit price and VAT on that net, each rounded half-up to the minor unit', () => {
  // [quantity (thousandths), unit price (minor), VAT (bp)] → [net, vat, total]
  const cases: [number, number, number, number, number, number][] = [
    [1000, 1000, 2700, 1000, 270, 1270],
    [3000, 333, 2700, 999, 270, 1269], // 269.73 → 270
    [1500, 15, 2700, 23, 6, 29], // 22.5 → 23 (half-up), VAT 6.21 → 6
    [500, 1, 2000, 1, 0, 1], // 0.5 → 1; VAT 0.2 → 0
    [2500, 1, 2000, 3, 1, 4], // 2.5 → 3; VAT 0.6 → 1
    [1000, 250, 1800, 250, 45, 295],
    [1000, 50, 500, 50, 3, 53], // VAT 2.5 → 3 (half-up, not to even)
    [1000, 150, 500, 150, 8, 158], // VAT 7.5 → 8
    [1000, 10, 2700, 10, 3, 13], // VAT 2.7 → 3
    [1000, 12_345, 0, 12_345, 0, 12_345],
    [1, 999, 2700, 1, 0, 1], // 0.999 → 1
    [1_000_000_000, 1_000_000_000, 2700, 1_000_000_000_000_000, 270_000_000_000_000, 1_270_000_000_000_000], // the bounds
  ]
  for (const [qty, price, rate, net, vat, total] of cases) {
    assert.deepEqual(lineAmounts(qty, price, rate), { net, vat, total }, `${qty}×${price} @${rate}`)
  }
})

test('a document total is the sum of its rounded lines, not VAT on the sum', () => {
  // Three lines of 0.05 net at 27%: each VAT 0.0135 → 0.01; VAT on the sum (0.15 → 0.0405) would give 0.04.
  const lines = [1, 2, 3].map(() => ({ quantityMilli: 1000, unitPriceMinor: 5, vatRateBp: 2700 }))
  assert.deepEqual(documentTotals(lines), { net: 15, vat: 3, total: 18, priced: true })
  const mixed = documentTotals([
    { quantityMilli: 2000, unitPriceMinor: 12_990, vatRateBp: 2700 },
    { quantityMilli: 1000, unitPriceMinor: null, vatRateBp: null },
  ])
  assert.deepEqual(mixed, { net: 25_980, vat: 7015, total: 32_995, priced: false })
})

test('quantities as people type them, in thousandths', () => {
  const cases: [string, ',' | '.', number | null][] = [
    ['2', '.', 2000],
    ['1.5', '.', 1500],
    ['1,5', ',', 1500],
    ['1,5', '.', 1500], // a comma typed in an English form
    ['0,250', ',', 250],
    ['1 000', ',', 1_000_000],
    ['1,000', '.', null], // thousands or a decimal? refused rather than guessed
    ['0', '.', null],
    ['-1', '.', null],
    ['1.2345', '.', null],
    ['abc', '.', null],
    ['', '.', null],
  ]
  for (const [text, sep, want] of cases) assert.equal(parseQuantity(text, sep), want, `${text} (${sep})`)
  assert.equal(quantityText(1500, ','), '1,5')
  assert.equal(quantityText(2000, '.'), '2')
  assert.equal(quantityText(250, '.'), '0.25')
})
