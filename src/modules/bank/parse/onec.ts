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
  /** canonical form of all pairs for exact-duplicate detection (§1.5 step 2) */
  pairs: string[]
  keyLines: Map<string, number>
}

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
        pairs: key === 'СекцияДокумент' ? [`=${kind ?? ''}`] : [],
        keyLines: new Map(),
      }
      currentType = key === 'СекцияРасчСчет' ? 'account' : 'document'
      continue
    }
    if (eq === -1) {
      if (line === 'КонецРасчСчет' || line === 'КонецДокумента') {
        const expected = line === 'КонецРасчСчет' ? 'account' : 'document'
        if (!current || currentType !== expected)
          fail('malformed', `line ${lineNo}: ${line} without an open section`, { line: lineNo })
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
    const value = line.slice(eq + 1).trim()
    if (current) {
      if (!current.values.has(key)) {
        current.values.set(key, value)
        current.keyLines.set(key, lineNo)
      }
      current.pairs.push(`${key}=${value}`)
    } else {
      if (key === 'РасчСчет') {
        if (value) headerAccounts.push(value)
      } else if (!header.has(key)) header.set(key, value)
    }
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
        const ln = sec.keyLines.get(k) as number
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

  // exact duplicate sections (§1.5 step 2)
  let droppedDuplicates = 0
  const seenDocs = new Set<string>()
  const unique: Section[] = []
  for (const d of documents) {
    const canon = d.pairs.slice().sort().join('\n')
    if (seenDocs.has(canon)) {
      droppedDuplicates++
      continue
    }
    seenDocs.add(canon)
    unique.push(d)
  }

  const single = own.size === 1 ? (own.values().next().value as string) : null
  const transactions: NormalizedTransaction[] = []
  const producedKeys = new Set<string>()
  const unresolved: number[] = []
  let droppedSameKey = 0
  const totals = new Map<string, { in: number; out: number }>()

  for (const d of unique) {
    const v = (k: string) => clean(d.values.get(k))
    const lineOf = (k: string) => d.keyLines.get(k) ?? d.line
    const rawSum = v('Сумма')
    if (rawSum == null) fail('invalid_amount', `line ${d.line}: document without Сумма`, { line: d.line })
    const amount = parseMinor(rawSum, 2, '.')
    if (amount == null)
      fail('invalid_amount', `line ${lineOf('Сумма')}: Сумма=${rawSum} is not a valid amount`, {
        line: lineOf('Сумма'),
      })
    const date = (k: string): string | null => {
      const raw = v(k)
      if (raw == null) return null
      const iso = fromDMY(raw)
      if (!iso)
        fail('invalid_date', `line ${lineOf(k)}: ${k}=${raw} is not a valid date (dd.mm.yyyy)`, { line: lineOf(k) })
      return iso
    }
    const docDate = date('Дата')
    const debited = date('ДатаСписано')
    const credited = date('ДатаПоступило')

    const ownOf = (side: string): string | null => {
      const a = v(`${side}Счет`)
      if (a && own.has(a)) return a
      const b = v(`${side}РасчСчет`)
      if (b && own.has(b)) return b
      return null
    }
    const payerOwn = ownOf(SIDE_PAYER)
    const payeeOwn = ownOf(SIDE_PAYEE)
    const emits: { dir: Direction; account: string }[] = []
    if (payerOwn) emits.push({ dir: 'out', account: payerOwn })
    if (payeeOwn) emits.push({ dir: 'in', account: payeeOwn })
    if (!emits.length) {
      if (single && debited && !credited) emits.push({ dir: 'out', account: single })
      else if (single && credited && !debited) emits.push({ dir: 'in', account: single })
      else {
        unresolved.push(d.line)
        warnings.push(`line ${d.line}: document ${v('Номер') ?? ''} does not touch any own account — not imported`)
        continue
      }
    }
    for (const e of emits) {
      const side = e.dir === 'out' ? SIDE_PAYEE : SIDE_PAYER
      const when = (e.dir === 'out' ? debited : credited) ?? docDate
      if (!when) fail('invalid_date', `line ${d.line}: document has no Дата`, { line: d.line })
      const cpAccount = v(`${side}РасчСчет`) ?? v(`${side}Счет`)
      const inn = v(`${side}ИНН`)
      const taxId = inn == null || inn === '0' ? null : inn
      const number = v('Номер')
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
            counterpartyName: partyName(v(`${side}1`), v(side)),
            counterpartyTaxId: taxId,
            counterpartyAccount: cpAccount,
            counterpartyBankId: v(`${side}БИК`),
            reference: number,
            purpose: purposeOf(v),
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

function purposeOf(v: (k: string) => string | null): string | null {
  const full = v('НазначениеПлатежа')
  if (full) return full
  const parts: string[] = []
  for (let i = 1; i <= 6; i++) {
    const p = v(`НазначениеПлатежа${i}`)
    if (p) parts.push(p)
  }
  return parts.length ? parts.join(' ') : null
}
