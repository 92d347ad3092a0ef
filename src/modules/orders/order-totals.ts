import { lineNet, vatOf } from '../../core/money/money.js'

export interface LineAmounts {
  net: number
  vat: number
  total: number
}

/** A line's amounts: net = quantity × unit price and VAT on that net, each rounded half-up to the minor unit. */
export function lineAmounts(quantityMilli: number, unitPriceMinor: number, vatRateBp: number): LineAmounts {
  const net = lineNet(quantityMilli, unitPriceMinor)
  const vat = vatOf(net, vatRateBp)
  return { net, vat, total: net + vat }
}

export interface PricedLine {
  quantityMilli: number
  unitPriceMinor: number | null
  vatRateBp: number | null
}

export interface DocumentTotals {
  net: number
  vat: number
  total: number
  /** Every line has a price. */
  priced: boolean
}

/** A document's totals are the sums of its lines' rounded amounts (never VAT on the sum); unpriced lines add nothing. */
export function documentTotals(lines: readonly PricedLine[]): DocumentTotals {
  let net = 0
  let vat = 0
  let priced = true
  for (const l of lines) {
    if (l.unitPriceMinor === null || l.vatRateBp === null) {
      priced = false
      continue
    }
    const a = lineAmounts(l.quantityMilli, l.unitPriceMinor, l.vatRateBp)
    net += a.net
    vat += a.vat
  }
  return { net, vat, total: net + vat, priced }
}

/**
 * Reads a quantity as typed ("2", "1,5", "0.250") into thousandths, with the locale's decimal separator
 * (the other one is accepted too when it cannot be a thousands separator); null when it is not a
 * positive number with at most three decimals.
 */
export function parseQuantity(text: string, decimalSeparator: ',' | '.' = '.'): number | null {
  const s = text.trim().replace(/[\s\u00a0\u202f]/g, '')
  const normalized = decimalSeparator === ',' ? s.replace(',', '.') : s.replace(/^(\d+),(\d{1,2})$/, '$1.$2')
  const m = /^(\d{1,9})(?:\.(\d{1,3}))?$/.exec(normalized)
  if (!m) return null
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'))
  return milli > 0 ? milli : null
}

/** Thousandths as a plain decimal text ("1.5", "2"), with the locale's separator. */
export function quantityText(milli: number, decimalSeparator: ',' | '.' = '.'): string {
  const whole = Math.trunc(milli / 1000)
  const frac = String(milli % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '')
  return frac ? `${whole}${decimalSeparator}${frac}` : String(whole)
}
