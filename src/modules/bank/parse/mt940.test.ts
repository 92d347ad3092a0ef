import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseStatement } from './index.js'
import { CONTRACT_KEYS, parseFixture, parseText, sum } from './parse.test-kit.js'

test('betterplace: 26 SEPA statements, 97 lines, funds codes, RCR reversal; every statement balances', () => {
  const r = parseFixture('mt940/betterplace_sepa_mt9401.sta')
  assert.equal(r.format, 'mt940')
  assert.equal(r.error, undefined)
  assert.equal(r.statements?.length, 26)
  assert.equal(r.transactions.length, 97)
  assert.equal(r.meta.warnings, undefined)
  const first = r.statements?.[0]
  assert.deepEqual(first, {
    reference: 'T089413946000001',
    statementNumber: '00004/00001',
    account: '50880050/0194774600888',
    currency: 'EUR',
    openingBalance: -123471836,
    closingBalance: -123762823,
  })
  const firstLines = r.transactions.slice(0, 7)
  assert.equal(-123471836 + sum(firstLines, 'in') - sum(firstLines, 'out'), -123762823)
  const t0 = r.transactions[0]
  assert.ok(t0)
  assert.deepEqual(Object.keys(t0), CONTRACT_KEYS)
  assert.equal(t0.amount, 30000)
  assert.equal(t0.direction, 'in')
  assert.equal(t0.bankTransactionId, '0724710345313905')
  assert.equal(t0.reference, 'TFNR 40005 00005MTLG:Grund nicht spezifiziert Reject aus SEPA-Ueberweisungsauftrag')
  assert.equal(t0.purpose, null)
  const rcr = r.transactions[5]
  assert.equal(rcr?.isReversal, true)
  assert.equal(rcr?.direction, 'out')
  assert.equal(rcr?.amount, 20488)
  assert.equal(rcr?.dedupKey, 'mt940|50880050/0194774600888|EUR|2007-09-04|2007-09-04|out|20488|NONREF|1')
  const named = r.transactions[7]
  assert.equal(named?.counterpartyName, 'Richter Renate 70 Zeichen Beginn Fuellzeichen xxxxxxxx')
  assert.equal(named?.counterpartyAccount, 'DE42100100100043921105')
  assert.equal(named?.counterpartyBankId, 'PBNKDEFF100')
  assert.equal(named?.reference, 'EndToEndIdTFNR2000400001')
})

test('every betterplace account: first opening + its lines = last closing (pages chain)', () => {
  const r = parseFixture('mt940/betterplace_sepa_mt9401.sta')
  const accounts = [...new Set((r.statements ?? []).map((st) => st.account))]
  assert.equal(accounts.length, 20)
  for (const acc of accounts) {
    const pages = (r.statements ?? []).filter((st) => st.account === acc)
    const txs = r.transactions.filter((t) => t.ownAccount === acc)
    const first = pages[0]?.openingBalance ?? 0
    const last = pages[pages.length - 1]?.closingBalance
    assert.equal(first + sum(txs, 'in') - sum(txs, 'out'), last, acc)
  }
})

test('ABN AMRO: header lines, :28:, :60M:, amounts 9, and 11,8, blank line inside a statement', () => {
  const r = parseFixture('mt940/jejik_abnamro.txt')
  assert.equal(r.statements?.length, 2)
  assert.equal(r.transactions.length, 10)
  assert.deepEqual(
    r.statements?.map((s) => [s.statementNumber, s.openingBalance, s.closingBalance]),
    [
      ['19321/1', 323628, 87684],
      ['19322/1', 287684, 184975],
    ],
  )
  assert.equal(r.transactions[0]?.amount, 900)
  assert.equal(r.transactions[3]?.amount, 1180)
  assert.equal(r.transactions[1]?.valueDate, '2011-05-21')
  assert.equal(r.transactions[1]?.date, '2011-05-23')
  assert.equal(r.transactions[6]?.amount, 10700)
  assert.equal(r.transactions[0]?.reference, null)
  assert.equal(
    r.transactions[0]?.purpose,
    'GIRO   428428 KPN - DIGITENNE    BETALINGSKENM.  000000042188659 5314606715                       BETREFT FACTUUR D.D. 20-05-2011 INCL. 1,44 BTW',
  )
  assert.equal(sum(r.transactions, 'out'), 32144 + 2449)
})

test('Rabobank: :940: first line, zero-padded amounts, several :86: per line, empty statements', () => {
  const r = parseFixture('mt940/jejik_rabobank.txt')
  assert.equal(r.statements?.length, 4)
  assert.equal(r.transactions.length, 5)
  assert.equal(r.transactions[0]?.amount, 121328)
  assert.equal(r.transactions[0]?.reference, '0121470966      W.P. Jansen')
  assert.equal(
    r.transactions[0]?.purpose,
    'Terugboeking NIET AKKOORD MET AFSCHRIJVING KOSTEN KINDEROPVANG JUNI 20095731',
  )
  assert.equal(r.statements?.[1]?.openingBalance, r.statements?.[1]?.closingBalance)
  assert.equal(r.statements?.[3]?.account, '1526.89.184EUR')
})

test('Deutsche Bank: ?NN subfields joined across lines, SEPA keywords, space before the type', () => {
  const r = parseFixture('mt940/jejik_deutschebank.txt')
  const t = r.transactions[0]
  assert.equal(r.transactions.length, 1)
  assert.equal(t?.amount, 1235)
  assert.equal(t?.direction, 'out')
  assert.equal(t?.bankTransactionId, '2016021783252833')
  assert.equal(t?.reference, 'A1.200080779.400143254.4961336')
  assert.equal(t?.counterpartyName, 'TESTEREL')
  assert.equal(t?.counterpartyAccount, 'DE50712345600200691329')
  assert.equal(t?.counterpartyBankId, 'CSDBDE71XXX')
  assert.equal(t?.purpose, 'SONSTIGE GRUENDE ENDABRECHNUNG NR. 500106875 ZU VERTRA400143254, KUNDENNUM MER 202227779')
  assert.equal(t?.dedupKey, 'mt940|20070000/0123456601|EUR|2016021783252833')
})

test('mBank: SOH/ETX control bytes, funds code N, IBAN account, balances agree', () => {
  const r = parseFixture('mt940/wolph_mbank_mt940.sta')
  assert.equal(r.transactions.length, 3)
  const st = r.statements?.[0]
  assert.equal(st?.account, 'PL29114010810000267002001002')
  assert.equal((st?.openingBalance ?? 0) + sum(r.transactions, 'in'), st?.closingBalance)
  assert.ok(r.transactions.every((t) => t.amount === 1 && t.currency === 'PLN' && t.direction === 'in'))
  assert.equal(r.transactions[0]?.bankTransactionId, 'MB170119012058')
  assert.match(r.transactions[0]?.purpose ?? '', /^911 TRANSAKCJA COLLECT; ID IPH: XX000000000001; Z RACH\.: 5611/)
})

test('Raiffeisen HU: cp852 detected by scoring, funds code F, Hungarian accents decoded', () => {
  const r = parseFixture('mt940/wolph_raiffeisen_hu_cp852.sta')
  assert.equal(r.meta.encoding, 'cp852')
  assert.equal(r.transactions.length, 7)
  assert.equal(r.statements?.[0]?.account, 'UBRTHUHB/123456789150ABCDEF002/HUF')
  assert.equal(r.statements?.[0]?.currency, 'HUF')
  assert.equal(r.transactions[0]?.amount, 206663700)
  assert.equal(r.transactions[0]?.direction, 'in')
  assert.equal(r.transactions[1]?.amount, 1479000)
  assert.equal(r.transactions[1]?.direction, 'out')
  assert.match(r.transactions[0]?.purpose ?? '', /napi összevont utánvét/)
  assert.equal(r.transactions[0]?.reference, null)
  assert.equal(r.transactions[0]?.dedupKey, 'mt940|UBRTHUHB/123456789150ABCDEF002/HUF|HUF|2018-04-17||in|206663700||1')
})

test('Sberbank HU: UTF-8 with U+FFFD kept, proprietary :NS: fields ignored, balances agree', () => {
  const r = parseFixture('mt940/wolph_sberbank_hu_171011_01234945.sta')
  assert.equal(r.meta.encoding, 'utf-8')
  assert.equal(r.transactions.length, 3)
  const st = r.statements?.[0]
  assert.equal(st?.statementNumber, '00046')
  assert.equal((st?.openingBalance ?? 0) - sum(r.transactions, 'out'), st?.closingBalance)
  assert.equal(r.transactions[0]?.reference, 'X')
  assert.equal(r.transactions[0]?.purpose, null)
})

function mt(lines: string[]): string {
  return `${[':20:STMT1', ':25:HU42117730161111101800000000', ':28C:1/1', ':60F:C231229HUF1000,00', ...lines, ':62F:C240102HUF1000,00', '-'].join('\r\n')}\r\n`
}

test('entry date across the year end, 30/360 value dates clamped with a warning, /TAG/ layout', () => {
  const r = parseText(
    mt([
      ':61:2312310102C100,00NTRFEREF123//B1',
      ':86:/TRTP/SEPA OVERBOEKING/IBAN/NL12RABO0123456789/BIC/RABONL2U/NAME/J. Jansen/REMI/USTD//Factuur 2023/12 betaling/EREF/E-77/',
      ':61:1602300301D100,00NCHGNONREF',
      ':86:Kosten',
    ]).replace(':62F:C240102HUF1000,00', ':62F:C240102HUF1000,00'),
  )
  assert.equal(r.error, undefined)
  const [a, b] = r.transactions
  assert.equal(a?.valueDate, '2023-12-31')
  assert.equal(a?.date, '2024-01-02')
  assert.equal(a?.counterpartyName, 'J. Jansen')
  assert.equal(a?.counterpartyAccount, 'NL12RABO0123456789')
  assert.equal(a?.counterpartyBankId, 'RABONL2U')
  assert.equal(a?.purpose, 'Factuur 2023/12 betaling')
  assert.equal(a?.reference, 'E-77')
  assert.equal(b?.valueDate, '2016-02-29')
  assert.equal(b?.date, '2016-03-01')
  assert.equal(b?.purpose, 'Kosten')
  assert.match((r.meta.warnings as string[]).join('\n'), /160230/)
})

test('RD is money in, RC money out; identical lines without bank reference get counted keys; SWIFT envelope', () => {
  const body = mt([':61:240101RD5,NTRFNONREF', ':61:240101RC5,NTRFNONREF', ':61:240101RC5,NTRFNONREF'])
  const r = parseText(
    `{1:F01BANKHUHBAXXX0000000000}{2:O9401200240101BANKHUHBAXXX00000000002401011200N}{4:\r\n${body.replace(/-\r\n$/, '-}\r\n')}`,
  )
  assert.equal(r.meta.envelope, 'swift')
  assert.deepEqual(
    r.transactions.map((t) => [t.direction, t.isReversal, t.dedupKey]),
    [
      ['in', true, 'mt940|HU42117730161111101800000000|HUF|2024-01-01||in|500|NONREF|1'],
      ['out', true, 'mt940|HU42117730161111101800000000|HUF|2024-01-01||out|500|NONREF|1'],
      ['out', true, 'mt940|HU42117730161111101800000000|HUF|2024-01-01||out|500|NONREF|2'],
    ],
  )
})

test('MT940 errors carry the line: bad amount, bad date, missing balance', () => {
  const amount = parseText(mt([':61:240101C1.000,00NTRFNONREF']))
  assert.equal(amount.error, 'invalid_amount')
  assert.equal(amount.meta.line, 5)
  assert.match(amount.meta.message ?? '', /^line 5:/)
  const date = parseText(mt([':61:241301C1,00NTRFNONREF']))
  assert.equal(date.error, 'invalid_date')
  assert.equal(date.meta.line, 5)
  const cut = mt([':61:240101C1,00NTRFNONREF', ':86:Purpose cut her'])
  const truncated = parseText(cut.slice(0, cut.indexOf(':62F:')))
  assert.equal(truncated.error, 'truncated')
  assert.match(truncated.meta.message ?? '', /no closing balance/)
  assert.equal(truncated.transactions.length, 0)
  const badBal = parseText(
    mt([':61:240101C1,00NTRFNONREF']).replace(':60F:C231229HUF1000,00', ':60F:C2312X9HUF1000,00'),
  )
  assert.equal(badBal.error, 'malformed')
  assert.equal(badBal.meta.line, 4)
  assert.equal(badBal.transactions.length, 0)
})

test('windows-1250 vs windows-1252 tie rule: ő/ű bytes choose windows-1250', () => {
  const [head, tail] = mt([':61:240101C1,00NTRFNONREF', ':86:XX']).split('XX') as [string, string]
  const hu = parseStatement(
    Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from([0x46, 0xf5, 0x20, 0xfb]), Buffer.from(tail, 'latin1')]),
  )
  assert.equal(hu.meta.encoding, 'windows-1250')
  assert.equal(hu.transactions[0]?.purpose, 'Fő ű')
  const de = parseStatement(Buffer.from(`${head}Gebühr Straße${tail}`, 'latin1'))
  assert.equal(de.meta.encoding, 'windows-1252')
  assert.equal(de.transactions[0]?.purpose, 'Gebühr Straße')
})
