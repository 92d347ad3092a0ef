// 1CClientBankExchange 1.01–1.03 (formats.md §1).
import { fromDMY } from './dates.js'
import { decode, firstNonAscii, hasLoneCr, hasUtf8Bom, isValidUtf8, lineEndingOf } from './encoding.js'
import { parseMinor, parseSignedMinor } from './money.js'
import { clean, fail, keyOf, makeTransaction, ParseFailure } from './normalize.js'
import type { AccountSummary, Direction, NormalizedTransaction, ParseMeta, ParseResult } from './types.js'

interface Section {
  kind: string | null
  /** 1-based line of the section marker */
  line: number
  values: Map<string, string>
  /** character offsets of the section body in the text: the exact-duplicate comparison and
   *  error line lookups re-read it from there instead of keeping every line alive */
  bodyStart: number
  bodyEnd: number
}

const USED_KEYS = new Set<string>([
  'РасчСчет',
  'НачальныйОстаток',
  'ВсегоПоступило',
  'ВсегоСписано',
  'КонечныйОстаток',
  'Номер',
  'Дата',
  'Сумма',
  'ДатаСписано',
  'ДатаПоступило',
  'НазначениеПлатежа',
  ...[1, 2, 3, 4, 5, 6].map((i) => `НазначениеПлатежа${i}`),
  ...['Плательщик', 'Получатель'].flatMap((side) => [
    side,
    `${side}1`,
    `${side}Счет`,
    `${side}РасчСчет`,
    `${side}ИНН`,
    `${side}БИК`,
  ]),
])

const SIDE_PAYER = 'Плательщик'
const SIDE_PAYEE = 'Получатель'

function decode1c(bytes: Buffer): { text: string; encoding: string; bom: boolean } {
  if (hasUtf8Bom(bytes)) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8', bom: true }
  if (firstNonAscii(bytes) !== -1 && isValidUtf8(bytes))
    return { text: bytes.toString('utf8'), encoding: 'utf-8', bom: false }
  const cp1251 = decode(bytes, 'windows-1251')
  if (cp1251.includes('ВерсияФормата') || cp1251.includes('СекцияДокумент') || cp1251.includes('СекцияРасчСчет')) {
    return { text: cp1251, encoding: 'windows-1251', bom: false }
  }
  const cp866 = decode(bytes, 'cp866')
  if (cp866.includes('ВерсияФормата') || cp866.includes('СекцияДокумент') || cp866.includes('СекцияРасчСчет')) {
    return { text: cp866, encoding: 'cp866', bom: false }
  }
  // neither decoding shows a known key: only now let the declared Кодировка break the tie
  const declared = /Кодировка=\s*DOS/i.test(cp1251)
  return declared
    ? { text: cp866, encoding: 'cp866', bom: false }
    : { text: cp1251, encoding: 'windows-1251', bom: false }
}

export function parse1C(bytes: Buffer): ParseResult {
  const decoded = decode1c(bytes)
  const { encoding, bom } = decoded
  const lineEnding = lineEndingOf(decoded.text)
  // lone CRs (old Mac files) become LF so that one indexOf loop finds every line end
  const text = hasLoneCr(decoded.text) ? decoded.text.replace(/\r\n?/g, '\n') : decoded.text
  const meta: ParseMeta = { encoding, bom, lineEnding, formatVersion: null }
  const warnings: string[] = []
  const header = new Map<string, string>()
  const accountSections: Section[] = []
  // own accounts = header РасчСчет ∪ account-section РасчСчет (§1.5 step 1), known up front so
  // that each document is turned into transactions as soon as it closes
  const own = ownAccountsOf(text)
  const single = own.size === 1 ? (own.values().next().value as string) : null

  const transactions: NormalizedTransaction[] = []
  const producedKeys = new Set<string>()
  const unresolved: number[] = []
  const totals = new Map<string, { in: number; out: number }>()
  const groups = new Map<string, Section[]>()
  let droppedDuplicates = 0
  let droppedSameKey = 0
  let documentCount = 0
  let firstDocumentLine = 0
  let anyDated = false
  // value errors wait until the structure is known: a cut file is `truncated` and a payment
  // export `not_a_statement` even when an earlier line also has a bad amount
  let deferred: ParseFailure | null = null

  const emitDocument = (d: Section): void => {
    if (deferred) return
    try {
      // exact duplicate sections (§1.5 step 2): identical sections share kind, number, date and
      // amount, so the full comparison only runs inside such (rare) groups
      const cheap = `${d.kind ?? ''}\u0000${d.values.get('Номер') ?? ''}\u0000${d.values.get('Дата') ?? ''}\u0000${d.values.get('Сумма') ?? ''}`
      const group = groups.get(cheap)
      if (group) {
        const canon = canonical(text, d)
        if (group.some((g) => canonical(text, g) === canon)) {
          droppedDuplicates++
          return
        }
        group.push(d)
      } else groups.set(cheap, [d])
      const r = documentTransactions(text, d, own, single, producedKeys)
      if (r === 'unresolved') {
        unresolved.push(d.line)
        warnings.push(`line ${d.line}: document ${val(d, 'Номер') ?? ''} does not touch any own account — not imported`)
        return
      }
      droppedSameKey += r.sameKey
      for (const t of r.txs) {
        const tot = totals.get(t.ownAccount) ?? { in: 0, out: 0 }
        tot[t.direction] += t.amount
        totals.set(t.ownAccount, tot)
        transactions.push(t)
      }
    } catch (err) {
      if (err instanceof ParseFailure) deferred = err
      else throw err
    }
  }

  let current: Section | null = null
  let currentType: 'account' | 'document' | null = null
  let ended = false
  let markerSeen = false
  let pos = 0
  let lineNo = 0
  const len = text.length
  while (pos <= len) {
    let nl = text.indexOf('\n', pos)
    if (nl === -1) nl = len
    const lineStart = pos
    const raw = text.slice(pos, nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl)
    pos = nl + 1
    lineNo++
    const line = raw.trim()
    if (line === '') continue
    if (!markerSeen) {
      if (line !== '1CClientBankExchange')
        fail('unknown_format', `line ${lineNo}: expected 1CClientBankExchange`, { line: lineNo })
      markerSeen = true
      continue
    }
    if (ended) {
      warnings.push(`line ${lineNo}: text after КонецФайла ignored`)
      continue
    }
    const eq = line.indexOf('=')
    const key = eq === -1 ? line : line.slice(0, eq).trim()
    if (current && eq !== -1 && key !== 'СекцияДокумент') {
      if (USED_KEYS.has(key) && !current.values.has(key)) current.values.set(key, line.slice(eq + 1).trim())
      continue
    }
    if (key === 'СекцияРасчСчет' || key === 'СекцияДокумент') {
      if (current) {
        fail(
          'truncated',
          `line ${current.line}: section ${currentType === 'account' ? 'СекцияРасчСчет' : 'СекцияДокумент'} is not closed before the next section at line ${lineNo}`,
          { line: current.line },
        )
      }
      const isDoc = key === 'СекцияДокумент'
      current = {
        kind: isDoc ? clean(eq === -1 ? null : line.slice(eq + 1)) : null,
        line: lineNo,
        values: new Map(),
        bodyStart: pos,
        bodyEnd: -1,
      }
      currentType = isDoc ? 'document' : 'account'
      if (isDoc) {
        documentCount++
        if (!firstDocumentLine) firstDocumentLine = lineNo
      }
      continue
    }
    if (eq === -1) {
      if (line === 'КонецРасчСчет' || line === 'КонецДокумента') {
        const expected = line === 'КонецРасчСчет' ? 'account' : 'document'
        if (!current || currentType !== expected)
          fail('malformed', `line ${lineNo}: ${line} without an open section`, { line: lineNo })
        current.bodyEnd = lineStart
        if (expected === 'account') accountSections.push(current)
        else {
          if (clean(current.values.get('ДатаСписано')) || clean(current.values.get('ДатаПоступило'))) anyDated = true
          emitDocument(current)
        }
        current = null
        currentType = null
        continue
      }
      if (line === 'КонецФайла') {
        if (current) {
          fail('truncated', `line ${current.line}: section is not closed before КонецФайла at line ${lineNo}`, {
            line: current.line,
          })
        }
        ended = true
        continue
      }
      warnings.push(`line ${lineNo}: unrecognised line ignored`)
      continue
    }
    const value = line.slice(eq + 1).trim()
    if (key !== 'РасчСчет' && !header.has(key)) header.set(key, value)
  }
  const lastLine = lineNo
  meta.formatVersion = clean(header.get('ВерсияФормата')) ?? null
  const declared = clean(header.get('Кодировка'))
  if (declared) meta.declaredEncoding = declared
  if (current) {
    fail(
      'truncated',
      `line ${current.line}: section ${currentType === 'account' ? 'СекцияРасчСчет' : 'СекцияДокумент'} is never closed (file ends at line ${lastLine})`,
      { line: current.line },
    )
  }
  // a file cut inside its header is a cut file, not a payment-order export
  if (accountSections.length === 0 && !anyDated && (documentCount > 0 || ended)) {
    fail(
      'not_a_statement',
      documentCount
        ? `line ${firstDocumentLine}: payment orders exported from 1C for the bank (no account section, no ДатаСписано/ДатаПоступило) — not a bank statement`
        : 'line 1: file has no account section and no documents — not a bank statement',
      { line: firstDocumentLine || 1 },
    )
  }
  if (!ended) fail('truncated', `line ${lastLine}: file ends without КонецФайла (cut download?)`, { line: lastLine })
  if (deferred) throw deferred

  const accounts: AccountSummary[] = []
  for (const sec of accountSections) {
    const acc = clean(sec.values.get('РасчСчет'))
    if (!acc) fail('malformed', `line ${sec.line}: account section without РасчСчет`, { line: sec.line })
    accounts.push({
      account: acc,
      openingBalance: balanceOf(text, sec, 'НачальныйОстаток'),
      totalIn: balanceOf(text, sec, 'ВсегоПоступило'),
      totalOut: balanceOf(text, sec, 'ВсегоСписано'),
      closingBalance: balanceOf(text, sec, 'КонечныйОстаток'),
      currency: 'RUB',
    })
  }

  // balance checks are warnings only (§1.3): anonymised samples never add up
  for (const a of accounts) {
    const { openingBalance: o, totalIn: ti, totalOut: to, closingBalance: c } = a
    if (o != null && ti != null && to != null && c != null && o + ti - to !== c) {
      warnings.push(`account ${a.account}: opening + in − out ≠ closing balance`)
    }
    const t = totals.get(a.account) ?? { in: 0, out: 0 }
    if (ti != null && ti !== t.in) warnings.push(`account ${a.account}: ВсегоПоступило ≠ sum of incoming documents`)
    if (to != null && to !== t.out) warnings.push(`account ${a.account}: ВсегоСписано ≠ sum of outgoing documents`)
  }
  if (unresolved.length) meta.unresolvedDocumentLines = unresolved
  if (droppedSameKey) meta.droppedSameKey = droppedSameKey
  if (warnings.length) meta.warnings = warnings
  return { format: '1c-clientbankexchange', meta, accounts, droppedDuplicates, transactions }
}

/** `<side>1` if present, else `<side>` without a leading `ИНН <digits>` or `<10–12 digits>,`. */
function partyName(name1: string | null, whole: string | null): string | null {
  if (name1) return name1
  if (!whole) return null
  return clean(whole.replace(/^ИНН\s*\d+\s*/u, '').replace(/^\d{10,12}\s*,\s*/, ''))
}

const OWN_RE = /^[ \t]*РасчСчет[ \t]*=([^\r\n]*)$/gm

function ownAccountsOf(text: string): Set<string> {
  const own = new Set<string>()
  OWN_RE.lastIndex = 0
  for (let m = OWN_RE.exec(text); m; m = OWN_RE.exec(text)) {
    const v = (m[1] as string).trim()
    if (v) own.add(v)
  }
  return own
}

/** The section's lines again (only for duplicate comparison and error messages). */
function bodyLines(text: string, d: Section): string[] {
  return text.slice(d.bodyStart, d.bodyEnd === -1 ? text.length : d.bodyEnd).split(/\r?\n/)
}

function canonical(text: string, d: Section): string {
  const pairs = [`=${d.kind ?? ''}`]
  for (const raw of bodyLines(text, d)) {
    const l = raw.trim()
    if (!l) continue
    const eq = l.indexOf('=')
    pairs.push(eq === -1 ? l : `${l.slice(0, eq).trim()}=${l.slice(eq + 1).trim()}`)
  }
  return pairs.sort().join('\n')
}

/** Line number of a key inside a section, looked up only when an error needs it. */
function lineOfKey(text: string, d: Section, key: string): number {
  const lines = bodyLines(text, d)
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] as string).trimStart()
    if (l.startsWith(key) && l.slice(key.length).trimStart().startsWith('=')) return d.line + 1 + i
  }
  return d.line
}

function balanceOf(text: string, sec: Section, key: string): number | null {
  const raw = clean(sec.values.get(key))
  if (raw == null) return null
  const v = parseSignedMinor(raw, 2, '.')
  if (v == null) {
    const ln = lineOfKey(text, sec, key)
    fail('invalid_amount', `line ${ln}: ${key}=${raw} is not a valid amount`, { line: ln })
  }
  return v
}

const SIDE_KEYS = {
  [SIDE_PAYER]: {
    name1: 'Плательщик1',
    whole: 'Плательщик',
    acc: 'ПлательщикСчет',
    settle: 'ПлательщикРасчСчет',
    inn: 'ПлательщикИНН',
    bic: 'ПлательщикБИК',
  },
  [SIDE_PAYEE]: {
    name1: 'Получатель1',
    whole: 'Получатель',
    acc: 'ПолучательСчет',
    settle: 'ПолучательРасчСчет',
    inn: 'ПолучательИНН',
    bic: 'ПолучательБИК',
  },
} as const

/** §1.5 steps 3–5 for one document. */
function documentTransactions(
  text: string,
  d: Section,
  own: Set<string>,
  single: string | null,
  producedKeys: Set<string>,
): { txs: NormalizedTransaction[]; sameKey: number } | 'unresolved' {
  const rawSum = val(d, 'Сумма')
  if (rawSum == null) fail('invalid_amount', `line ${d.line}: document without Сумма`, { line: d.line })
  const amount = parseMinor(rawSum, 2, '.')
  if (amount == null) {
    const ln = lineOfKey(text, d, 'Сумма')
    fail('invalid_amount', `line ${ln}: Сумма=${rawSum} is not a valid amount`, { line: ln })
  }
  const docDate = dateOf(text, d, 'Дата')
  const debited = dateOf(text, d, 'ДатаСписано')
  const credited = dateOf(text, d, 'ДатаПоступило')
  const payerOwn = ownSide(d, SIDE_KEYS[SIDE_PAYER], own)
  const payeeOwn = ownSide(d, SIDE_KEYS[SIDE_PAYEE], own)
  const emits: { dir: Direction; account: string }[] = []
  if (payerOwn) emits.push({ dir: 'out', account: payerOwn })
  if (payeeOwn) emits.push({ dir: 'in', account: payeeOwn })
  if (!emits.length) {
    if (single && debited && !credited) emits.push({ dir: 'out', account: single })
    else if (single && credited && !debited) emits.push({ dir: 'in', account: single })
    else return 'unresolved'
  }
  const txs: NormalizedTransaction[] = []
  let sameKey = 0
  const number = val(d, 'Номер')
  const purpose = purposeOf(d)
  for (const e of emits) {
    const side = SIDE_KEYS[e.dir === 'out' ? SIDE_PAYEE : SIDE_PAYER]
    const when = (e.dir === 'out' ? debited : credited) ?? docDate
    if (!when) fail('invalid_date', `line ${d.line}: document has no Дата`, { line: d.line })
    const cpAccount = val(d, side.settle) ?? val(d, side.acc)
    const inn = val(d, side.inn)
    const taxId = inn == null || inn === '0' ? null : inn
    const dedupKey = keyOf(['1c', e.account, e.dir, docDate, number, amount, cpAccount, taxId])
    // §1.5 step 4: copies of one document differing only in which date the bank filled
    if (producedKeys.has(dedupKey)) {
      sameKey++
      continue
    }
    producedKeys.add(dedupKey)
    txs.push(
      makeTransaction(
        {
          ownAccount: e.account,
          date: when,
          valueDate: null,
          documentDate: docDate,
          amount,
          currency: 'RUB',
          direction: e.dir,
          counterpartyName: partyName(val(d, side.name1), val(d, side.whole)),
          counterpartyTaxId: taxId,
          counterpartyAccount: cpAccount,
          counterpartyBankId: val(d, side.bic),
          reference: number,
          purpose,
          bankTransactionId: null,
          isReversal: false,
          dedupKey,
        },
        d.kind,
      ),
    )
  }
  return { txs, sameKey }
}

function val(d: Section, key: string): string | null {
  return clean(d.values.get(key))
}

function dateOf(text: string, d: Section, key: string): string | null {
  const raw = val(d, key)
  if (raw == null) return null
  const iso = fromDMY(raw)
  if (!iso) {
    const ln = lineOfKey(text, d, key)
    fail('invalid_date', `line ${ln}: ${key}=${raw} is not a valid date (dd.mm.yyyy)`, { line: ln })
  }
  return iso
}

function ownSide(d: Section, side: { acc: string; settle: string }, own: Set<string>): string | null {
  const a = val(d, side.acc)
  if (a && own.has(a)) return a
  const b = val(d, side.settle)
  if (b && own.has(b)) return b
  return null
}

function purposeOf(d: Section): string | null {
  const full = val(d, 'НазначениеПлатежа')
  if (full) return full
  const parts: string[] = []
  for (let i = 1; i <= 6; i++) {
    const p = val(d, `НазначениеПлатежа${i}`)
    if (p) parts.push(p)
  }
  return parts.length ? parts.join(' ') : null
}
