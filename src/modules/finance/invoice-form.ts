import { formData } from '../../core/http/forms.js'
import { parseAmount } from '../../core/money/money.js'
import type { InvoiceInput } from './invoice.service.js'
import type { InvoiceFormValues, InvoiceLineValues } from './views/invoice-form.js'

export const BLANK_LINES = 5

export const blankLine = (vat: number): InvoiceLineValues => ({
  name: '',
  quantity: '1',
  unit: '',
  price: '',
  vat: String(vat),
})

/** The posted form as typed (kept for re-display). */
export function invoiceFormValues(body: unknown): InvoiceFormValues {
  const f = formData(body)
  const lines: InvoiceLineValues[] = []
  for (let i = 0; i < BLANK_LINES; i++) {
    lines.push({
      name: f[`line_${i}_name`] ?? '',
      quantity: f[`line_${i}_quantity`] ?? '',
      unit: f[`line_${i}_unit`] ?? '',
      price: f[`line_${i}_price`] ?? '',
      vat: f[`line_${i}_vat`] ?? '',
    })
  }
  return {
    clientId: f.client_id ?? '',
    currency: (f.currency ?? '').trim().toUpperCase(),
    dueDate: (f.due_date ?? '').trim(),
    note: f.note ?? '',
    lines,
  }
}

/**
 * Turns typed values into the service's input. Lines left empty are skipped; the indexes of the
 * kept lines map service errors back to the rows the user typed into.
 */
export function invoiceInputOf(v: InvoiceFormValues, decimal: ',' | '.') {
  const errors: Record<string, string> = {}
  const rowIndex: number[] = []
  const lines: InvoiceInput['lines'] = []
  if (!/^[A-Z]{3}$/.test(v.currency)) errors.currency = 'finance.error.currency'
  v.lines.forEach((l, i) => {
    if (!l.name.trim() && !l.price.trim()) return
    // Quantities are kept in thousandths: parsed like an amount of a three-decimal currency.
    const q = parseAmount(l.quantity, 'BHD', decimal)
    const price = errors.currency ? null : parseAmount(l.price, v.currency, decimal)
    if (q === null) errors[`line_${i}_quantity`] = 'finance.error.quantity'
    if (price === null) errors[`line_${i}_price`] = 'finance.error.price'
    rowIndex.push(i)
    lines.push({
      name: l.name,
      quantityMilli: q ?? 0,
      unit: l.unit,
      unitPriceMinor: price ?? 0,
      vatRateBp: Number.parseInt(l.vat, 10),
    })
  })
  const input: InvoiceInput = { currency: v.currency, dueDate: v.dueDate || null, note: v.note, lines }
  return { input, errors, rowIndex }
}

/** Service errors name kept lines by position; the form names them by the row typed into. */
export function errorsOnRows(errors: Record<string, string>, rowIndex: number[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(errors)) {
    const m = /^line_(\d+)_(\w+)$/.exec(k)
    out[m ? `line_${rowIndex[Number(m[1])] ?? m[1]}_${m[2]}` : k === 'lines' ? 'line_0_name' : k] = v
  }
  return out
}
