import { currencyDigits } from '../i18n/format.js'

export interface Money {
  minor: number
  currency: string
}

export const isCurrencyCode = (code: string): boolean => /^[A-Z]{3}$/.test(code)

/** Divides with half-up rounding away from zero, exactly, on integers. */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  const q = (n * 2n + d) / (d * 2n)
  return negative ? -q : q
}

/** VAT of a net line amount; `rateBasisPoints` is the rate in hundredths of a percent (27% = 2700). */
export function vatOf(netMinor: number, rateBasisPoints: number): number {
  return Number(divRoundHalfUp(BigInt(netMinor) * BigInt(rateBasisPoints), 10000n))
}

/** Net amount of `quantity` (in thousandths) at `unitPriceMinor`, rounded half-up to the minor unit. */
export function lineNet(quantityMilli: number, unitPriceMinor: number): number {
  return Number(divRoundHalfUp(BigInt(quantityMilli) * BigInt(unitPriceMinor), 1000n))
}

/**
 * Parses what a person typed ("1 234,56", "1,234.56", "1234.5", "-12") into minor units, accepting
 * the locale's decimal separator; null when it is not an amount or has too many decimals.
 */
export function parseAmount(input: string, currency: string, decimalSeparator: ',' | '.' = '.'): number | null {
  const digits = currencyDigits(currency)
  let s = input.trim().replace(/[\s\u00a0\u202f']/g, '')
  if (s === '') return null
  const negative = s.startsWith('-')
  if (negative || s.startsWith('+')) s = s.slice(1)
  const group = decimalSeparator === ',' ? '.' : ','
  // A lone other separator is a decimal point typed the other way ("12,5" in an English form) unless
  // it reads as a thousands separator ("1,234" for a two-decimal currency).
  if (!s.includes(decimalSeparator)) {
    const m = new RegExp(`^(\\d+)\\${group}(\\d+)$`).exec(s)
    const [head = '', tail = ''] = m ? [m[1], m[2]] : []
    if (m && tail.length <= Math.max(digits, 1) && !(tail.length === 3 && head.length <= 3)) {
      s = `${head}${decimalSeparator}${tail}`
    }
  }
  const [whole = '', fraction = '', extra] = s.split(decimalSeparator)
  if (extra !== undefined || !/^\d*$/.test(fraction) || fraction.length > digits) return null
  // Group separators only between thousands: "1,234,567" yes; "1,23,4" or "1,2345" is a typo.
  const wellGrouped = new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})+$`)
  if (whole.includes(group) ? !wellGrouped.test(whole) : !/^\d+$/.test(whole)) return null
  const minor = Number(whole.split(group).join('')) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
  if (!Number.isSafeInteger(minor)) return null
  return negative ? -minor : minor
}
