import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CONTRACT_KEYS, parseFixture, parseText, sum } from './parse.test-kit.js'

test('kilylabs cp1251 sample: 13 documents, directions by own account and by date fallback, totals match the account section', () => {
  const r = parseFixture('1c-clientbankexchange/kilylabs_one_day_cp1251.txt')
  assert.equal(r.error, undefined)
  assert.equal(r.format, '1c-clientbankexchange')
  assert.equal(r.meta.encoding, 'windows-1251')
  assert.equal(r.meta.lineEnding, 'CRLF')
  assert.equal(r.meta.formatVersion, '1.02')
  assert.equal(r.transactions.length, 13)
  assert.equal(r.droppedDuplicates, 0)
  assert.deepEqual(r.accounts, [
    {
      account: '40702810200000000001',
      openingBalance: 4532991,
      totalIn: 4000000,
      totalOut: 4118400,
      closingBalance: 4414591,
      currency: 'RUB',
    },
  ])
  const acc = r.accounts?.[0]
  assert.ok(acc)
  assert.equal(sum(r.transactions, 'in'), acc.totalIn)
  assert.equal(sum(r.transactions, 'out'), acc.totalOut)
  assert.equal((acc.openingBalance ?? 0) + sum(r.transactions, 'in') - sum(r.transactions, 'out'), acc.closingBalance)
  assert.equal(r.transactions.filter((t) => t.direction === 'out').length, 10)
  for (const t of r.transactions) assert.deepEqual(Object.keys(t), [...CONTRACT_KEYS, 'documentKind'])
  const first = r.transactions[0]
  assert.deepEqual(first, {
    ownAccount: '40702810200000000001',
    date: '2016-01-11',
    valueDate: null,
    documentDate: '2016-01-11',
    amount: 8323,
    currency: 'RUB',
    direction: 'out',
    counterpartyName: 'Some random payee',
    counterpartyTaxId: '123123123123',
    counterpartyAccount: '61304810100000000002',
    counterpartyBankId: '044525716',
    reference: '697162',
    purpose: 'Some random string',
    bankTransactionId: null,
    isReversal: false,
    dedupKey: '1c|40702810200000000001|out|2016-01-11|697162|8323|61304810100000000002|123123123123',
    documentKind: 'Банковский ордер',
  })
  const last = r.transactions[12]
  assert.equal(last?.direction, 'in')
  assert.equal(last?.amount, 2000000)
  assert.equal(last?.counterpartyName, 'Some random payer')
  assert.equal(last?.counterpartyAccount, '12312312312312312')
  assert.equal(last?.documentKind, 'Платежное поручение')
  // document number 1 appears twice (out and in) and stays two postings with distinct keys
  const keys = new Set(r.transactions.map((t) => t.dedupKey))
  assert.equal(keys.size, 13)
})

test('the UTF-8 twin (header still says Кодировка=Windows) gives identical transactions', () => {
  const a = parseFixture('1c-clientbankexchange/kilylabs_one_day_cp1251.txt')
  const b = parseFixture('1c-clientbankexchange/kilylabs_one_day_utf8.txt')
  assert.equal(b.meta.encoding, 'utf-8')
  assert.deepEqual(b.transactions, a.transactions)
  assert.deepEqual(b.accounts, a.accounts)
})

test('condo 1.03 sample: integer amounts, empty and zero INN/KPP, payment request kind', () => {
  const r = parseFixture('1c-clientbankexchange/condo_1CClientBankExchange.txt')
  assert.equal(r.error, undefined)
  assert.equal(r.meta.formatVersion, '1.03')
  assert.equal(r.meta.lineEnding, 'LF')
  assert.equal(r.transactions.length, 4)
  const [req, inc1, inc2, out] = r.transactions
  assert.equal(req?.amount, 70000)
  assert.equal(req?.direction, 'out')
  assert.equal(req?.documentKind, 'Платежное требование')
  assert.equal(req?.counterpartyName, 'Филиал Получателя ПАО Банка "ФК Тестовый"')
  assert.equal(inc1?.direction, 'in')
  assert.equal(inc1?.counterpartyTaxId, null)
  assert.equal(inc1?.counterpartyName, 'Иванов Иван Иванович')
  assert.equal(inc1?.date, '2022-04-15')
  assert.equal(inc1?.dedupKey, '1c|40702810801500116391|in|2022-04-15|6032|105298|40817810009980084396|')
  assert.equal(inc2?.counterpartyTaxId, '667220109459')
  assert.equal(inc2?.amount, 116698)
  assert.equal(out?.amount, 1400000)
  assert.equal(out?.counterpartyBankId, '044525360')
  assert.match(out?.purpose ?? '', /^Щ150\/2\. Оплата/)
  assert.equal(sum(r.transactions, 'in'), 105298 + 116698)
  // the anonymised account section does not add up: reported, not rejected
  assert.ok((r.meta.warnings as string[]).length > 0)
})

test('condo invalid sample (cut after the account section) is rejected as truncated with a line number', () => {
  const r = parseFixture('1c-clientbankexchange/condo_1CClientBankExchange-Invalid.txt')
  assert.equal(r.error, 'truncated')
  assert.equal(r.transactions.length, 0)
  assert.equal(r.meta.line, 19)
  assert.match(r.meta.message ?? '', /line 19/)
})

test('a 1C→bank payment-order export is not a statement', () => {
  const r = parseFixture('1c-clientbankexchange/dronm_to_bank.txt')
  assert.equal(r.error, 'not_a_statement')
  assert.equal(r.transactions.length, 0)
  assert.match(r.meta.message ?? '', /^line 10:/)
})

const OWN1 = '40702810000000000001'
const OWN2 = '40702810000000000002'

function file(docs: string[], opts: { accounts?: string[]; end?: boolean; header?: string[] } = {}): string {
  const accounts = opts.accounts ?? [OWN1]
  const lines = ['1CClientBankExchange', 'ВерсияФормата=1.03', 'Кодировка=Windows', ...(opts.header ?? [])]
  for (const a of accounts) lines.push(`РасчСчет=${a}`)
  for (const a of accounts) lines.push('СекцияРасчСчет', `РасчСчет=${a}`, 'НачальныйОстаток=0', 'КонецРасчСчет')
  lines.push(...docs)
  if (opts.end !== false) lines.push('КонецФайла')
  return `${lines.join('\r\n')}\r\n`
}

function doc(fields: Record<string, string>, kind = 'Платежное поручение'): string {
  return [`СекцияДокумент=${kind}`, ...Object.entries(fields).map(([k, v]) => `${k}=${v}`), 'КонецДокумента'].join(
    '\r\n',
  )
}

test('transfer between two own accounts yields out then in; identical duplicate sections are dropped', () => {
  const transfer = doc({
    Номер: '0017',
    Дата: '01.02.2024',
    Сумма: '1500',
    ПлательщикСчет: OWN1,
    ДатаСписано: '01.02.2024',
    ПлательщикИНН: '7707083893',
    Плательщик: 'ИНН 7707083893 ООО Наша',
    ПолучательСчет: OWN2,
    ДатаПоступило: '02.02.2024',
    ПолучательИНН: '7707083893',
    Получатель: '7707083893, ООО Наша',
    НазначениеПлатежа1: 'Перевод',
    НазначениеПлатежа2: 'собственных средств',
  })
  const r = parseText(file([transfer, transfer], { accounts: [OWN1, OWN2] }), 'windows-1251')
  assert.equal(r.error, undefined)
  assert.equal(r.droppedDuplicates, 1)
  assert.equal(r.transactions.length, 2)
  const [out, inc] = r.transactions
  assert.equal(out?.direction, 'out')
  assert.equal(out?.ownAccount, OWN1)
  assert.equal(out?.date, '2024-02-01')
  assert.equal(out?.counterpartyAccount, OWN2)
  assert.equal(out?.counterpartyName, 'ООО Наша')
  assert.equal(out?.reference, '0017')
  assert.equal(out?.amount, 150000)
  assert.equal(out?.purpose, 'Перевод собственных средств')
  assert.equal(inc?.direction, 'in')
  assert.equal(inc?.ownAccount, OWN2)
  assert.equal(inc?.date, '2024-02-02')
  assert.equal(inc?.counterpartyName, 'ООО Наша')
  assert.notEqual(out?.dedupKey, inc?.dedupKey)
})

test('copies of one document that differ only in the date field the bank filled collapse by key (§1.5 step 4)', () => {
  const base = {
    Номер: '5',
    Дата: '01.02.2024',
    Сумма: '10.00',
    ПлательщикСчет: '40702810999999999999',
    ПолучательСчет: OWN1,
  }
  const a = doc({ ...base, ДатаПоступило: '01.02.2024' })
  const b = doc({ ...base, ДатаПоступило: '02.02.2024' })
  const r = parseText(file([a, b]))
  assert.equal(r.droppedDuplicates, 0)
  assert.equal(r.transactions.length, 1)
  assert.equal(r.transactions[0]?.date, '2024-02-01')
})

test('documents touching no own account: date fallback only with exactly one own account, else unresolved warning', () => {
  const foreign = doc({
    Номер: '9',
    Дата: '03.02.2024',
    Сумма: '1',
    ПлательщикСчет: '111',
    ПолучательСчет: '222',
    ДатаСписано: '03.02.2024',
  })
  const one = parseText(file([foreign]))
  assert.equal(one.transactions.length, 1)
  assert.equal(one.transactions[0]?.direction, 'out')
  const two = parseText(file([foreign], { accounts: [OWN1, OWN2] }))
  assert.equal(two.error, undefined)
  assert.equal(two.transactions.length, 0)
  assert.deepEqual(two.meta.unresolvedDocumentLines, [14])
})

test('cp866 content is detected; a BOM means UTF-8; mixed line endings are reported', () => {
  const d = doc({
    Номер: '1',
    Дата: '01.02.2024',
    Сумма: '2.5',
    ПлательщикСчет: '40702810999999999999',
    ПолучательСчет: OWN1,
    ДатаПоступило: '01.02.2024',
    Плательщик1: 'Фирма',
  })
  const dos = parseText(file([d]), 'cp866')
  assert.equal(dos.meta.encoding, 'cp866')
  assert.equal(dos.transactions[0]?.counterpartyName, 'Фирма')
  assert.equal(dos.transactions[0]?.amount, 250)
  const bom = parseText(`\uFEFF${file([d])}`)
  assert.equal(bom.meta.encoding, 'utf-8')
  assert.equal(bom.meta.bom, true)
  assert.deepEqual(bom.transactions, dos.transactions)
  const mixed = parseText(file([d]).replace('КонецФайла\r\n', 'КонецФайла\n'))
  assert.equal(mixed.meta.lineEnding, 'mixed')
  assert.equal(mixed.transactions.length, 1)
})

test('bad amounts and dates are rejected with the line number; unclosed sections are truncated', () => {
  const bad = parseText(
    file([doc({ Номер: '1', Дата: '01.02.2024', Сумма: '1,50', ПолучательСчет: OWN1, ДатаПоступило: '01.02.2024' })]),
  )
  assert.equal(bad.error, 'invalid_amount')
  assert.equal(bad.meta.line, 12)
  assert.match(bad.meta.message ?? '', /^line 12: Сумма=1,50/)
  assert.equal(bad.transactions.length, 0)
  const extra = parseText(
    file([doc({ Номер: '1', Дата: '01.02.2024', Сумма: '1.505', ПолучательСчет: OWN1, ДатаПоступило: '01.02.2024' })]),
  )
  assert.equal(extra.error, 'invalid_amount')
  const zeros = parseText(
    file([
      doc({ Номер: '1', Дата: '01.02.2024', Сумма: '231.7400', ПолучательСчет: OWN1, ДатаПоступило: '01.02.2024' }),
    ]),
  )
  assert.equal(zeros.transactions[0]?.amount, 23174)
  const date = parseText(
    file([doc({ Номер: '1', Дата: '31.02.2024', Сумма: '1', ПолучательСчет: OWN1, ДатаПоступило: '01.02.2024' })]),
  )
  assert.equal(date.error, 'invalid_date')
  assert.equal(date.meta.line, 11)
  const open = parseText(file(['СекцияДокумент=Платежное поручение', 'Номер=1', 'Сумма=1'], { end: false }))
  assert.equal(open.error, 'truncated')
  assert.equal(open.meta.line, 9)
  const unclosedDoc = doc({
    Номер: '1',
    Дата: '01.02.2024',
    Сумма: '1',
    ПолучательСчет: OWN1,
    ДатаПоступило: '01.02.2024',
  }).replace('\r\nКонецДокумента', '')
  const next = parseText(file([unclosedDoc, doc({ Номер: '2', Дата: '01.02.2024', Сумма: '1' })]))
  assert.equal(next.error, 'truncated')
  assert.equal(next.meta.line, 9)
  assert.match(next.meta.message ?? '', /not closed before the next section at line 15/)
  const header = parseText('1CClientBankExchange\r\nВерсияФормата=1.03\r\nКодировка=Win')
  assert.equal(header.error, 'truncated')
  const noEnd = parseText(
    file([doc({ Номер: '1', Дата: '01.02.2024', Сумма: '1', ПолучательСчет: OWN1, ДатаПоступило: '01.02.2024' })], {
      end: false,
    }),
  )
  assert.equal(noEnd.error, 'truncated')
  assert.match(noEnd.meta.message ?? '', /КонецФайла/)
})
