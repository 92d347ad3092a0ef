// CSV statements with an explicit column mapping (saved per bank account). Never auto-detected.
import { parse as parseCsvText } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import { fromPattern } from './dates.js'
import { decode, detectLatinEncoding, firstNonAscii, hasUtf8Bom, isValidUtf8, lineEndingOf } from './encoding.js'
import { currencyExponent, normalizeCurrency, parseSignedMinor } from './money.js'
import { clean, fail, keyOf, makeTransaction, OccurrenceCounter } from './normalize.js'
import type { CsvColumn, CsvMapping, Direction, NormalizedTransaction, ParseMeta, ParseResult } from './types.js'

function decodeCsv(bytes: Buffer, declared?: string): { text: string; encoding: string; bom: boolean } {
  if (hasUtf8Bom(bytes)) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8', bom: true }
  if (declared) {
    if (!iconv.encodingExists(declared)) fail('malformed', `CSV mapping: unknown encoding "${declared}"`, {})
    return {
      text: decode(bytes, declared.toLowerCase() === 'utf8' ? 'utf-8' : declared),
      encoding: declared.toLowerCase(),
      bom: false,
    }
  }
  if (firstNonAscii(bytes) === -1 || isValidUtf8(bytes))
    return { text: bytes.toString('utf8'), encoding: 'utf-8', bom: false }
  const d = detectLatinEncoding(bytes)
  return { text: d.text, encoding: d.encoding, bom: false }
}

/** Checks a mapping before use so a bad saved mapping is reported as such, not as bad data. */
export function validateCsvMapping(m: CsvMapping): string[] {
  const problems: string[] = []
  if (m.date == null) problems.push('date column is required')
  if (!m.dateFormat) problems.push('dateFormat is required')
  const hasAmount = m.amount != null
  const hasDc = m.debit != null || m.credit != null
  if (!hasAmount && !hasDc) problems.push('either an amount column or debit/credit columns are required')
  if (hasAmount && hasDc) problems.push('use an amount column OR debit/credit columns, not both')
  if (!m.currency && m.currencyColumn == null) problems.push('a currency column or a fixed currency is required')
  if (!m.ownAccount && m.ownAccountColumn == null) problems.push('the own account (fixed or column) is required')
  if (m.delimiter != null && m.delimiter.length !== 1) problems.push('delimiter must be one character')
  if (m.decimalSeparator && m.decimalSeparator !== '.' && m.decimalSeparator !== ',')
    problems.push('decimalSeparator must be "." or ","')
  return problems
}

export function parseCsv(bytes: Buffer, mapping: CsvMapping): ParseResult {
  const problems = validateCsvMapping(mapping)
  if (problems.length) fail('malformed', `CSV mapping: ${problems.join('; ')}`, {})
  const { text, encoding, bom } = decodeCsv(bytes, mapping.encoding)
  const meta: ParseMeta = { encoding, bom, lineEnding: lineEndingOf(text) }
  const delimiter = mapping.delimiter ?? guessDelimiter(text)
  meta.delimiter = delimiter
  let rows: { record: string[]; info: { lines: number } }[]
  try {
    rows = parseCsvText(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      from_line: (mapping.skipRows ?? 0) + 1,
      bom: false,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (err) {
    const e = err as { message?: string; lines?: number }
    fail('malformed', `line ${e.lines ?? '?'}: ${e.message ?? 'CSV syntax error'}`, e.lines ? { line: e.lines } : {})
  }
  const skip = mapping.skipRows ?? 0
  let headerNames: string[] | null = null
  if (mapping.header) {
    const h = rows.shift()
    if (!h) fail('malformed', 'CSV has no header row', { line: skip + 1 })
    headerNames = h.record.map((x) => x.trim())
  }
  const colIndex = (c: CsvColumn | undefined, label: string): number | null => {
    if (c == null) return null
    if (typeof c === 'number') return c
    if (/^\d+$/.test(c) && !headerNames) return Number(c)
    if (!headerNames) fail('malformed', `CSV mapping: column "${c}" for ${label} needs header: true`, {})
    const i = headerNames.indexOf(c.trim())
    if (i === -1) fail('malformed', `CSV header has no column "${c}" (for ${label})`, { line: skip + 1 })
    return i
  }
  const idx = {
    date: colIndex(mapping.date, 'date') as number,
    valueDate: colIndex(mapping.valueDate, 'valueDate'),
    amount: colIndex(mapping.amount, 'amount'),
    debit: colIndex(mapping.debit, 'debit'),
    credit: colIndex(mapping.credit, 'credit'),
    direction: colIndex(mapping.directionColumn, 'directionColumn'),
    name: colIndex(mapping.counterpartyName, 'counterpartyName'),
    account: colIndex(mapping.counterpartyAccount, 'counterpartyAccount'),
    taxId: colIndex(mapping.counterpartyTaxId, 'counterpartyTaxId'),
    bankId: colIndex(mapping.counterpartyBankId, 'counterpartyBankId'),
    purpose: colIndex(mapping.purpose, 'purpose'),
    reference: colIndex(mapping.reference, 'reference'),
    btid: colIndex(mapping.bankTransactionId, 'bankTransactionId'),
    currency: colIndex(mapping.currencyColumn, 'currencyColumn'),
    own: colIndex(mapping.ownAccountColumn, 'ownAccountColumn'),
  }
  const sep = mapping.decimalSeparator ?? '.'
  const dirIn = new Set((mapping.directionIn ?? []).map((x) => x.trim().toLowerCase()))
  const dirOut = new Set((mapping.directionOut ?? []).map((x) => x.trim().toLowerCase()))
  const counter = new OccurrenceCounter()
  const transactions: NormalizedTransaction[] = []
  for (const { record, info } of rows) {
    const line = info.lines
    const cell = (i: number | null): string | null => (i == null ? null : clean(record[i]))
    if (record.every((x) => x.trim() === '')) continue
    const rawDate = cell(idx.date)
    const date = rawDate ? fromPattern(rawDate, mapping.dateFormat) : null
    if (!date)
      fail('invalid_date', `line ${line}: date "${rawDate ?? ''}" does not match ${mapping.dateFormat}`, { line })
    let valueDate: string | null = null
    const rawValue = cell(idx.valueDate)
    if (rawValue) {
      valueDate = fromPattern(rawValue, mapping.dateFormat)
      if (!valueDate)
        fail('invalid_date', `line ${line}: value date "${rawValue}" does not match ${mapping.dateFormat}`, { line })
    }
    const currency = normalizeCurrency(cell(idx.currency) ?? mapping.currency)
    if (!currency) fail('malformed', `line ${line}: no currency`, { line })
    const exp = currencyExponent(currency)
    let amount: number
    let direction: Direction
    if (idx.amount != null) {
      const raw = cell(idx.amount)
      const v = raw == null ? null : parseSignedMinor(raw, exp, sep)
      if (v == null) fail('invalid_amount', `line ${line}: amount "${raw ?? ''}" is not a valid amount`, { line })
      const marker = cell(idx.direction)?.toLowerCase()
      if (marker != null && (dirIn.has(marker) || dirOut.has(marker))) direction = dirIn.has(marker) ? 'in' : 'out'
      else if (idx.direction != null)
        fail('malformed', `line ${line}: direction "${marker ?? ''}" is neither in nor out`, { line })
      else if (mapping.signConvention === 'negative-in') direction = v < 0 ? 'in' : 'out'
      else direction = v < 0 ? 'out' : 'in'
      amount = Math.abs(v)
    } else {
      const d = cell(idx.debit)
      const c = cell(idx.credit)
      const dv = d == null ? null : parseSignedMinor(d, exp, sep)
      const cv = c == null ? null : parseSignedMinor(c, exp, sep)
      if (d != null && dv == null) fail('invalid_amount', `line ${line}: debit "${d}" is not a valid amount`, { line })
      if (c != null && cv == null) fail('invalid_amount', `line ${line}: credit "${c}" is not a valid amount`, { line })
      const debit = Math.abs(dv ?? 0)
      const credit = Math.abs(cv ?? 0)
      if (debit && credit) fail('invalid_amount', `line ${line}: both debit and credit are filled`, { line })
      if (!debit && !credit && dv == null && cv == null)
        fail('invalid_amount', `line ${line}: neither debit nor credit is filled`, { line })
      direction = debit ? 'out' : 'in'
      amount = debit || credit
    }
    const ownAccount = cell(idx.own) ?? clean(mapping.ownAccount)
    if (!ownAccount) fail('malformed', `line ${line}: no own account`, { line })
    const reference = cell(idx.reference)
    const btid = cell(idx.btid)
    const cpAccount = cell(idx.account)
    const dedupKey = btid
      ? keyOf(['csv', ownAccount, currency, btid])
      : counter.next(keyOf(['csv', ownAccount, currency, date, direction, amount, reference, cpAccount]))
    transactions.push(
      makeTransaction({
        ownAccount,
        date,
        valueDate,
        documentDate: null,
        amount,
        currency,
        direction,
        counterpartyName: cell(idx.name),
        counterpartyTaxId: cell(idx.taxId),
        counterpartyAccount: cpAccount,
        counterpartyBankId: cell(idx.bankId),
        reference,
        purpose: cell(idx.purpose),
        bankTransactionId: btid,
        isReversal: false,
        dedupKey,
      }),
    )
  }
  return { format: 'csv', meta, transactions }
}

function guessDelimiter(text: string): string {
  const first = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'))
  let best = ','
  let bestCount = 0
  for (const d of [';', ',', '\t', '|']) {
    const n = first.split(d).length - 1
    if (n > bestCount) {
      best = d
      bestCount = n
    }
  }
  return best
}
