import { INTL_TAGS, LOCALE_NAMES, LOCALES, type Locale } from '../i18n/messages.js'
import { type BankAccountInput, type CompanyInput, isBlankRow, numberingExample, timeZones } from './company-form.js'

export interface Option {
  value: string
  label: string
}

/** What the company settings view shows besides the input: choices, examples and the bank rows. */
export interface CompanyPageData {
  bankRows: { row: BankAccountInput; spare: boolean }[]
  currencies: Option[]
  timeZones: Option[]
  locales: Option[]
  numberingExamples: Record<string, string>
}

const CURRENCIES = Intl.supportedValuesOf('currency')

/** Builds the view's choices in the reader's language; `extraRows` spare bank rows follow the one always offered. */
export function companyPageData(input: CompanyInput, locale: Locale, now: Date, extraRows = 0): CompanyPageData {
  const names = new Intl.DisplayNames([INTL_TAGS[locale]], { type: 'currency' })
  const blank = { bankName: '', account: '', bic: '', currency: '' }
  const bankRows = input.bankAccounts.map((row) => ({ row, spare: isBlankRow(row) }))
  for (let k = 0; k < 1 + extraRows; k++) bankRows.push({ row: blank, spare: true })
  return {
    bankRows,
    currencies: CURRENCIES.map((code) => ({ value: code, label: `${code} — ${names.of(code) ?? code}` })),
    timeZones: timeZones().map((z) => ({ value: z, label: z.replace(/_/g, ' ') })),
    locales: LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] })),
    numberingExamples: Object.fromEntries(
      Object.entries(input.numbering).map(([kind, template]) => [kind, numberingExample(template, now)]),
    ),
  }
}
