// Bank statement parsers: pure functions bytes → ParseResult (formats.md §0–§4). No database,
// no I/O: the import pipeline and the dry-run CLI both call parseStatement.
import { parseCamt } from './camt.js'
import { parseCommerceMl } from './commerceml.js'
import { parseCsv } from './csv.js'
import { detectBytes } from './detect.js'
import { utf16Kind, utf16ToUtf8 } from './encoding.js'
import { parseMt940 } from './mt940.js'
import { ParseFailure } from './normalize.js'
import { parse1C } from './onec.js'
import type { ParseFormat, ParseOptions, ParseResult } from './types.js'
import { parseZip } from './zip.js'

export { validateCsvMapping } from './csv.js'
export { currencyExponent, normalizeCurrency, parseMinor } from './money.js'
export type * from './types.js'

/** The contract format name for the bytes (`unknown` when no parser applies). CSV is never
 *  detected: it needs a column mapping. */
export function detectFormat(bytes: Buffer): ParseFormat {
  const d = detectBytes(bytes)
  if (d === 'zip' || d === 'enterprisedata') return 'unknown'
  return d
}

export function parseStatement(bytes: Buffer, opts: ParseOptions = {}): ParseResult {
  let input = bytes
  const u16 = utf16Kind(input)
  let guess: ParseFormat = opts.csv ? 'csv' : 'unknown'
  try {
    if (opts.csv) return parseCsv(input, opts.csv)
    if (u16) input = utf16ToUtf8(input, u16)
    const kind = detectBytes(input)
    switch (kind) {
      case '1c-clientbankexchange':
        guess = kind
        return withUtf16(parse1C(input), u16)
      case 'camt.053':
      case 'camt.054':
      case 'camt.052':
        guess = kind
        return withUtf16(parseCamt(input, kind), u16)
      case 'mt940':
        guess = kind
        return withUtf16(parseMt940(input), u16)
      case 'commerceml':
        guess = kind
        return withUtf16(parseCommerceMl(input), u16)
      case 'zip':
        return parseZip(input, (member) => parseStatement(member, opts))
      case 'enterprisedata':
        return failure(
          'unknown_format',
          'unknown',
          '1C EnterpriseData messages are not imported as statements; export 1CClientBankExchange or CommerceML instead',
          {},
        )
      default:
        return failure(
          'unknown_format',
          'unknown',
          'not a recognised statement: expected 1CClientBankExchange, camt.052/053/054 XML, MT940 or CommerceML (CSV needs a column mapping)',
          { line: 1 },
        )
    }
  } catch (err) {
    if (err instanceof ParseFailure) return failure(err.code, guess, err.message, err.where)
    throw err
  }
}

function withUtf16(r: ParseResult, u16: string | null): ParseResult {
  if (u16) r.meta.encoding = u16
  return r
}

function failure(
  code: ParseResult['error'] & string,
  format: ParseFormat,
  message: string,
  where: { line?: number; path?: string },
): ParseResult {
  const meta: ParseResult['meta'] = { message }
  if (where.line != null) meta.line = where.line
  if (where.path != null) meta.path = where.path
  return { format, error: code, meta, transactions: [] }
}
