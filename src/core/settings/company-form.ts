import { ValidationError } from '../errors.js'
import { EMAIL_RE, type FormData } from '../http/forms.js'
import { isLocale } from '../i18n/messages.js'
import { formatIban, ibanValid, looksLikeIban } from '../money/iban.js'
import { type BankAccount, type CompanySettings, DEFAULT_NUMBERING } from './settings-store.js'

/** A bank account row as typed into the form. */
export interface BankAccountInput {
  bankName: string
  account: string
  bic: string
  currency: string
}

/** The company form as typed: kept verbatim so a refused form comes back as the user left it. */
export interface CompanyInput {
  legalName: string
  shortName: string
  taxId: string
  address: string
  email: string
  phone: string
  bankAccounts: BankAccountInput[]
  defaultCurrency: string
  vatRates: string
  timeZone: string
  defaultLocale: string
  numbering: Record<string, string>
}

export const MAX_BANK_ACCOUNTS = 20

// Node 20's list leaves out the plain "UTC" zone, which companies reasonably choose.
const TIME_ZONES: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'].sort()
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'))

export const timeZones = (): readonly string[] => TIME_ZONES
export const isTimeZone = (zone: string): boolean => TIME_ZONES.includes(zone)
export const isCurrency = (code: string): boolean => CURRENCIES.has(code)

/** The document kinds whose numbering the form offers: the defaults plus any stored ones. */
export const numberingKinds = (numbering: Record<string, string>): string[] => [
  ...new Set([...Object.keys(DEFAULT_NUMBERING), ...Object.keys(numbering)]),
]

/** Basis points as the percentage a person types ("2700" → "27", "550" → "5.5"). */
export const basisPointsToPercent = (bp: number): string => String(bp / 100)

export function companyInputFrom(company: CompanySettings): CompanyInput {
  return {
    legalName: company.legalName,
    shortName: company.shortName,
    taxId: company.taxId,
    address: company.address,
    email: company.email,
    phone: company.phone,
    bankAccounts: company.bankAccounts.map((b) => ({ ...b })),
    defaultCurrency: company.defaultCurrency,
    vatRates: company.vatRates.map(basisPointsToPercent).join(', '),
    timeZone: company.timeZone,
    defaultLocale: company.defaultLocale,
    numbering: { ...DEFAULT_NUMBERING, ...company.numbering },
  }
}

/**
 * Reads the posted form. Bank rows are `bank_<field>_<i>` for i below `bank_rows`; blank rows and
 * rows whose "remove" box is ticked are dropped here, so error indices match the rows shown again.
 */
export function companyInputFromForm(form: FormData, kinds: string[]): CompanyInput {
  const rows = Math.min(MAX_BANK_ACCOUNTS + 1, Math.max(0, Number.parseInt(form.bank_rows ?? '0', 10) || 0))
  const bankAccounts: BankAccountInput[] = []
  for (let i = 0; i < rows; i++) {
    if (form[`bank_remove_${i}`]) continue
    const row = {
      bankName: form[`bank_name_${i}`] ?? '',
      account: form[`bank_account_${i}`] ?? '',
      bic: form[`bank_bic_${i}`] ?? '',
      currency: form[`bank_currency_${i}`] ?? '',
    }
    if (!isBlankRow(row)) bankAccounts.push(row)
  }
  const numbering: Record<string, string> = {}
  // A kind the form did not carry (a page rendered before a module added it) keeps its default.
  for (const kind of kinds) numbering[kind] = form[`numbering_${kind}`] ?? DEFAULT_NUMBERING[kind] ?? ''
  return {
    legalName: form.legal_name ?? '',
    shortName: form.short_name ?? '',
    taxId: form.tax_id ?? '',
    address: form.address ?? '',
    email: form.email ?? '',
    phone: form.phone ?? '',
    bankAccounts,
    defaultCurrency: form.default_currency ?? '',
    vatRates: form.vat_rates ?? '',
    timeZone: form.time_zone ?? '',
    defaultLocale: form.default_locale ?? '',
    numbering,
  }
}

/** A row left entirely blank: the spare row the form always offers. */
export const isBlankRow = (row: BankAccountInput): boolean =>
  !row.bankName.trim() && !row.account.trim() && !row.bic.trim() && !row.currency.trim()

export { formatIban, looksLikeIban } from '../money/iban.js'
/** ISO 13616 check digits (kept under this name for the settings form). */
export const ibanChecksumValid = ibanValid

const BIC_RE = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/

/**
 * "0, 5, 18, 27" → basis points [0, 500, 1800, 2700]. Rates are separated by commas, semicolons or
 * spaces, so the decimal mark is the point only; at most two decimals, as basis points hold.
 */
export function parseVatRates(text: string): number[] | null {
  const parts = text.split(/[,;\s]+/).filter(Boolean)
  if (parts.length === 0) return null
  const out = new Set<number>()
  for (const part of parts) {
    const m = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(part)
    if (!m) return null
    const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
    if (bp > 10000) return null
    out.add(bp)
  }
  return [...out].sort((a, b) => a - b)
}

const PLACEHOLDER_RE = /\{([^{}]*)\}/g

/** The message key of what is wrong with a numbering template, or null when it is usable. */
export function numberingProblem(template: string): string | null {
  if (!template) return 'form.required'
  if (template.length > 60) return 'form.too_long'
  let counters = 0
  for (const m of template.matchAll(PLACEHOLDER_RE)) {
    const name = m[1] ?? ''
    if (/^N{1,12}$/.test(name)) counters++
    else if (!['YYYY', 'YY', 'MM'].includes(name)) return 'settings.numbering_unknown_placeholder'
  }
  if (template.replace(PLACEHOLDER_RE, '').match(/[{}]/)) return 'settings.numbering_unknown_placeholder'
  if (counters === 0) return 'settings.numbering_no_counter'
  if (counters > 1) return 'settings.numbering_two_counters'
  return null
}

/** The number a template gives for counter `n` on `date` (for the example under the field). */
export function numberingExample(template: string, date: Date, n = 1): string {
  const yyyy = String(date.getUTCFullYear())
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0')
  return template.replace(PLACEHOLDER_RE, (whole, name: string) => {
    if (name === 'YYYY') return yyyy
    if (name === 'YY') return yyyy.slice(2)
    if (name === 'MM') return mm
    if (/^N+$/.test(name)) return String(n).padStart(name.length, '0')
    return whole
  })
}

function checkBankAccounts(rows: BankAccountInput[], errors: Record<string, string>): BankAccount[] {
  const out: BankAccount[] = []
  rows.forEach((row, i) => {
    const bankName = row.bankName.trim()
    const account = row.account.trim()
    const bic = row.bic.trim().toUpperCase().replace(/\s/g, '')
    const currency = row.currency.trim().toUpperCase()
    if (isBlankRow(row)) return
    if (!bankName) errors[`bank_name_${i}`] = 'form.required'
    else if (bankName.length > 120) errors[`bank_name_${i}`] = 'form.too_long'
    if (!account) errors[`bank_account_${i}`] = 'form.required'
    else if (account.length > 60) errors[`bank_account_${i}`] = 'form.too_long'
    else if (looksLikeIban(account) && !ibanChecksumValid(account))
      errors[`bank_account_${i}`] = 'settings.iban_invalid'
    if (bic && !BIC_RE.test(bic)) errors[`bank_bic_${i}`] = 'settings.bic_invalid'
    if (!currency) errors[`bank_currency_${i}`] = 'form.required'
    else if (!isCurrency(currency)) errors[`bank_currency_${i}`] = 'settings.currency_invalid'
    out.push({ bankName, account: looksLikeIban(account) ? formatIban(account) : account, bic, currency })
  })
  if (out.length > MAX_BANK_ACCOUNTS) errors.bank_rows = 'settings.too_many_accounts'
  return out
}

/**
 * Checks the company form and returns the new settings (images kept from `current`); throws a
 * ValidationError naming each wrong field.
 */
export function checkCompanyInput(input: CompanyInput, current: CompanySettings): CompanySettings {
  const errors: Record<string, string> = {}
  const text = (field: string, value: string, max: number, required = false) => {
    const v = value.trim()
    if (required && !v) errors[field] = 'form.required'
    else if (v.length > max) errors[field] = 'form.too_long'
    return v
  }
  const legalName = text('legal_name', input.legalName, 200, true)
  const shortName = text('short_name', input.shortName, 60)
  const taxId = text('tax_id', input.taxId, 40)
  const address = text('address', input.address, 500)
  const phone = text('phone', input.phone, 40)
  const email = text('email', input.email, 254).toLowerCase()
  if (email && !errors.email && !EMAIL_RE.test(email)) errors.email = 'form.email'
  const bankAccounts = checkBankAccounts(input.bankAccounts, errors)
  const defaultCurrency = input.defaultCurrency.trim().toUpperCase()
  if (!defaultCurrency) errors.default_currency = 'form.required'
  else if (!isCurrency(defaultCurrency)) errors.default_currency = 'settings.currency_invalid'
  const vatRates = parseVatRates(input.vatRates)
  if (!vatRates) errors.vat_rates = input.vatRates.trim() ? 'settings.vat_rates_invalid' : 'form.required'
  const timeZone = input.timeZone.trim()
  if (!isTimeZone(timeZone)) errors.time_zone = timeZone ? 'settings.time_zone_invalid' : 'form.required'
  if (!isLocale(input.defaultLocale)) errors.default_locale = 'form.invalid_choice'
  const numbering: Record<string, string> = {}
  for (const [kind, raw] of Object.entries(input.numbering)) {
    const template = raw.trim()
    const problem = numberingProblem(template)
    if (problem) errors[`numbering_${kind}`] = problem
    numbering[kind] = template
  }
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return {
    ...current,
    legalName,
    shortName,
    taxId,
    address,
    email,
    phone,
    bankAccounts,
    defaultCurrency,
    vatRates: vatRates ?? [],
    timeZone,
    defaultLocale: isLocale(input.defaultLocale) ? input.defaultLocale : current.defaultLocale,
    numbering,
  }
}
