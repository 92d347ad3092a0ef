// SWIFT MT940 customer statements (formats.md §3).
import { fromYYMMDD } from './dates.js'
import { detectLatinEncoding, hasUtf8Bom, lineEndingOf, stripControls } from './encoding.js'
import { currencyExponent, normalizeCurrency, parseMinor } from './money.js'
import { clean, fail, keyOf, makeTransaction, OccurrenceCounter } from './normalize.js'
import type { Direction, NormalizedTransaction, ParseMeta, ParseResult, StatementSummary } from './types.js'

interface Field {
  tag: string
  lines: string[]
  line: number
}

const TAG_RE = /^:([0-9A-Z]{2,3}):/
// §3.3 tolerant pattern, compiled once
const LINE61_RE = /^(\d{6})(\d{4}|\s{4})?(RC|RD|C|D)([A-Z])?\s?(\d[\d,]*|,\d+)\s?([A-Z][A-Z0-9 ]{3})(.*?)(?:\/\/(.*))?$/
const BAL_RE = /^([CD])(\d{6})([A-Z]{3})(\d[\d,]*|,\d+)\s*$/
const SUBFIELD_RE = /\?(\d{2})/g
const SEPA_RE = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|OAMT|COAM)\+/g
const SLASH_TAGS = [
  'TRTP',
  'IBAN',
  'BIC',
  'NAME',
  'REMI',
  'EREF',
  'MARF',
  'CSID',
  'RTRN',
  'ORDP',
  'BENM',
  'ADDR',
  'ULTD',
  'ULTC',
  'PURP',
]
const SLASH_RE = new RegExp(`/(${SLASH_TAGS.join('|')})/`, 'g')

interface Stmt {
  fields: Field[]
  line: number
}

export function parseMt940(bytes: Buffer): ParseResult {
  const bom = hasUtf8Bom(bytes)
  const { encoding, text } = bom
    ? { encoding: 'utf-8', text: bytes.subarray(3).toString('utf8') }
    : detectLatinEncoding(bytes)
  const meta: ParseMeta = { encoding, bom, lineEnding: lineEndingOf(text), envelope: 'none' }
  const warnings: string[] = []
  const clearText = stripControls(text)
  const lines = clearText.split(/\r\n|\n|\r/)

  // 1. group physical lines into statements and fields
  const stmts: Stmt[] = []
  let cur: Stmt | null = null
  let field: Field | null = null
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string
    const lineNo = i + 1
    if (line.charCodeAt(0) === 123 /* { */) {
      meta.envelope = 'swift'
      const b4 = line.indexOf('{4:')
      if (b4 === -1) {
        field = null // {1:…}{2:…} header or {5:…} trailer on a line of its own
        continue
      }
      line = line.slice(b4 + 3)
      if (line.trim() === '') continue
    }
    if (
      line.charCodeAt(0) === 45 /* - */ &&
      (line.length === 1 || line[1] === '}' || line.trim() === '-' || /^-[A-Z0-9}]*\s*$/.test(line))
    ) {
      field = null
      cur = null
      continue
    }
    const m = TAG_RE.exec(line)
    if (m) {
      const tag = m[1] as string
      const rest = line.slice(m[0].length)
      if (tag === '20') {
        cur = { fields: [], line: lineNo }
        stmts.push(cur)
      }
      if (!cur) {
        field = null // :940: first line, bank headers: not part of a statement
        continue
      }
      field = { tag, lines: [rest], line: lineNo }
      cur.fields.push(field)
      continue
    }
    if (line.trim() === '') continue
    if (field) field.lines.push(line)
    // other lines outside a field are bank header lines (ABNANL2A / 940 …): ignored
  }
  if (stmts.length === 0) fail('malformed', 'no :20: statement found', { line: 1 })

  const statements: StatementSummary[] = []
  const transactions: NormalizedTransaction[] = []
  for (const st of stmts) {
    const reference = clean(firstOf(st, '20'))
    const account = clean(firstOf(st, '25'))
    if (!account)
      fail('malformed', `line ${st.line}: statement ${reference ?? ''} has no :25: account`, { line: st.line })
    const number = clean(firstOf(st, '28C') ?? firstOf(st, '28'))
    const opening = balance(st, ['60F', '60M'], warnings)
    const closing = balance(st, ['62F', '62M'], warnings)
    if (!closing) {
      // every statement ends with its closing balance; without it the file was cut
      const last = st.fields[st.fields.length - 1]
      fail(
        'truncated',
        `line ${st.line}: statement ${reference ?? ''} has no closing balance :62F:/:62M: (cut file?)`,
        {
          line: last ? last.line : st.line,
        },
      )
    }
    const currency = opening?.ccy ?? closing?.ccy ?? null
    statements.push({
      reference,
      statementNumber: number,
      account,
      currency,
      openingBalance: opening ? opening.amount : null,
      closingBalance: closing ? closing.amount : null,
    })
    const counter = new OccurrenceCounter()
    let net = 0
    const fs = st.fields
    for (let fi = 0; fi < fs.length; fi++) {
      const f = fs[fi] as Field
      if (f.tag !== '61') continue
      if (!currency)
        fail('malformed', `line ${f.line}: :61: before any :60F:/:60M: balance (currency unknown)`, { line: f.line })
      const infos: Field[] = []
      for (let j = fi + 1; j < fs.length && (fs[j] as Field).tag === '86'; j++) infos.push(fs[j] as Field)
      const tx = statementLine(f, currency, account, infos, counter, warnings)
      net += tx.direction === 'in' ? tx.amount : -tx.amount
      transactions.push(tx)
    }
    if (opening && closing && opening.ccy === closing.ccy && opening.amount + net !== closing.amount) {
      warnings.push(`line ${st.line}: statement ${reference ?? ''}: opening balance + lines ≠ closing balance`)
    }
  }
  if (warnings.length) meta.warnings = warnings
  return { format: 'mt940', meta, statements, transactions }
}

function firstOf(st: Stmt, tag: string): string | null {
  for (const f of st.fields) if (f.tag === tag) return f.lines[0] ?? ''
  return null
}

function balance(st: Stmt, tags: string[], _w: string[]): { amount: number; ccy: string } | null {
  const f = st.fields.find((x) => tags.includes(x.tag))
  if (!f) return null
  const raw = (f.lines[0] ?? '').trim()
  const m = BAL_RE.exec(raw)
  if (!m)
    fail('malformed', `line ${f.line}: :${f.tag}: "${raw}" is not a balance (C/D, YYMMDD, currency, amount)`, {
      line: f.line,
    })
  if (!fromYYMMDD(m[2] as string))
    fail('invalid_date', `line ${f.line}: :${f.tag}: ${m[2]} is not a valid date`, { line: f.line })
  const ccy = normalizeCurrency(m[3]) as string
  const v = parseMinor(m[4] as string, currencyExponent(ccy), ',')
  if (v == null) fail('invalid_amount', `line ${f.line}: :${f.tag}: ${m[4]} is not a valid amount`, { line: f.line })
  return { amount: m[1] === 'D' && v !== 0 ? -v : v, ccy }
}

function statementLine(
  f: Field,
  currency: string,
  ownAccount: string,
  infos: Field[],
  counter: OccurrenceCounter,
  warnings: string[],
): NormalizedTransaction {
  const first = (f.lines[0] ?? '').trimEnd()
  const m = LINE61_RE.exec(first)
  if (!m) {
    const amountPart = /^(\d{6})(\d{4}|\s{4})?(RC|RD|C|D)([A-Z])?\s?(.*)$/.exec(first)
    if (amountPart) fail('invalid_amount', `line ${f.line}: :61: amount not readable in "${first}"`, { line: f.line })
    fail('malformed', `line ${f.line}: :61: "${first}" is not a statement line`, { line: f.line })
  }
  const vd = fromYYMMDD(m[1] as string)
  if (!vd) fail('invalid_date', `line ${f.line}: :61: value date ${m[1]} is not a valid date`, { line: f.line })
  if (vd.clamped)
    warnings.push(`line ${f.line}: value date ${m[1]} does not exist (30/360 convention) — used ${vd.date}`)
  let entryDate: string | null = null
  const ed = m[2]
  if (ed && ed.trim() !== '') {
    const vYear = Number(vd.date.slice(0, 4))
    const vMonth = Number(vd.date.slice(5, 7))
    const eMonth = Number(ed.slice(0, 2))
    let year = vYear
    if (vMonth === 12 && eMonth === 1) year++
    else if (vMonth === 1 && eMonth === 12) year--
    const e = fromYYMMDD(`${String(year % 100).padStart(2, '0')}${ed}`)
    if (!e || year < 1980)
      fail('invalid_date', `line ${f.line}: :61: entry date ${ed} is not a valid date`, { line: f.line })
    if (e.clamped) warnings.push(`line ${f.line}: entry date ${ed} does not exist — used ${e.date}`)
    entryDate = e.date
  }
  const mark = m[3] as string
  const amount = parseMinor(m[5] as string, currencyExponent(currency), ',')
  if (amount == null)
    fail('invalid_amount', `line ${f.line}: :61: amount ${m[5]} is not valid in ${currency}`, { line: f.line })
  const direction: Direction = mark === 'C' || mark === 'RD' ? 'in' : 'out'
  const isReversal = mark[0] === 'R'
  const customerRef = (m[7] ?? '').trim()
  const bankRef = clean(m[8])
  const info = interpretInfo(infos)
  const reference = info.eref ?? (customerRef && customerRef !== 'NONREF' ? customerRef : null)
  const dedupKey = bankRef
    ? keyOf(['mt940', ownAccount, currency, bankRef])
    : counter.next(keyOf(['mt940', ownAccount, currency, vd.date, entryDate, direction, amount, customerRef]))
  return makeTransaction({
    ownAccount,
    date: entryDate ?? vd.date,
    valueDate: vd.date,
    documentDate: null,
    amount,
    currency,
    direction,
    counterpartyName: info.name,
    counterpartyTaxId: null,
    counterpartyAccount: info.account,
    counterpartyBankId: info.bankId,
    reference,
    purpose: info.purpose,
    bankTransactionId: bankRef,
    isReversal,
    dedupKey,
  })
}

interface Info {
  name: string | null
  account: string | null
  bankId: string | null
  purpose: string | null
  eref: string | null
}

const EMPTY_INFO: Info = { name: null, account: null, bankId: null, purpose: null, eref: null }

/** §3.4: pick the :86: layout on the lines joined WITHOUT separator (banks wrap mid-word and mid-code). */
export function interpretInfo(infos: Field[]): Info {
  if (!infos.length) return EMPTY_INFO
  const physical: string[] = []
  for (const f of infos) for (const l of f.lines) physical.push(l)
  const joined = physical.join('')
  const lead = joined.trimStart()
  if (/^\d{3}\?/.test(lead) || /^\?\d{2}/.test(lead)) return subfieldLayout(lead)
  if (lead.startsWith('/')) {
    SLASH_RE.lastIndex = 0
    if (SLASH_RE.test(lead)) return slashLayout(lead)
  }
  const parts: string[] = []
  for (const l of physical) {
    const t = l.trim()
    if (t) parts.push(t)
  }
  return { ...EMPTY_INFO, purpose: parts.length ? parts.join(' ') : null }
}

function subfieldLayout(text: string): Info {
  const sub = new Map<string, string>()
  const order: [string, string][] = []
  SUBFIELD_RE.lastIndex = 0
  let prevCode: string | null = null
  let prevEnd = 0
  for (let m = SUBFIELD_RE.exec(text); m; m = SUBFIELD_RE.exec(text)) {
    if (prevCode != null) order.push([prevCode, text.slice(prevEnd, m.index)])
    prevCode = m[1] as string
    prevEnd = m.index + m[0].length
  }
  if (prevCode != null) order.push([prevCode, text.slice(prevEnd)])
  let purposeRaw = ''
  for (const [code, value] of order) {
    const n = Number(code)
    if ((n >= 20 && n <= 29) || (n >= 60 && n <= 63)) purposeRaw += value
    if (!sub.has(code)) sub.set(code, value)
  }
  const kw = sepaKeywords(purposeRaw)
  const eref = kw.get('EREF') ?? null
  let purpose: string | null
  if (kw.size === 0) purpose = clean(purposeRaw)
  else purpose = kw.get('SVWZ') ?? null
  return {
    name: clean((sub.get('32') ?? '') + (sub.get('33') ?? '')),
    account: clean(sub.get('31')),
    bankId: clean(sub.get('30')),
    purpose,
    eref: eref && eref !== 'NOTPROVIDED' ? eref : null,
  }
}

function sepaKeywords(text: string): Map<string, string | null> {
  const out = new Map<string, string | null>()
  SEPA_RE.lastIndex = 0
  let prev: string | null = null
  let prevEnd = 0
  for (let m = SEPA_RE.exec(text); m; m = SEPA_RE.exec(text)) {
    if (prev != null && !out.has(prev)) out.set(prev, clean(text.slice(prevEnd, m.index)))
    prev = m[1] as string
    prevEnd = m.index + m[0].length
  }
  if (prev != null && !out.has(prev)) out.set(prev, clean(text.slice(prevEnd)))
  return out
}

function slashLayout(text: string): Info {
  const vals = new Map<string, string>()
  SLASH_RE.lastIndex = 0
  let prev: string | null = null
  let prevEnd = 0
  const put = (tag: string, raw: string) => {
    let v = raw
    if (v.endsWith('/')) v = v.slice(0, -1)
    if (tag === 'REMI' && v.startsWith('USTD//')) v = v.slice(6)
    if (!vals.has(tag)) vals.set(tag, v)
  }
  for (let m = SLASH_RE.exec(text); m; m = SLASH_RE.exec(text)) {
    if (prev != null) put(prev, text.slice(prevEnd, m.index))
    prev = m[1] as string
    prevEnd = m.index + m[0].length
  }
  if (prev != null) put(prev, text.slice(prevEnd))
  const eref = clean(vals.get('EREF'))
  return {
    name: clean(vals.get('NAME')),
    account: clean(vals.get('IBAN')),
    bankId: clean(vals.get('BIC')),
    purpose: clean(vals.get('REMI')),
    eref: eref && eref !== 'NOTPROVIDED' ? eref : null,
  }
}
