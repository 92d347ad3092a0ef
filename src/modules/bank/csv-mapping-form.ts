import type { FieldErrors } from '../../core/errors.js'
import { COLUMN_FIELDS, DATE_FORMATS, ENCODINGS } from './bank.constants.js'
import type { CsvColumn, CsvMapping } from './parse/types.js'

/** The mapping form's fields, as typed (columns are 1-based numbers or header names). */
export type MappingValues = Record<string, string>

// People count columns from 1; the parser from 0. A name is a header name (with a header row).
const columnOf = (raw: string): CsvColumn | undefined => {
  const v = raw.trim()
  if (!v) return undefined
  return /^\d+$/.test(v) ? Number(v) - 1 : v
}
const shownColumn = (c: CsvColumn | undefined) => (c === undefined ? '' : typeof c === 'number' ? String(c + 1) : c)

/** A saved mapping as form values. */
export function mappingValues(m: CsvMapping | null, account: string, currency: string | null): MappingValues {
  const v: MappingValues = {
    csv_delimiter: m?.delimiter ?? ';',
    csv_encoding: m?.encoding ?? '',
    csv_header: m ? (m.header ? '1' : '') : '1',
    csv_skip_rows: String(m?.skipRows ?? 0),
    csv_date_format: m?.dateFormat ?? 'YYYY-MM-DD',
    csv_sign: m?.signConvention ?? 'negative-out',
    csv_decimal: m?.decimalSeparator ?? ',',
    csv_currency: m?.currency ?? currency ?? '',
    csv_own_account: m?.ownAccount ?? account,
  }
  for (const [field, key] of COLUMN_FIELDS) v[field] = shownColumn(m?.[key] as CsvColumn | undefined)
  return v
}

/** Form values to a mapping, with errors under the form's field names. */
export function mappingFromForm(form: MappingValues): { mapping: CsvMapping | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const delimiter = form.csv_delimiter === '\\t' || form.csv_delimiter === 'tab' ? '\t' : (form.csv_delimiter ?? '')
  if (delimiter.length !== 1) errors.csv_delimiter = 'bank.error.delimiter'
  const dateFormat = form.csv_date_format ?? ''
  if (!DATE_FORMATS.includes(dateFormat)) errors.csv_date_format = 'form.invalid_choice'
  const encoding = form.csv_encoding ?? ''
  if (!ENCODINGS.includes(encoding)) errors.csv_encoding = 'form.invalid_choice'
  const skip = Number.parseInt(form.csv_skip_rows || '0', 10)
  if (!Number.isInteger(skip) || skip < 0 || skip > 50) errors.csv_skip_rows = 'form.invalid_number'
  const currency = (form.csv_currency ?? '').trim().toUpperCase()
  if (currency && !/^[A-Z]{3}$/.test(currency)) errors.csv_currency = 'bank.error.currency'
  const header = form.csv_header === '1'
  const m: CsvMapping = { delimiter, header, skipRows: skip, date: 0, dateFormat }
  for (const [field, key] of COLUMN_FIELDS) {
    const col = columnOf(form[field] ?? '')
    if (col === undefined) continue
    if (typeof col === 'string' && !header) errors[field] = 'bank.error.column_name_needs_header'
    if (typeof col === 'number' && col < 0) errors[field] = 'form.invalid_number'
    ;(m as unknown as Record<string, CsvColumn>)[key] = col
  }
  if (m.date === undefined || columnOf(form.csv_date ?? '') === undefined) errors.csv_date = 'form.required'
  if (!form.csv_amount?.trim() && !(form.csv_debit?.trim() && form.csv_credit?.trim()))
    errors.csv_amount = 'bank.error.amount_columns'
  if (!currency && !form.csv_currency_column?.trim()) errors.csv_currency = 'bank.error.currency_needed'
  if (encoding) m.encoding = encoding
  m.signConvention = form.csv_sign === 'negative-in' ? 'negative-in' : 'negative-out'
  m.decimalSeparator = form.csv_decimal === '.' ? '.' : ','
  if (currency) m.currency = currency
  const own = (form.csv_own_account ?? '').trim()
  if (own) m.ownAccount = own
  return { mapping: Object.keys(errors).length ? null : m, errors }
}
