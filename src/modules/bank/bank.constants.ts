/** Who does what: the head imports statements and keeps company money (expenses, rules, mappings);
 *  managers work the review queue of incoming payments for their clients. */
export const IMPORT = 'bank.import'
export const REVIEW = 'bank.review'

/** What became of a bank transaction. */
export const TX_STATUSES = ['posted', 'expense', 'review', 'ignored'] as const
export type TxStatus = (typeof TX_STATUSES)[number]

/** How an incoming payment found its client, in the order they are tried. */
export const MATCH_KINDS = ['reference', 'tax_id', 'account', 'rule', 'manual'] as const
export type MatchKind = (typeof MATCH_KINDS)[number]

/** Why a transaction waits for a person. */
export const REVIEW_REASONS = [
  'unmatched',
  'ambiguous',
  'currency_mismatch',
  'request_cancelled',
  'request_not_payable',
  'reversal',
  'period_locked',
  'uncategorised',
] as const
export type ReviewReason = (typeof REVIEW_REASONS)[number]

export const EXPENSE_RULE_KINDS = ['name', 'tax_id', 'keyword'] as const
export type ExpenseRuleKind = (typeof EXPENSE_RULE_KINDS)[number]

export const IMPORT_SORTS = ['imported_at', 'file_name', 'format', 'transactions', 'to_review'] as const
export const REVIEW_SORTS = ['date', 'amount', 'counterparty', 'status'] as const
export const STATEMENT_SORTS = ['period_to', 'account', 'closing'] as const
export const RULE_SORTS = ['pattern', 'created_at'] as const

/** Rows per insert statement: PostgreSQL allows 65,535 parameters, a bank transaction has about 30. */
export const INSERT_BATCH = 500

/** CSV mapping form fields → CsvMapping keys (columns). */
export const COLUMN_FIELDS = [
  ['csv_date', 'date'],
  ['csv_value_date', 'valueDate'],
  ['csv_amount', 'amount'],
  ['csv_debit', 'debit'],
  ['csv_credit', 'credit'],
  ['csv_name', 'counterpartyName'],
  ['csv_account', 'counterpartyAccount'],
  ['csv_tax_id', 'counterpartyTaxId'],
  ['csv_purpose', 'purpose'],
  ['csv_reference', 'reference'],
  ['csv_bank_id', 'bankTransactionId'],
  ['csv_currency_column', 'currencyColumn'],
] as const

export const MAPPING_COLUMN_FIELDS = COLUMN_FIELDS.map(([f]) => f)
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'YYYY.MM.DD.', 'MM/DD/YYYY', 'DD/MM/YYYY', 'YYYY.MM.DD']
export const ENCODINGS = ['', 'utf-8', 'windows-1250', 'windows-1251', 'windows-1252', 'cp852']
