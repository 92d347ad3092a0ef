import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ValidationError } from '../errors.js'
import {
  checkCompanyInput,
  companyInputFrom,
  ibanChecksumValid,
  looksLikeIban,
  numberingExample,
  numberingProblem,
  parseVatRates,
} from './company-form.js'
import { DEFAULTS } from './settings-store.js'

test('IBAN check digits are verified modulo 97', () => {
  assert.equal(ibanChecksumValid('HU42 1177 3016 1111 1018 0000 0000'), true)
  assert.equal(ibanChecksumValid('DE89370400440532013000'), true)
  assert.equal(ibanChecksumValid('GB82 WEST 1234 5698 7654 32'), true)
  assert.equal(ibanChecksumValid('HU43 1177 3016 1111 1018 0000 0000'), false)
  assert.equal(ibanChecksumValid('DE89370400440532013001'), false)
})

test('only account numbers written as an IBAN are treated as one', () => {
  assert.equal(looksLikeIban('hu42 1177-3016 1111 1018 0000 0000'), true)
  assert.equal(looksLikeIban('11773016-11111018-00000000'), false)
  assert.equal(looksLikeIban('40702810900000012345'), false)
})

test('VAT rates are read as percentages and kept as basis points', () => {
  assert.deepEqual(parseVatRates('0, 5, 18, 27'), [0, 500, 1800, 2700])
  assert.deepEqual(parseVatRates('27;5 5.5 0'), [0, 500, 550, 2700])
  assert.deepEqual(parseVatRates('18%, 18'), [1800])
  assert.equal(parseVatRates(''), null)
  assert.equal(parseVatRates('5, abc'), null)
  assert.equal(parseVatRates('101'), null)
  assert.equal(parseVatRates('5.555'), null)
})

test('a numbering template needs exactly one counter and known placeholders', () => {
  assert.equal(numberingProblem('INV-{YYYY}-{NNNNNN}'), null)
  assert.equal(numberingProblem('{YY}{MM}/{N}'), null)
  assert.equal(numberingProblem('INV-{YYYY}'), 'settings.numbering_no_counter')
  assert.equal(numberingProblem('{NNN}-{NN}'), 'settings.numbering_two_counters')
  assert.equal(numberingProblem('{DD}-{NNN}'), 'settings.numbering_unknown_placeholder')
  assert.equal(numberingProblem('INV-{NNN'), 'settings.numbering_unknown_placeholder')
  assert.equal(numberingProblem(''), 'form.required')
  assert.equal(numberingExample('INV-{YY}{MM}-{NNNN}', new Date('2026-03-05T10:00:00Z'), 7), 'INV-2603-0007')
})

test('the company form keeps images, normalises the IBAN and names every wrong field', () => {
  const logo = { sha256: 'a'.repeat(64), mime: 'image/png' }
  const current = { ...DEFAULTS.company, logo }
  const input = {
    ...companyInputFrom(current),
    legalName: ' Példa Kft. ',
    bankAccounts: [
      { bankName: 'OTP', account: 'hu42117730161111101800000000', bic: 'otpvhuhb', currency: 'huf' },
      { bankName: '', account: '', bic: '', currency: '' },
    ],
    vatRates: '27, 5, 0',
    timeZone: 'UTC',
  }
  const saved = checkCompanyInput(input, current)
  assert.equal(saved.legalName, 'Példa Kft.')
  assert.deepEqual(saved.logo, logo)
  assert.deepEqual(saved.bankAccounts, [
    { bankName: 'OTP', account: 'HU42 1177 3016 1111 1018 0000 0000', bic: 'OTPVHUHB', currency: 'HUF' },
  ])
  assert.deepEqual(saved.vatRates, [0, 500, 2700])

  const wrong = {
    ...input,
    legalName: '',
    email: 'not-an-address',
    bankAccounts: [{ bankName: 'OTP', account: 'HU43117730161111101800000000', bic: 'XX', currency: 'ZZZ' }],
    defaultCurrency: 'EURO',
    vatRates: 'five',
    timeZone: 'Mars/Olympus',
    defaultLocale: 'de',
    numbering: { invoice: 'INV-{YYYY}' },
  }
  const err = (() => {
    try {
      checkCompanyInput(wrong, current)
    } catch (e) {
      return e
    }
  })()
  assert.ok(err instanceof ValidationError)
  assert.deepEqual(err.fields, {
    legal_name: 'form.required',
    email: 'form.email',
    bank_account_0: 'settings.iban_invalid',
    bank_bic_0: 'settings.bic_invalid',
    bank_currency_0: 'settings.currency_invalid',
    default_currency: 'settings.currency_invalid',
    vat_rates: 'settings.vat_rates_invalid',
    time_zone: 'settings.time_zone_invalid',
    default_locale: 'form.invalid_choice',
    numbering_invoice: 'settings.numbering_no_counter',
  })
})
