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
  // A lone other separator followed by exactly `digits` digits is read as the decimal point too.
  if (!s.includes(decimalSeparator) && new RegExp(`^\\d+\\${group}\\d{1,${Math.max(digits, 1)}}$`).test(s)) {
    const tail = s.split(group)[1] as string
    if (tail.length !== 3) s = s.replace(group, decimalSeparator)
  }
  s = s.split(group).join('')
  const [whole, fraction = '', extra] = s.split(decimalSeparator)
  if (extra !== undefined || !/^\d+$/.test(whole ?? '') || !/^\d*$/.test(fraction)) return null
  if (fraction.length > digits) return null
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
  if (!Number.isSafeInteger(minor)) return null
  return negative ? -minor : minor
}
