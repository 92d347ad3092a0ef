import type { FieldErrors } from '../../core/errors.js'
import { formData } from '../../core/http/forms.js'
import { minorToDecimal } from '../../core/i18n/format.js'
import type { Locale } from '../../core/i18n/messages.js'
import { isCurrencyCode, parseAmount } from '../../core/money/money.js'
import type { ContractInput } from './contract-input.js'
import { parseDateText } from './contract-parameters.js'
import { type ContractParameter, MAX_PARAMETERS } from './contracts.constants.js'
import { type ContractView, decimalSeparator } from './contracts.service.js'

/** A parameter row as typed into the form. */
export interface ParameterRow {
  key: string
  type: string
  value: string
}

/** The contract form as strings, exactly as the user typed them (kept on every error). */
export interface ContractFormValues {
  clientId: string
  number: string
  signedOn: string
  subject: string
  type: string
  amount: string
  currency: string
  validFrom: string
  validTo: string
  issuer: string
  notes: string
  version: string
  parameters: ParameterRow[]
}

/** Empty rows the form offers for new parameters. */
export const BLANK_PARAMETER_ROWS = 2

/** A new contract's form: the company's currency, and the company itself as the issuer. */
export const emptyFormValues = (clientId: string, currency: string, issuer: string): ContractFormValues => ({
  clientId,
  number: '',
  signedOn: '',
  subject: '',
  type: 'services',
  amount: '',
  currency,
  validFrom: '',
  validTo: '',
  issuer,
  notes: '',
  version: '',
  parameters: [],
})

// Words the parameter parser reads back as true/false (see contract-parameters.ts).
const YES_NO: Record<Locale, [string, string]> = { en: ['yes', 'no'], hu: ['igen', 'nem'], ru: ['да', 'нет'] }

/** A parameter's value as a person would type it back into the form. */
export function parameterText(p: ContractParameter, locale: Locale): string {
  const sep = decimalSeparator(locale)
  switch (p.type) {
    case 'money': {
      const m = p.value as { minor: number; currency: string }
      return `${minorToDecimal(m.minor, m.currency).replace('.', sep)} ${m.currency}`
    }
    case 'number':
      return String(p.value).replace('.', sep)
    case 'boolean':
      return YES_NO[locale][p.value ? 0 : 1]
    default:
      return String(p.value)
  }
}

export const formValuesOf = (c: ContractView, locale: Locale): ContractFormValues => ({
  clientId: c.clientId,
  number: c.number,
  signedOn: c.signedOn,
  subject: c.subject,
  type: c.type,
  amount: c.amount ? minorToDecimal(c.amount.minor, c.amount.currency).replace('.', decimalSeparator(locale)) : '',
  currency: c.amount?.currency ?? '',
  validFrom: c.validFrom,
  validTo: c.validTo ?? '',
  issuer: c.issuer ?? '',
  notes: c.notes,
  version: String(c.version),
  parameters: c.parameters.map((p) => ({ key: p.key, type: p.type, value: parameterText(p, locale) })),
})

/** Reads the posted form; parameter rows come as `param_key_<i>`, `param_type_<i>`, `param_value_<i>`. */
export function formValuesFromBody(body: unknown): ContractFormValues {
  const f = formData(body)
  const parameters: ParameterRow[] = []
  for (let i = 0; i < MAX_PARAMETERS + BLANK_PARAMETER_ROWS + 1; i++) {
    if (!(`param_key_${i}` in f)) continue
    parameters.push({
      key: f[`param_key_${i}`] ?? '',
      type: f[`param_type_${i}`] ?? '',
      value: f[`param_value_${i}`] ?? '',
    })
  }
  const s = (k: string) => (f[k] ?? '').trim()
  return {
    clientId: s('client_id'),
    number: s('number'),
    signedOn: s('signed_on'),
    subject: s('subject'),
    type: s('type'),
    amount: s('amount'),
    currency: s('amount_currency').toUpperCase(),
    validFrom: s('valid_from'),
    validTo: s('valid_to'),
    issuer: s('issuer'),
    notes: f.notes ?? '',
    version: s('version'),
    parameters,
  }
}

/**
 * Turns the typed form into service input. Dates may be typed in the locale's way; the amount
 * takes the locale's decimal separator. Rows left wholly empty are not parameters.
 */
export function inputFromForm(v: ContractFormValues, locale: Locale, defaultCurrency: string) {
  const errors: FieldErrors = {}
  const date = (field: string, text: string) => {
    if (!text) return ''
    const iso = parseDateText(text)
    if (!iso) errors[field] = 'contracts.error.date'
    return iso ?? ''
  }
  const currency = v.currency || defaultCurrency
  let amount: ContractInput['amount'] = null
  if (v.amount) {
    if (!isCurrencyCode(currency)) errors.amount_currency = 'contracts.error.currency'
    else {
      const minor = parseAmount(v.amount, currency, decimalSeparator(locale))
      if (minor === null) errors.amount = 'form.invalid_amount'
      else amount = { minor, currency }
    }
  }
  const rows = v.parameters
    .map((p, index) => ({ ...p, index }))
    .filter((p) => p.key.trim() !== '' || p.value.trim() !== '')
  const input: ContractInput = {
    number: v.number,
    signedOn: date('signed_on', v.signedOn),
    subject: v.subject,
    type: v.type,
    parameters: rows.map((p) => ({ key: p.key, type: p.type, value: p.value })),
    amount,
    validFrom: date('valid_from', v.validFrom),
    validTo: date('valid_to', v.validTo) || null,
    issuer: v.issuer || null,
    notes: v.notes,
  }
  // The service numbers parameters as given; the form shows errors on the row they came from.
  const rowIndex = rows.map((r) => r.index)
  return { input, errors, rowIndex }
}

/** Moves `parameters.<i>.*` errors from the service's numbering to the form's rows. */
export function errorsOnRows(errors: FieldErrors, rowIndex: number[]): FieldErrors {
  const out: FieldErrors = {}
  for (const [k, v] of Object.entries(errors)) {
    const m = /^parameters\.(\d+)\.(key|type|value)$/.exec(k)
    out[m ? `param_${m[2]}_${rowIndex[Number(m[1])] ?? m[1]}` : k] = v
  }
  return out
}
