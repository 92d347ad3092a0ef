import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkBankAccounts, formatIban, ibanValid, looksLikeIban, makeIban } from './bank-accounts.js'

test('IBAN mod-97 check digits: valid and mistyped samples', () => {
  const cases: [string, boolean][] = [
    ['HU42117730161111101800000000', true],
    ['HU42 1177 3016 1111 1018 0000 0000', true],
    ['GB82WEST12345698765432', true],
    ['gb82 west 1234 5698 7654 32', true],
    ['DE89370400440532013000', true],
    ['CH9300762011623852957', true],
    ['GB82WEST12345698765433', false], // last digit typed wrong
    ['GB28WEST12345698765432', false], // check digits swapped
    ['HU42117730161111101800000001', false],
    ['DE89370400440532013001', false],
  ]
  for (const [iban, valid] of cases) assert.equal(ibanValid(iban), valid, iban)
})

test('makeIban computes check digits that ibanValid accepts', () => {
  assert.equal(makeIban('GB', 'WEST12345698765432'), 'GB82WEST12345698765432')
  assert.equal(makeIban('DE', '370400440532013000'), 'DE89370400440532013000')
  assert.ok(ibanValid(makeIban('HU', '117730161111101800000000')))
})

test('bank rows: only IBAN-shaped numbers get the IBAN check; IBANs are grouped by four', () => {
  assert.equal(looksLikeIban('40702810900000012345'), false, 'a Russian account number is not an IBAN')
  const errors: Record<string, string> = {}
  const rows = checkBankAccounts(
    [
      { bankName: 'Barclays', account: 'gb82west12345698765432', bic: 'barcgb22', currency: 'gbp' },
      { bankName: 'ПАО Сбербанк', account: '40702810900000012345', bic: '044525225', currency: 'RUB' },
      { bankName: 'X', account: 'GB82WEST12345698765433', bic: 'NOTABIC', currency: 'XXXX' },
      { bankName: '', account: '', bic: '', currency: '' },
    ],
    errors,
  )
  assert.deepEqual(errors, {
    bank_account_2: 'clients.iban_invalid',
    bank_bic_2: 'clients.bic_invalid',
    bank_currency_2: 'clients.currency_invalid',
  })
  assert.equal(rows[0]?.account, 'GB82 WEST 1234 5698 7654 32')
  assert.equal(rows[0]?.bic, 'BARCGB22')
  assert.equal(rows[0]?.currency, 'GBP')
  assert.equal(rows[1]?.account, '40702810900000012345')
  assert.equal(rows.length, 3, 'the blank spare row is dropped')
  assert.equal(formatIban('HU42117730161111101800000000'), 'HU42 1177 3016 1111 1018 0000 0000')
})
