import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkKpp,
  checkTaxId,
  hungarianPersonalTaxIdValid,
  hungarianTaxNumberValid,
  russianInnValid,
} from './tax-id.js'

test('Hungarian adószám: the 8th digit checks the first seven (weights 9,7,3,1,9,7,3)', () => {
  const cases: [string, boolean][] = [
    ['10625790444', true], // MOL Nyrt. 10625790-4-44
    ['10537914444', true], // OTP Bank 10537914-4-44
    ['10773381244', true], // Magyar Telekom 10773381-2-44
    ['12345676241', true],
    ['12345677241', false], // check digit off by one
    ['10625791444', false],
    ['1062579044', false], // ten digits
    ['1062579a444', false],
  ]
  for (const [number, valid] of cases) assert.equal(hungarianTaxNumberValid(number), valid, number)
})

test('checkTaxId for HU accepts the usual spellings, stores 8-1-2, and names what is wrong', () => {
  const cases: [string, { value?: string; problem?: string }][] = [
    ['10625790-4-44', { value: '10625790-4-44' }],
    ['10625790444', { value: '10625790-4-44' }],
    [' 10625790 4 44 ', { value: '10625790-4-44' }],
    ['HU10625790', { value: 'HU10625790' }], // EU VAT number
    ['HU10625791', { problem: 'clients.tax_id.hu_checksum' }],
    ['10625791-4-44', { problem: 'clients.tax_id.hu_checksum' }],
    ['10625790-7-44', { problem: 'clients.tax_id.hu_vat_code' }],
    ['10625790-0-44', { problem: 'clients.tax_id.hu_vat_code' }],
    ['1062579-4-44', { problem: 'clients.tax_id.hu_format' }],
    ['ABC', { problem: 'clients.tax_id.hu_format' }],
    ['8123456786', { value: '8123456786' }], // adóazonosító jel of a private person
    ['8123456787', { problem: 'clients.tax_id.hu_personal_checksum' }],
  ]
  for (const [raw, expected] of cases) {
    const got = checkTaxId('HU', raw)
    if (expected.value) assert.deepEqual(got, { ok: true, value: expected.value }, raw)
    else assert.deepEqual(got, { ok: false, problem: expected.problem }, raw)
  }
  assert.equal(hungarianPersonalTaxIdValid('8123456786'), true)
  assert.equal(hungarianPersonalTaxIdValid('7123456786'), false, 'a personal tax id starts with 8')
})

test('Russian ИНН: 10 digits with one check digit, 12 digits with two', () => {
  const cases: [string, boolean][] = [
    ['7707083893', true], // Sberbank
    ['7736050003', true], // Gazprom
    ['7736207543', true], // Yandex
    ['7707083894', false],
    ['500100732259', true],
    ['500100732258', false], // 12th digit wrong
    ['500100732269', false], // 11th digit wrong
    ['77070838931', false], // 11 digits
    ['770708389', false],
  ]
  for (const [inn, valid] of cases) assert.equal(russianInnValid(inn), valid, inn)
  assert.deepEqual(checkTaxId('RU', '7707 083 893'), { ok: true, value: '7707083893' })
  assert.deepEqual(checkTaxId('RU', '7707083894'), { ok: false, problem: 'clients.tax_id.ru_checksum' })
  assert.deepEqual(checkTaxId('RU', '12345'), { ok: false, problem: 'clients.tax_id.ru_format' })
})

test('КПП: 9 characters, only for a Russian organisation', () => {
  const cases: [string, string | null, string, { value?: string; problem?: string }][] = [
    ['RU', '7707083893', '773601001', { value: '773601001' }],
    ['RU', '7707083893', '7736AB001', { value: '7736AB001' }],
    ['RU', '7707083893', '7736ab001', { value: '7736AB001' }],
    ['RU', '7707083893', '77360100', { problem: 'clients.kpp_format' }],
    ['RU', '7707083893', '77360100X', { problem: 'clients.kpp_format' }],
    ['RU', '500100732259', '773601001', { problem: 'clients.kpp_only_ru_organisations' }],
    ['HU', '10625790-4-44', '773601001', { problem: 'clients.kpp_only_ru_organisations' }],
  ]
  for (const [country, taxId, kpp, expected] of cases) {
    const got = checkKpp(country, taxId, kpp)
    if (expected.value) assert.deepEqual(got, { ok: true, value: expected.value }, kpp)
    else assert.deepEqual(got, { ok: false, problem: expected.problem }, `${country} ${taxId} ${kpp}`)
  }
})

test('other countries: a plain format check, upper-cased', () => {
  assert.deepEqual(checkTaxId('DE', 'de123456789'), { ok: true, value: 'DE123456789' })
  assert.deepEqual(checkTaxId('CH', 'CHE-123.456.789'), { ok: true, value: 'CHE-123.456.789' })
  assert.deepEqual(checkTaxId('DE', '<script>'), { ok: false, problem: 'clients.tax_id.other_format' })
})
