import type { FieldErrors } from '../../core/errors.js'
import { isCurrencyCode } from '../../core/money/money.js'
import { isIsoDate, normalizeParameters, type RawParameter } from './contract-parameters.js'
import { CONTRACT_TYPES, type ContractParameter, type ContractType } from './contracts.constants.js'

/** What a person or an integration gives for a contract (the client is given apart: it never changes). */
export interface ContractInput {
  number: string
  signedOn: string
  subject: string
  type: string
  parameters: readonly RawParameter[]
  amount: { minor: number; currency: string } | null
  validFrom: string
  validTo: string | null
  issuer: string | null
  notes: string
}

/** A contract's fields after checking, ready to store. */
export interface CheckedContract {
  number: string
  signedOn: string
  subject: string
  type: ContractType
  parameters: ContractParameter[]
  amount: { minor: number; currency: string } | null
  validFrom: string
  validTo: string | null
  issuer: string | null
  notes: string
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')

/**
 * Checks every field: number, subject, dates as real `YYYY-MM-DD` with valid_from ≤ valid_to, a
 * known type, an amount only where the type has one (framework contracts have none), typed
 * parameters. Field errors carry message keys.
 */
export function checkContractInput(
  input: ContractInput,
  opts: { currency: string; decimal: ',' | '.' },
): { value: CheckedContract; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const number = text(input.number)
  if (!number) errors.number = 'form.required'
  else if (number.length > 60) errors.number = 'form.too_long'
  const subject = text(input.subject)
  if (!subject) errors.subject = 'form.required'
  else if (subject.length > 500) errors.subject = 'form.too_long'
  const type = input.type as ContractType
  if (!CONTRACT_TYPES.includes(type)) errors.type = 'form.invalid_choice'
  for (const [field, value, required] of [
    ['signed_on', input.signedOn, true],
    ['valid_from', input.validFrom, true],
    ['valid_to', input.validTo, false],
  ] as const) {
    if (!value) {
      if (required) errors[field] = 'form.required'
    } else if (!isIsoDate(value)) errors[field] = 'contracts.error.date'
  }
  if (!errors.valid_from && !errors.valid_to && input.validTo && input.validTo < input.validFrom) {
    errors.valid_to = 'contracts.error.valid_to_before_from'
  }
  const amount = input.amount
  if (amount) {
    if (type === 'framework') errors.amount = 'contracts.error.framework_amount'
    else if (!Number.isSafeInteger(amount.minor) || amount.minor < 0) errors.amount = 'contracts.error.amount'
    else if (!isCurrencyCode(amount.currency)) errors.amount_currency = 'contracts.error.currency'
  }
  const issuer = text(input.issuer) || null
  if (issuer && issuer.length > 200) errors.issuer = 'form.too_long'
  const notes = text(input.notes)
  if (notes.length > 5000) errors.notes = 'form.too_long'
  const params = normalizeParameters(input.parameters, opts)
  Object.assign(errors, params.errors)
  return {
    value: {
      number,
      signedOn: input.signedOn,
      subject,
      type,
      parameters: params.parameters,
      amount: amount ? { minor: amount.minor, currency: amount.currency } : null,
      validFrom: input.validFrom,
      validTo: input.validTo || null,
      issuer,
      notes,
    },
    errors,
  }
}
