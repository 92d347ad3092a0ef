import { lineNet, vatOf } from '../../core/money/money.js'

export interface LineInput {
  name: string
  /** Thousandths: 1.5 pieces = 1500. */
  quantityMilli: number
  unit: string
  unitPriceMinor: number
  vatRateBp: number
}

export interface ComputedLine extends LineInput {
  netMinor: number
  vatMinor: number
  totalMinor: number
}

/** Net, VAT and total of one line: net rounded half-up from quantity × price, VAT rounded per line. */
export function computeLine(l: LineInput): ComputedLine {
  const netMinor = lineNet(l.quantityMilli, l.unitPriceMinor)
  const vatMinor = vatOf(netMinor, l.vatRateBp)
  return { ...l, netMinor, vatMinor, totalMinor: netMinor + vatMinor }
}

/** Invoice totals are the sums of the rounded lines, so the lines always add up to the total shown. */
export function totalsOf(lines: ComputedLine[]) {
  return lines.reduce((t, l) => ({ net: t.net + l.netMinor, vat: t.vat + l.vatMinor, total: t.total + l.totalMinor }), {
    net: 0,
    vat: 0,
    total: 0,
  })
}

/** Field errors of the lines (`line_<i>_<field>`) against the company's VAT rates. */
export function lineErrors(lines: LineInput[], vatRates: number[]): Record<string, string> {
  const errors: Record<string, string> = {}
  if (lines.length === 0) errors.lines = 'finance.error.no_lines'
  lines.forEach((l, i) => {
    if (!l.name.trim()) errors[`line_${i}_name`] = 'form.required'
    if (l.name.length > 300) errors[`line_${i}_name`] = 'finance.error.description_long'
    if (!Number.isSafeInteger(l.quantityMilli) || l.quantityMilli <= 0)
      errors[`line_${i}_quantity`] = 'finance.error.quantity'
    if (!Number.isSafeInteger(l.unitPriceMinor) || l.unitPriceMinor < 0)
      errors[`line_${i}_price`] = 'finance.error.price'
    if (!vatRates.includes(l.vatRateBp)) errors[`line_${i}_vat`] = 'finance.error.vat_rate'
  })
  return errors
}
