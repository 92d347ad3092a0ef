// The parser contract of formats.md §0.1 (normalized transaction) and §0.5 (import result).
// Field ORDER matters: the dry-run JSON is compared field by field, so every builder in this
// folder creates objects with exactly this key order (see makeTransaction in normalize.ts).

export type Direction = 'in' | 'out'

export interface NormalizedTransaction {
  ownAccount: string
  date: string
  valueDate: string | null
  documentDate: string | null
  amount: number
  currency: string
  direction: Direction
  counterpartyName: string | null
  counterpartyTaxId: string | null
  counterpartyAccount: string | null
  counterpartyBankId: string | null
  reference: string | null
  purpose: string | null
  bankTransactionId: string | null
  isReversal: boolean
  dedupKey: string
  /** 1CClientBankExchange only: the text after `СекцияДокумент=` (e.g. `Платежное поручение`). */
  documentKind?: string | null
}

export type StatementFormat = '1c-clientbankexchange' | 'camt.053' | 'camt.054' | 'camt.052' | 'mt940' | 'commerceml'
export type ParseFormat = StatementFormat | 'csv' | 'unknown'

export type ParseErrorCode =
  | 'truncated'
  | 'unknown_format'
  | 'not_a_statement'
  | 'invalid_amount'
  | 'invalid_date'
  | 'malformed'

export type LineEnding = 'CRLF' | 'LF' | 'mixed'

/** Informative only (not normative): how the file was read and what was noticed. */
export interface ParseMeta {
  encoding?: string
  bom?: boolean
  lineEnding?: LineEnding
  formatVersion?: string | null
  /** MT940: `swift` when a `{1:…}{4:` FIN envelope was present, else `none`. */
  envelope?: string
  /** CommerceML */
  schemaVersion?: string | null
  namespace?: string | null
  /** first problem: human message naming the line (text formats) or XML path */
  message?: string
  line?: number
  path?: string
  warnings?: string[]
  [extra: string]: unknown
}

/** 1C account section (§1.3); amounts in minor units, null when the key is absent. */
export interface AccountSummary {
  account: string
  openingBalance: number | null
  totalIn: number | null
  totalOut: number | null
  closingBalance: number | null
  currency: string
}

/** camt / MT940 statement; balances signed minor units (debit balance < 0), null when absent. */
export interface StatementSummary {
  /** camt `Stmt/Id` (or `Ntfctn/Id`, `Rpt/Id`) */
  statementId?: string | null
  /** MT940 `:20:` */
  reference?: string | null
  /** MT940 `:28C:` / `:28:` */
  statementNumber?: string | null
  account: string
  currency: string | null
  openingBalance: number | null
  closingBalance: number | null
}

export interface SkippedEntry {
  acctSvcrRef: string | null
  status: string | null
}

/** CommerceML normalized counterparty (§4.3). */
export interface CmlBankAccount {
  number: string | null
  bic: string | null
  bankName: string | null
  corrAccount: string | null
}

export interface CmlCounterparty {
  id: string | null
  kind: 'legal' | 'sole_proprietor' | 'person'
  name: string | null
  fullName: string | null
  taxId: string | null
  kpp: string | null
  accounts: CmlBankAccount[]
  email: string | null
  phone: string | null
  deleted: boolean
}

export interface CmlDocumentLine {
  productId: string | null
  name: string | null
  /** quantity as a number (quantities are not money; `1.0000` → 1) */
  quantity: number | null
  /** minor units of the document currency */
  price: number | null
  amount: number | null
}

/** CommerceML normalized document (§4.4). */
export interface CmlDocument {
  id: string | null
  number: string | null
  date: string | null
  time: string | null
  operation: string | null
  ourRole: 'seller' | 'buyer' | null
  currency: string | null
  amount: number | null
  dueDate: string | null
  counterpartyId: string | null
  counterpartyName: string | null
  counterpartyTaxId: string | null
  counterpartyKpp: string | null
  counterpartyRole: string | null
  posted: boolean | null
  deleted: boolean
  lines: CmlDocumentLine[]
  requisites: { name: string; value: string | null }[]
  dedupKey: string
}

export interface ParseResult {
  format: ParseFormat
  error?: ParseErrorCode
  meta: ParseMeta
  /** 1C */
  accounts?: AccountSummary[]
  droppedDuplicates?: number
  /** camt / MT940 */
  statements?: StatementSummary[]
  skippedEntries?: SkippedEntry[]
  /** all statement formats (CSV too); empty on error */
  transactions: NormalizedTransaction[]
  /** CommerceML */
  counterparties?: CmlCounterparty[]
  documents?: CmlDocument[]
}

/** Column mapping for CSV statements (CSV is never auto-detected). Columns are 0-based
 *  indexes or header names (when `header` is true). */
export type CsvColumn = number | string

export interface CsvMapping {
  delimiter?: string
  /** iconv-lite name; default: detected (utf-8 when valid, else windows-1250/1252 scoring) */
  encoding?: string
  header?: boolean
  /** rows to skip before the header/data (bank preambles) */
  skipRows?: number
  date: CsvColumn
  /** e.g. `YYYY-MM-DD`, `DD.MM.YYYY`, `MM/DD/YYYY`, `YYYY.MM.DD.` */
  dateFormat: string
  valueDate?: CsvColumn
  /** one signed amount column … */
  amount?: CsvColumn
  /** … or separate debit / credit columns */
  debit?: CsvColumn
  credit?: CsvColumn
  /** for a single amount column: `negative-out` (default: minus = money out) or `negative-in` */
  signConvention?: 'negative-out' | 'negative-in'
  /** optional column holding a direction marker instead of a sign, with the values meaning in/out */
  directionColumn?: CsvColumn
  directionIn?: string[]
  directionOut?: string[]
  decimalSeparator?: '.' | ','
  counterpartyName?: CsvColumn
  counterpartyAccount?: CsvColumn
  counterpartyTaxId?: CsvColumn
  counterpartyBankId?: CsvColumn
  purpose?: CsvColumn
  reference?: CsvColumn
  bankTransactionId?: CsvColumn
  currencyColumn?: CsvColumn
  currency?: string
  ownAccount?: string
  ownAccountColumn?: CsvColumn
}

export interface ParseOptions {
  csv?: CsvMapping
}
