/** One booked entry of a generated statement; amounts in minor units (two decimals). */
export interface CamtEntry {
  date: string
  amountMinor: number
  direction: 'in' | 'out'
  name: string
  taxId?: string | null
  account?: string | null
  purpose?: string | null
  endToEndId?: string | null
  bankRef: string
  reversal?: boolean
}

export interface CamtStatement {
  id: string
  iban: string
  currency: string
  openingMinor: number
  entries: CamtEntry[]
  /** Defaults to opening + entries; give another figure to produce a statement that does not add up. */
  closingMinor?: number
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const amount = (minor: number) =>
  `${Math.trunc(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`

function balance(code: string, minor: number, currency: string, date: string) {
  return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${currency}">${amount(minor)}</Amt><CdtDbtInd>${minor < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`
}

function entry(e: CamtEntry, currency: string) {
  const role = e.direction === 'in' ? 'Dbtr' : 'Cdtr'
  const id = e.taxId
    ? `<Id><OrgId><Othr><Id>${esc(e.taxId)}</Id><SchmeNm><Cd>TXID</Cd></SchmeNm></Othr></OrgId></Id>`
    : ''
  const acct = e.account ? `<${role}Acct><Id><IBAN>${esc(e.account)}</IBAN></Id></${role}Acct>` : ''
  return [
    `<Ntry><Amt Ccy="${currency}">${amount(e.amountMinor)}</Amt>`,
    `<CdtDbtInd>${e.direction === 'in' ? 'CRDT' : 'DBIT'}</CdtDbtInd><RvslInd>${e.reversal ? 'true' : 'false'}</RvslInd>`,
    `<Sts>BOOK</Sts><BookgDt><Dt>${e.date}</Dt></BookgDt><ValDt><Dt>${e.date}</Dt></ValDt>`,
    `<AcctSvcrRef>${esc(e.bankRef)}</AcctSvcrRef><BkTxCd><Prtry><Cd>TRF</Cd></Prtry></BkTxCd>`,
    `<NtryDtls><TxDtls><Refs><EndToEndId>${esc(e.endToEndId ?? 'NOTPROVIDED')}</EndToEndId></Refs>`,
    `<RltdPties><${role}><Nm>${esc(e.name)}</Nm>${id}</${role}>${acct}</RltdPties>`,
    e.purpose ? `<RmtInf><Ustrd>${esc(e.purpose)}</Ustrd></RmtInf>` : '',
    '</TxDtls></NtryDtls></Ntry>',
  ].join('')
}

/**
 * Writes an ISO 20022 camt.053.001.02 statement file (booked entries, one transaction each) — for
 * the demo company and for benchmarks, which import it through the real parser like any bank file.
 */
export function writeCamt053(statements: CamtStatement[], messageId = 'KABINET'): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>',
    `<GrpHdr><MsgId>${esc(messageId)}</MsgId><CreDtTm>2026-01-01T00:00:00</CreDtTm></GrpHdr>`,
  ]
  for (const s of statements) {
    const dates = s.entries.map((e) => e.date).sort()
    const first = dates[0] ?? '2026-01-01'
    const last = dates[dates.length - 1] ?? first
    const moved = s.entries.reduce((sum, e) => sum + (e.direction === 'in' ? e.amountMinor : -e.amountMinor), 0)
    parts.push(
      `<Stmt><Id>${esc(s.id)}</Id><CreDtTm>${last}T23:00:00</CreDtTm>`,
      `<Acct><Id><IBAN>${esc(s.iban)}</IBAN></Id><Ccy>${s.currency}</Ccy></Acct>`,
      balance('OPBD', s.openingMinor, s.currency, first),
      balance('CLBD', s.closingMinor ?? s.openingMinor + moved, s.currency, last),
    )
    for (const e of s.entries) parts.push(entry(e, s.currency))
    parts.push('</Stmt>')
  }
  parts.push('</BkToCstmrStmt></Document>')
  return parts.join('\n')
}
