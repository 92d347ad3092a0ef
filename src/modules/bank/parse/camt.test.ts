import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CONTRACT_KEYS, parseFixture, parseText, sum } from './parse.test-kit.js'

test('genkgo camt.053.001.02 minimal: one booked credit, counterparty from Dbtr, SCOR reference, fallback key', () => {
  const r = parseFixture('camt053/genkgo_camt053.v2.minimal.xml')
  assert.equal(r.format, 'camt.053')
  assert.equal(r.meta.formatVersion, 'camt.053.001.02')
  assert.deepEqual(r.statements, [
    {
      statementId: '253EURNL26VAYB8060476890',
      account: 'NL26VAYB8060476890',
      currency: 'EUR',
      openingBalance: 1815,
      closingBalance: -2700,
    },
  ])
  assert.deepEqual(r.skippedEntries, [])
  assert.equal(r.transactions.length, 1)
  const t = r.transactions[0]
  assert.ok(t)
  assert.deepEqual(Object.keys(t), CONTRACT_KEYS)
  assert.deepEqual(t, {
    ownAccount: 'NL26VAYB8060476890',
    date: '2014-12-31',
    valueDate: '2015-01-02',
    documentDate: null,
    amount: 885,
    currency: 'EUR',
    direction: 'in',
    counterpartyName: 'NAME NAME',
    counterpartyTaxId: null,
    counterpartyAccount: 'NL56AGDH9619008421',
    counterpartyBankId: null,
    reference: '4654654654654654',
    purpose: null,
    bankTransactionId: null,
    isReversal: false,
    dedupKey: 'camt|NL26VAYB8060476890|EUR|2014-12-31|in|885||1',
  })
})

test('three-decimal amounts with trailing zeros are accepted; the sample balances do not add up and say so', () => {
  const r = parseFixture('camt053/genkgo_camt053.v2.five.decimals.xml')
  assert.equal(r.error, undefined)
  assert.equal(r.statements?.[0]?.openingBalance, 1815)
  assert.equal(r.statements?.[0]?.closingBalance, 2705)
  assert.equal(r.transactions[0]?.amount, 885)
  assert.equal(r.transactions[0]?.reference, '000000001')
  assert.equal(r.transactions[0]?.purpose, 'Transaction Description')
  // 18.15 + 8.85 = 27.00, the file claims 27.05: a warning, never a rejection
  assert.equal(1815 + sum(r.transactions, 'in') - sum(r.transactions, 'out'), 2700)
  assert.match((r.meta.warnings as string[])[0] ?? '', /Stmt\[1\]: opening balance/)
})

test('camt.053.001.08: Sts/Cd, BookgDt/DtTm kept as the written day, Pty-wrapped parties, Othr/Id account, zero TxDtls amount not split', () => {
  const r = parseFixture('camt053/genkgo_camt053.v8.xml')
  assert.equal(r.meta.formatVersion, 'camt.053.001.08')
  assert.equal(r.statements?.[0]?.account, 'NL26VAYB8060476890')
  assert.equal(r.statements?.[0]?.currency, 'EUR')
  const t = r.transactions[0]
  assert.equal(r.transactions.length, 1)
  assert.equal(t?.date, '2014-12-31')
  assert.equal(t?.amount, 885)
  assert.equal(t?.counterpartyName, 'NAME NAME')
  assert.equal(t?.reference, 'MUELL/FINP/RA12345')
  assert.equal(t?.bankTransactionId, 'AAAASESS-FP-CN_98765/01')
  assert.equal(t?.dedupKey, 'camt|NL26VAYB8060476890|EUR|AAAASESS-FP-CN_98765/01')
})

test('davider80 camt.053.001.04: 16 entries, dates with +02:00 offsets keep the written day, balances agree', () => {
  const r = parseFixture('camt053/kedder_davider80_v04.xml')
  assert.equal(r.transactions.length, 16)
  const st = r.statements?.[0]
  assert.ok(st)
  assert.equal(st.openingBalance, 943331)
  assert.equal(st.closingBalance, 575346)
  assert.equal((st.openingBalance ?? 0) + sum(r.transactions, 'in') - sum(r.transactions, 'out'), st.closingBalance)
  assert.equal(r.meta.warnings, undefined)
  assert.equal(r.transactions[0]?.date, '2017-04-01')
  assert.equal(r.transactions[0]?.valueDate, '2017-04-03')
  assert.equal(r.transactions[0]?.amount, 90530)
  assert.equal(
    r.transactions[1]?.purpose,
    'Acquisto MIGROS M ARBEDO-CAST\n31.03.2017/13:30 / N. carta Maestro xxxxxxxx',
  )
  assert.equal(r.transactions.filter((t) => t.direction === 'in').length, 1)
  assert.equal(new Set(r.transactions.map((t) => t.dedupKey)).size, 16)
})

test('gcamp6 (CRLF, tabs, XXX currency, DUPL copy): purpose from AddtlNtryInf, bank id from TxDtls AcctSvcrRef', () => {
  const r = parseFixture('camt053/kedder_gcamp6_v02_crlf.xml')
  assert.equal(r.meta.lineEnding, 'CRLF')
  assert.equal(r.transactions.length, 5)
  assert.equal(sum(r.transactions, 'in'), 1301000)
  assert.ok(r.transactions.every((t) => t.currency === 'XXX' && t.purpose === 'Account Transfer'))
  assert.equal(r.transactions[0]?.bankTransactionId, '20160423000805545979476000000012')
})

test('UniCredit HU: GIRO own account, two statements, NOTPROVIDED end-to-end id, accents kept, own-account safety net', () => {
  const r = parseFixture('camt053/unicredithu_STATEMENT_12345678_20171130.xml')
  assert.equal(r.statements?.length, 2)
  assert.equal(r.transactions.length, 9)
  assert.deepEqual(
    r.statements?.map((s) => [s.account, s.currency, s.openingBalance, s.closingBalance]),
    [
      ['12345678123456780000000', 'HUF', 12345614, 12345714],
      ['123456781234567800000013', 'HUF', 123456721, 123456874],
    ],
  )
  const [cr, payroll, ins, loan] = r.transactions
  assert.equal(cr?.purpose, 'Cr Forgalmi kedvezmény')
  assert.equal(cr?.amount, 200000)
  // the Dbtr IBAN carries the own account's BBAN (anonymisation): the other party is taken
  assert.equal(payroll?.counterpartyAccount, 'HU5512345678123456780000002')
  assert.equal(payroll?.reference, null)
  assert.equal(ins?.reference, '401234')
  assert.equal(ins?.counterpartyName, 'NSRNCE Co.')
  assert.equal(ins?.counterpartyAccount, '12345678123456780000007')
  assert.equal(ins?.purpose, 'A10123400    201712345600000001 95123456000000000')
  assert.equal(loan?.purpose, 'HAVI TÖRLESZTÉS')
  assert.equal(loan?.direction, 'out')
  assert.equal(r.transactions[8]?.ownAccount, '123456781234567800000013')
})

test('camt.054 notifications: unsplittable batch (no or foreign-currency amounts) stays one transaction', () => {
  const v2 = parseFixture('camt054/genkgo_camt054.v2.xml')
  assert.equal(v2.format, 'camt.054')
  assert.equal(v2.transactions.length, 1)
  assert.equal(v2.transactions[0]?.amount, 20000000)
  assert.equal(v2.transactions[0]?.date, '2007-10-18')
  assert.equal(v2.transactions[0]?.purpose, 'Unstructured Remittance Information V1')
  assert.equal(v2.transactions[0]?.bankTransactionId, 'AAAASESS-FP-ACCR001')
  const v8 = parseFixture('camt054/genkgo_camt054.v8.xml')
  assert.equal(v8.transactions.length, 1)
  assert.equal(v8.transactions[0]?.counterpartyName, 'Example Creditor 3 - V1')
  assert.equal(v8.transactions[0]?.counterpartyAccount, 'CH4112345003131313131')
  assert.equal(v8.transactions[0]?.reference, 'UXC06170000006PI00001EE00001')
  const uetr = parseFixture('camt054/genkgo_camt054.v8-with-UETR.xml')
  assert.equal(uetr.transactions[0]?.date, '2007-10-18')
  assert.equal(uetr.transactions[0]?.valueDate, null)
  assert.equal(uetr.transactions[0]?.dedupKey, 'camt|CH2801234000123456789|SEK|2007-10-18|out|20000000||1')
})

function camt(entries: string, opts: { ns?: string; acct?: string } = {}): string {
  const ns = opts.ns ?? 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08'
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="${ns}"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId><CreDtTm>2024-03-01T10:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><CreDtTm>2024-03-01T10:00:00</CreDtTm>
<Acct><Id><IBAN>${opts.acct ?? 'HU42117730161111101800000000'}</IBAN></Id><Ccy>HUF</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="HUF">100.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2024-02-29</Dt></Dt></Bal>
${entries}
</Stmt></BkToCstmrStmt></Document>`
}

const party = (role: string, name: string, iban: string, extra = '') =>
  `<${role}><Pty><Nm>${name}</Nm>${extra}</Pty></${role}><${role}Acct><Id><IBAN>${iban}</IBAN></Id></${role}Acct>`

test('a batch whose TxDtls amounts add up is split, with #k suffixed bank ids and per-item counterparties', () => {
  const tx = (n: number, amt: string) =>
    `<TxDtls><Refs><EndToEndId>E${n}</EndToEndId></Refs><Amt Ccy="HUF">${amt}</Amt><CdtDbtInd>CRDT</CdtDbtInd><RltdPties>${party('Dbtr', `Payer ${n}`, `HU1${n}`, '<Id><OrgId><Othr><Id>12345676-2-41</Id></Othr></OrgId></Id>')}</RltdPties><RltdAgts><DbtrAgt><FinInstnId><BICFI>OTPVHUHB</BICFI></FinInstnId></DbtrAgt></RltdAgts><RmtInf><Ustrd>part one</Ustrd><Ustrd> part two </Ustrd></RmtInf></TxDtls>`
  const xml = camt(
    `<Ntry><Amt Ccy="HUF">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2024-03-01+01:00</Dt></BookgDt><AcctSvcrRef>B1</AcctSvcrRef><NtryDtls>${tx(1, '100')}${tx(2, '200.00')}</NtryDtls></Ntry>`,
  )
  const r = parseText(xml)
  assert.equal(r.error, undefined)
  assert.equal(r.transactions.length, 2)
  assert.deepEqual(
    r.transactions.map((t) => [
      t.amount,
      t.bankTransactionId,
      t.counterpartyName,
      t.reference,
      t.counterpartyTaxId,
      t.counterpartyBankId,
    ]),
    [
      [10000, 'B1#1', 'Payer 1', 'E1', '12345676-2-41', 'OTPVHUHB'],
      [20000, 'B1#2', 'Payer 2', 'E2', '12345676-2-41', 'OTPVHUHB'],
    ],
  )
  assert.equal(r.transactions[0]?.purpose, 'part one part two')
  assert.equal(r.transactions[0]?.date, '2024-03-01')
  assert.equal(r.statements?.[0]?.openingBalance, -10000)
})

test('pending and info entries are skipped and reported; reversal takes the counterparty from the other side', () => {
  const rp = `<RltdPties>${party('Dbtr', 'Us', 'HU42117730161111101800000000')}${party('Cdtr', 'Supplier Kft', 'HU11')}</RltdPties>`
  const xml = camt(
    `<Ntry><Amt Ccy="HUF">5</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts><AcctSvcrRef>P1</AcctSvcrRef></Ntry>
<Ntry><Amt Ccy="HUF">6</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>INFO</Sts></Ntry>
<Ntry><Amt Ccy="HUF">70</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><DtTm>2024-03-01T23:30:00-05:00</DtTm></BookgDt><NtryDtls><TxDtls>${rp}</TxDtls></NtryDtls></Ntry>
<Ntry><Amt Ccy="HUF">70</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><DtTm>2024-03-01T23:30:00-05:00</DtTm></BookgDt><NtryDtls><TxDtls>${rp}</TxDtls></NtryDtls></Ntry>`,
  )
  const r = parseText(xml)
  assert.deepEqual(r.skippedEntries, [
    { acctSvcrRef: 'P1', status: 'PDNG' },
    { acctSvcrRef: null, status: 'INFO' },
  ])
  assert.equal(r.transactions.length, 2)
  const t = r.transactions[0]
  assert.equal(t?.direction, 'in')
  assert.equal(t?.isReversal, true)
  assert.equal(t?.date, '2024-03-01')
  assert.equal(t?.counterpartyName, 'Supplier Kft')
  // two identical postings on one day: the fallback key counts occurrences
  assert.deepEqual(
    r.transactions.map((x) => x.dedupKey),
    [
      'camt|HU42117730161111101800000000|HUF|2024-03-01|in|7000||1',
      'camt|HU42117730161111101800000000|HUF|2024-03-01|in|7000||2',
    ],
  )
})

test('camt errors: cut XML is truncated with the open path, bad amounts name the element path', () => {
  const ok = camt(
    '<Ntry><Amt Ccy="HUF">1.5</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2024-03-01</Dt></BookgDt></Ntry>',
  )
  const cut = parseText(ok.slice(0, ok.lastIndexOf('<CdtDbtInd>')))
  assert.equal(cut.format, 'camt.053')
  assert.equal(cut.error, 'truncated')
  assert.equal(cut.meta.path, '/Document/BkToCstmrStmt/Stmt/Ntry')
  assert.equal(cut.transactions.length, 0)
  const bad = parseText(ok.replace('1.5</Amt><CdtDbtInd>CRDT', '1.505</Amt><CdtDbtInd>CRDT'))
  assert.equal(bad.error, 'invalid_amount')
  assert.equal(bad.meta.path, '/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt')
  const thousands = parseText(ok.replace('1.5</Amt><CdtDbtInd>CRDT', '1,000.00</Amt><CdtDbtInd>CRDT'))
  assert.equal(thousands.error, 'invalid_amount')
  const badDate = parseText(ok.replace('2024-03-01</Dt></BookgDt>', '2024-02-30</Dt></BookgDt>'))
  assert.equal(badDate.error, 'invalid_date')
  const mismatch = parseText(ok.replace('</Sts>', '</Status>'))
  assert.equal(mismatch.error, 'malformed')
  assert.match(mismatch.meta.message ?? '', /^line \d+: closing tag/)
})

test('camt.052 reports and a wrapped Document are detected by namespace', () => {
  const rpt = camt('', { ns: 'urn:iso:std:iso:20022:tech:xsd:camt.052.001.06' })
    .replace(/BkToCstmrStmt/g, 'BkToCstmrAcctRpt')
    .replace(/Stmt>/g, 'Rpt>')
  const r = parseText(rpt)
  assert.equal(r.format, 'camt.052')
  assert.equal(r.statements?.[0]?.statementId, 'S1')
  const wrapped = `<?xml version="1.0"?><Envelope xmlns="urn:example:wrapper"><AppHdr/>${camt('').replace('<?xml version="1.0" encoding="UTF-8"?>', '')}</Envelope>`
  const w = parseText(wrapped)
  assert.equal(w.format, 'camt.053')
  assert.equal(w.error, undefined)
})
