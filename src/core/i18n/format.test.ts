import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  currencyDigits,
  dateInZone,
  formatDate,
  formatDateTime,
  formatMoney,
  formatPercent,
  minorToDecimal,
} from './format.js'

// ICU puts no-break and narrow no-break spaces in numbers; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

test('formatMoney per locale, from integer minor units', () => {
  assert.equal(plain(formatMoney('en', 123456789, 'HUF')), 'HUF 1,234,567.89')
  assert.equal(plain(formatMoney('hu', 123456789, 'HUF')), '1 234 567,89 Ft')
  assert.equal(plain(formatMoney('ru', 123456789, 'HUF')), '1 234 567,89 HUF')
  assert.equal(plain(formatMoney('en', 199, 'EUR')), '€1.99')
  assert.equal(plain(formatMoney('hu', 199, 'EUR')), '1,99 EUR')
  assert.equal(plain(formatMoney('ru', 199, 'EUR')), '1,99 €')
  assert.equal(plain(formatMoney('ru', 100, 'RUB')), '1,00 ₽')
  assert.equal(plain(formatMoney('en', -5, 'EUR')), '-€0.05')
  assert.equal(plain(formatMoney('en', 1234, 'JPY')), 'JP¥1,234')
  assert.equal(plain(formatMoney('en', 1234567, 'KWD')), 'KWD 1,234.567')
})

test('formatMoney is exact beyond what floats carry', () => {
  assert.equal(plain(formatMoney('en', 900719925474099, 'EUR')), '€9,007,199,254,740.99')
  assert.equal(plain(formatMoney('hu', 100000000000001, 'EUR')), '1 000 000 000 000,01 EUR')
})

test('minorToDecimal writes the exact decimal', () => {
  assert.equal(minorToDecimal(123456, 'EUR'), '1234.56')
  assert.equal(minorToDecimal(5, 'EUR'), '0.05')
  assert.equal(minorToDecimal(-5, 'EUR'), '-0.05')
  assert.equal(minorToDecimal(0, 'EUR'), '0.00')
  assert.equal(minorToDecimal(1234, 'JPY'), '1234')
  assert.equal(minorToDecimal(1, 'KWD'), '0.001')
})

test('currency digits follow ISO 4217, HUF keeps two', () => {
  assert.equal(currencyDigits('HUF'), 2)
  assert.equal(currencyDigits('EUR'), 2)
  assert.equal(currencyDigits('JPY'), 0)
  assert.equal(currencyDigits('KWD'), 3)
})

test('formatDate per locale, the plain date unchanged by time zones', () => {
  assert.equal(formatDate('en', '2026-03-07'), '07/03/2026')
  assert.equal(formatDate('hu', '2026-03-07'), '2026. 03. 07.')
  assert.equal(formatDate('ru', '2026-03-07'), '07.03.2026')
  assert.equal(formatDate('en', '2026-12-31T23:59:59Z'), '31/12/2026', 'a timestamp is cut to its date')
  assert.equal(formatDate('en', null), '')
  assert.equal(formatDate('en', ''), '')
  assert.equal(formatDate('en', 'garbage'), 'garbage', 'shown as stored, not a crash')
})

test('formatDateTime shows a UTC instant in the company’s zone', () => {
  assert.equal(plain(formatDateTime('en', '2026-03-07T23:30:00Z', 'Europe/Budapest')), '08/03/2026, 00:30')
  assert.equal(plain(formatDateTime('hu', '2026-07-01T10:00:00Z', 'Europe/Budapest')), '2026. 07. 01. 12:00')
  assert.equal(plain(formatDateTime('ru', '2026-07-01T10:00:00Z', 'Europe/Moscow')), '01.07.2026, 13:00')
  assert.equal(formatDateTime('en', null, 'UTC'), '')
  assert.equal(formatDateTime('en', 'garbage', 'UTC'), 'garbage')
  assert.equal(dateInZone('2026-03-07T23:30:00Z', 'Europe/Budapest'), '2026-03-08')
  assert.equal(dateInZone('2026-03-07T23:30:00Z', 'America/New_York'), '2026-03-07')
})

test('formatPercent per locale', () => {
  assert.equal(plain(formatPercent('en', 0.1234)), '12.3%')
  assert.equal(plain(formatPercent('hu', 0.1234)), '12,3%')
  assert.equal(plain(formatPercent('ru', 0.1234)), '12,3 %')
})
