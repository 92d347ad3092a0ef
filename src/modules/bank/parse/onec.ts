// 1CClientBankExchange 1.01–1.03 (formats.md §1).
import { fromDMY } from './dates.js'
import { decode, firstNonAscii, hasUtf8Bom, isValidUtf8, lineEndingOf } from './encoding.js'
import { parseMinor, parseSignedMinor } from './money.js'
import { clean, fail, keyOf, makeTransaction } from './normalize.js'
import type { AccountSummary, Direction, NormalizedTransaction, ParseMeta, ParseResult } from './types.js'

interface Section {
  kind: string | null
  line: number
  values: Map<string, string>
  /** index in the line array of the closing marker (for locating keys in error messages) */
  end: number
  /** canonical form of all pairs for exact-duplicate detection (§1.5 step 2) */
  pairs: string[]
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
  const { text, encoding, bom } = decode1c(bytes)
  const meta: ParseMeta = { encoding, bom, lineEnding: lineEndingOf(text), formatVersion: null }
  const warnings: string[] = []
  const header = new Map<string, string>()
  const headerAccounts: string[] = []
  const accountSections: Section[] = []
  const documents: Section[] = []
  let current: Section | null = null
  let currentType: 'account' | 'document' | null = null
  let ended = false
  let markerSeen = false

  // split without building a regex per line; CRLF, LF and lone CR are all line ends
  const lines = text.split(/\r\n|\n|\r/)
  const lastLine = lines.length
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1
    const line = (lines[i] as string).trim()
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
    if (key === 'СекцияРасчСчет' || key === 'СекцияДокумент') {
      if (current) {
        fail(
          'truncated',
          `line ${current.line}: section ${currentType === 'account' ? 'СекцияРасчСчет' : 'СекцияДокумент'} is not closed before the next section at line ${lineNo}`,
          { line: current.line },
        )
      }
      const kind = key === 'СекцияДокумент' ? clean(eq === -1 ? null : line.slice(eq + 1)) : null
      current = {
        kind,
        line: lineNo,
        values: new Map(),
        end: -1,
        pairs: key === 'СекцияДокумент' ? [`=${kind ?? ''}`] : [],
      }
      currentType = key === 'СекцияРасчСчет' ? 'account' : 'document'
      continue
    }
    if (eq === -1) {
      if (line === 'КонецРасчСчет' || line === 'КонецДокумента') {
        const expected = line === 'КонецРасчСчет' ? 'account' : 'document'
        if (!current || currentType !== expected)
          fail('malformed', `line ${lineNo}: ${line} without an open section`, { line: lineNo })
        current.end = i
        if (expected === 'account') accountSections.push(current)
        else documents.push(current)
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
    if (current) {
      // every pair takes part in duplicate detection; only the keys the mapping reads are kept
      const exact = line.charCodeAt(eq - 1) !== 32 && line.charCodeAt(eq + 1) !== 32
      if (USED_KEYS.has(key)) {
        const value = line.slice(eq + 1).trim()
        if (!current.values.has(key)) current.values.set(key, value)
        current.pairs.push(exact ? line : `${key}=${value}`)
      } else current.pairs.push(exact ? line : `${key}=${line.slice(eq + 1).trim()}`)
      continue
    }
    const value = line.slice(eq + 1).trim()
    if (key === 'РасчСчет') {
      if (value) headerAccounts.push(value)
    } else if (!header.has(key)) header.set(key, value)
  }
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
  const isExport =
    accountSections.length === 0 &&
    documents.every((d) => !clean(d.values.get('ДатаСписано')) && !clean(d.values.get('ДатаПоступило')))
  if (isExport) {
    fail(
      'not_a_statement',
      documents.length
        ? `line ${documents[0]?.line}: payment orders exported from 1C for the bank (no account section, no ДатаСписано/ДатаПоступило) — not a bank statement`
        : 'line 1: file has no account section and no documents — not a bank statement',
      { line: documents[0]?.line ?? 1 },
    )
  }
  if (!ended) fail('truncated', `line ${lastLine}: file ends without КонецФайла (cut download?)`, { line: lastLine })

  // own accounts = header РасчСчет ∪ account-section РасчСчет (§1.5 step 1)
  const own = new Set<string>(headerAccounts)
  const accounts: AccountSummary[] = []
  const sectionByAccount = new Map<string, AccountSummary>()
  for (const sec of accountSections) {
    const acc = clean(sec.values.get('РасчСчет'))
    if (!acc) fail('malformed', `line ${sec.line}: account section without РасчСчет`, { line: sec.line })
    own.add(acc)
    const bal = (k: string): number | null => {
      const raw = clean(sec.values.get(k))
      if (raw == null) return null
      const v = parseSignedMinor(raw, 2, '.')
      if (v == null) {
        const ln = lineOfKey(lines, sec, k)
        fail('invalid_amount', `line ${ln}: ${k}=${raw} is not a valid amount`, { line: ln })
      }
      return v
    }
    const summary: AccountSummary = {
      account: acc,
      openingBalance: bal('НачальныйОстаток'),
      totalIn: bal('ВсегоПоступило'),
      totalOut: bal('ВсегоСписано'),
      closingBalance: bal('КонечныйОстаток'),
      currency: 'RUB',
    }
    accounts.push(summary)
    sectionByAccount.set(acc, summary)
  }

  // exact duplicate sections (§1.5 step 2): identical sections share kind, number, date and
  // amount, so the full (sorted) comparison only runs inside such rare groups
  let droppedDuplicates = 0
  const groups = new Map<string, Section[]>()
  const unique: Section[] = []
  for (const d of documents) {
    const cheap = `${d.kind ?? ''}\u0000${d.values.get('Номер') ?? ''}\u0000${d.values.get('Дата') ?? ''}\u0000${d.values.get('Сумма') ?? ''}`
    const group = groups.get(cheap)
    if (!group) {
      groups.set(cheap, [d])
      unique.push(d)
      continue
    }
    const canon = canonical(d)
    if (group.some((g) => canonical(g) === canon)) {
      droppedDuplicates++
      continue
    }
    group.push(d)
    unique.push(d)
  }

  const single = own.size === 1 ? (own.values().next().value as string) : null
  const transactions: NormalizedTransaction[] = []
  const producedKeys = new Set<string>()
  const unresolved: number[] = []
  let droppedSameKey = 0
  const totals = new Map<string, { in: number; out: number }>()

  for (const d of unique) {
    const rawSum = val(d, 'Сумма')
    if (rawSum == null) fail('invalid_amount', `line ${d.line}: document without Сумма`, { line: d.line })
    const amount = parseMinor(rawSum, 2, '.')
    if (amount == null) {
      const ln = lineOfKey(lines, d, 'Сумма')
      fail('invalid_amount', `line ${ln}: Сумма=${rawSum} is not a valid amount`, { line: ln })
    }
    const docDate = dateOf(lines, d, 'Дата')
    const debited = dateOf(lines, d, 'ДатаСписано')
    const credited = dateOf(lines, d, 'ДатаПоступило')
    const payerOwn = ownSide(d, SIDE_PAYER, own)
    const payeeOwn = ownSide(d, SIDE_PAYEE, own)
    const emits: { dir: Direction; account: string }[] = []
    if (payerOwn) emits.push({ dir: 'out', account: payerOwn })
    if (payeeOwn) emits.push({ dir: 'in', account: payeeOwn })
    if (!emits.length) {
      if (single && debited && !credited) emits.push({ dir: 'out', account: single })
      else if (single && credited && !debited) emits.push({ dir: 'in', account: single })
      else {
        unresolved.push(d.line)
        warnings.push(`line ${d.line}: document ${val(d, 'Номер') ?? ''} does not touch any own account — not imported`)
        continue
      }
    }
    for (const e of emits) {
      const side = e.dir === 'out' ? SIDE_PAYEE : SIDE_PAYER
      const when = (e.dir === 'out' ? debited : credited) ?? docDate
      if (!when) fail('invalid_date', `line ${d.line}: document has no Дата`, { line: d.line })
      const cpAccount = val(d, `${side}РасчСчет`) ?? val(d, `${side}Счет`)
      const inn = val(d, `${side}ИНН`)
      const taxId = inn == null || inn === '0' ? null : inn
      const number = val(d, 'Номер')
      const dedupKey = keyOf(['1c', e.account, e.dir, docDate, number, amount, cpAccount, taxId])
      if (producedKeys.has(dedupKey)) {
        droppedSameKey++
        continue
      }
      producedKeys.add(dedupKey)
      const t = totals.get(e.account) ?? { in: 0, out: 0 }
      t[e.dir] += amount
      totals.set(e.account, t)
      transactions.push(
        makeTransaction(
          {
            ownAccount: e.account,
            date: when,
            valueDate: null,
            documentDate: docDate,
            amount,
            currency: 'RUB',
            direction: e.dir,
            counterpartyName: partyName(val(d, `${side}1`), val(d, side)),
            counterpartyTaxId: taxId,
            counterpartyAccount: cpAccount,
            counterpartyBankId: val(d, `${side}БИК`),
            reference: number,
            purpose: purposeOf(d),
            bankTransactionId: null,
            isReversal: false,
            dedupKey,
          },
          d.kind,
        ),
      )
    }
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

const canonCache = new WeakMap<Section, string>()

function canonical(d: Section): string {
  let c = canonCache.get(d)
  if (c === undefined) {
    c = d.pairs.slice().sort().join('\n')
    canonCache.set(d, c)
  }
  return c
}

function val(d: Section, key: string): string | null {
  return clean(d.values.get(key))
}

/** Line number of a key inside a section, found only when an error needs it. */
function lineOfKey(lines: string[], d: Section, key: string): number {
  const end = d.end === -1 ? lines.length : d.end
  for (let i = d.line; i < end; i++) {
    const l = (lines[i] as string).trimStart()
    if (l.startsWith(key) && l.slice(key.length).trimStart().startsWith('=')) return i + 1
  }
  return d.line
}

function dateOf(lines: string[], d: Section, key: string): string | null {
  const raw = val(d, key)
  if (raw == null) return null
  const iso = fromDMY(raw)
  if (!iso) {
    const ln = lineOfKey(lines, d, key)
    fail('invalid_date', `line ${ln}: ${key}=${raw} is not a valid date (dd.mm.yyyy)`, { line: ln })
  }
  return iso
}

function ownSide(d: Section, side: string, own: Set<string>): string | null {
  const a = val(d, `${side}Счет`)
  if (a && own.has(a)) return a
  const b = val(d, `${side}РасчСчет`)
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
