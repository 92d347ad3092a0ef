import type { FieldErrors } from '../../core/errors.js'
import { isCurrencyCode, parseAmount } from '../../core/money/money.js'
import {
  type ContractParameter,
  MAX_PARAMETER_KEY,
  MAX_PARAMETER_TEXT,
  MAX_PARAMETERS,
  PARAMETER_TYPES,
  type ParameterType,
  type ParameterValue,
} from './contracts.constants.js'

/** A parameter as it arrives: typed values from the API, strings from a form. */
export interface RawParameter {
  key: unknown
  type: unknown
  value: unknown
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'igen', 'i', 'да', 'д'])
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'nem', 'нет', 'н'])

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

/** Reads a date typed as `2026-05-01`, `2026. 05. 01.` (hu) or `01.05.2026` (ru, en-GB style). */
export function parseDateText(text: string): string | null {
  const s = text.trim()
  if (isIsoDate(s)) return s
  let m = /^(\d{4})\.\s?(\d{1,2})\.\s?(\d{1,2})\.?$/.exec(s)
  if (m) {
    const iso = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`
    return isIsoDate(iso) ? iso : null
  }
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s)
  if (m) {
    const iso = `${m[3]}-${m[2]?.padStart(2, '0')}-${m[1]?.padStart(2, '0')}`
    return isIsoDate(iso) ? iso : null
  }
  return null
}

function numberValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value !== 'string') return null
  let s = value.trim().replace(/[\s\u00a0\u202f']/g, '')
  // Either separator may be the decimal point; with both, the last one is.
  if (s.includes(',') && s.includes('.'))
    s = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '')
  else s = s.replace(',', '.')
  if (!/^[-+]?\d+(\.\d+)?$/.test(s)) return null
  const n = Number(s)
  return Number.isFinite(n) ? n : null
}

function moneyValue(
  value: unknown,
  defaultCurrency: string,
  decimal: ',' | '.',
): { minor: number; currency: string } | null {
  if (value && typeof value === 'object') {
    const { minor, currency } = value as { minor?: unknown; currency?: unknown }
    if (typeof minor !== 'number' || !Number.isSafeInteger(minor)) return null
    if (typeof currency !== 'string' || !isCurrencyCode(currency)) return null
    return { minor, currency }
  }
  if (typeof value !== 'string') return null
  const m = /^(.*?)\s*([A-Za-z]{3})?$/.exec(value.trim())
  const currency = (m?.[2] ?? defaultCurrency).toUpperCase()
  if (!m?.[1] || !isCurrencyCode(currency)) return null
  const minor = parseAmount(m[1], currency, decimal)
  return minor === null ? null : { minor, currency }
}

function booleanValue(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (typeof value !== 'string') return null
  const s = value.trim().toLowerCase()
  return TRUE_WORDS.has(s) ? true : FALSE_WORDS.has(s) ? false : null
}

/** The value of a parameter read as its type, or null when it is not one. */
export function parameterValue(
  type: ParameterType,
  value: unknown,
  opts: { currency: string; decimal: ',' | '.' },
): ParameterValue | null {
  switch (type) {
    case 'text': {
      if (typeof value !== 'string') return null
      const s = value.trim()
      return s && s.length <= MAX_PARAMETER_TEXT ? s : null
    }
    case 'number':
      return numberValue(value)
    case 'date':
      return typeof value === 'string' ? parseDateText(value) : null
    case 'money':
      return moneyValue(value, opts.currency, opts.decimal)
    case 'boolean':
      return booleanValue(value)
  }
}

/**
 * Checks a parameter list: each item has a key (unique, case-insensitive), one of the types, and a
 * value of that type. Errors are keyed `parameters.<i>.<key|type|value>`.
 */
export function normalizeParameters(
  raw: readonly RawParameter[],
  opts: { currency: string; decimal: ',' | '.' },
): { parameters: ContractParameter[]; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const parameters: ContractParameter[] = []
  if (raw.length > MAX_PARAMETERS) errors.parameters = 'contracts.param.too_many'
  const seen = new Set<string>()
  raw.slice(0, MAX_PARAMETERS).forEach((item, i) => {
    const key = typeof item.key === 'string' ? item.key.trim() : ''
    if (!key) errors[`parameters.${i}.key`] = 'contracts.param.key_required'
    else if (key.length > MAX_PARAMETER_KEY) errors[`parameters.${i}.key`] = 'form.too_long'
    else if (seen.has(key.toLowerCase())) errors[`parameters.${i}.key`] = 'contracts.param.duplicate_key'
    seen.add(key.toLowerCase())
    const type = item.type as ParameterType
    if (!PARAMETER_TYPES.includes(type)) {
      errors[`parameters.${i}.type`] = 'form.invalid_choice'
      return
    }
    const value = parameterValue(type, item.value, opts)
    if (value === null) errors[`parameters.${i}.value`] = `contracts.param.invalid_${type}`
    else parameters.push({ key, type, value })
  })
  return { parameters, errors }
}

/** Parameters as stored; anything unreadable (a hand-edited row) reads as none rather than failing the page. */
export function readParameters(json: string): ContractParameter[] {
  try {
    const list = JSON.parse(json) as unknown
    return Array.isArray(list) ? (list as ContractParameter[]) : []
  } catch {
    return []
  }
}
