import { INTL_TAGS, type Locale } from './messages.js'

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()

function numberFormat(locale: Locale, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n:${locale}:${JSON.stringify(opts)}`
  let f = cache.get(key) as Intl.NumberFormat | undefined
  if (!f) {
    f = new Intl.NumberFormat(INTL_TAGS[locale], opts)
    cache.set(key, f)
  }
  return f
}

function dateFormat(locale: Locale, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d:${locale}:${JSON.stringify(opts)}`
  let f = cache.get(key) as Intl.DateTimeFormat | undefined
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_TAGS[locale], opts)
    cache.set(key, f)
  }
  return f
}

// ISO 4217 exponents where they differ from 2; ICU would give HUF 0 (its cash rounding).
const ZERO_DIGIT = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'XAF', 'XOF', 'UGX', 'PYG', 'RWF'])
const THREE_DIGIT = new Set(['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'IQD', 'LYD'])

/** Minor-unit digits of an ISO 4217 currency (HUF and RUB 2, JPY 0). */
export function currencyDigits(currency: string): number {
  return ZERO_DIGIT.has(currency) ? 0 : THREE_DIGIT.has(currency) ? 3 : 2
}

/** Formats integer minor units as money in the locale, currency always shown. */
export function formatMoney(locale: Locale, minor: number, currency: string): string {
  const digits = currencyDigits(currency)
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minorToDecimal(minor, currency) as never)
}

/** Integer minor units as an exact decimal string ("-1234.05"): Intl formats strings without floats. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency)
  const sign = minor < 0 ? '-' : ''
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0')
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`
}

export function formatNumber(locale: Locale, value: number, opts: Intl.NumberFormatOptions = {}): string {
  return numberFormat(locale, opts).format(value)
}

export function formatPercent(locale: Locale, ratio: number, digits = 1): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio)
}

/** A plain date `YYYY-MM-DD` in the locale's short form. */
export function formatDate(locale: Locale, date: string | null | undefined): string {
  if (!date) return ''
  const [y, m, d] = date.slice(0, 10).split('-').map(Number)
  const at = new Date(Date.UTC(y as number, (m as number) - 1, d as number))
  // A malformed stored value is shown as it is rather than failing the whole page.
  if (Number.isNaN(at.getTime())) return date
  return dateFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(at)
}

/** A UTC timestamp shown in the company's time zone. */
export function formatDateTime(locale: Locale, iso: string | null | undefined, timeZone: string): string {
  if (!iso) return ''
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  return dateFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(at)
}

/** The calendar date of a UTC instant in `timeZone`, as `YYYY-MM-DD`. */
export function dateInZone(iso: string | Date, timeZone: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  // One formatter per zone: building an Intl.DateTimeFormat costs more than formatting with it.
  const key = `z:${timeZone}`
  let f = cache.get(key) as Intl.DateTimeFormat | undefined
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    cache.set(key, f)
  }
  return f.format(d)
}
