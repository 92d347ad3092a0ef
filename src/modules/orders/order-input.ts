import type { FieldErrors } from '../../core/errors.js'
import { isCurrencyCode } from '../../core/money/money.js'
import { documentTotals } from './order-totals.js'
import {
  MAX_ADDRESS,
  MAX_COMMENT,
  MAX_LINE_NAME,
  MAX_LINES,
  MAX_QUANTITY_MILLI,
  MAX_SKU,
  MAX_TOTAL_MINOR,
  MAX_UNIT,
  MAX_UNIT_PRICE_MINOR,
} from './orders.constants.js'

/** One order line as a service receives it; price and VAT rate are null together on an unpriced line. */
export interface OrderLineInput {
  sku: string | null
  name: string
  quantityMilli: number
  unit: string
  unitPriceMinor: number | null
  vatRateBp: number | null
}

export interface OrderInput {
  orderDate: string
  contractId: string | null
  currency: string
  deliveryAddress: string | null
  desiredDate: string | null
  comment: string | null
  lines: OrderLineInput[]
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  if (!DATE_RE.test(text)) return false
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}

const clean = (s: string | null | undefined): string | null => {
  const v = (s ?? '').trim()
  return v === '' ? null : v
}

/**
 * Checks an order and tidies it (trimmed texts, empty → null). Errors are keyed `lines.<i>.<field>`
 * for lines. `prices`: 'allowed' (staff: a line may still wait for its price) or 'none' (a client's
 * order: prices are the manager's to fill in, so any given are dropped).
 */
export function checkOrderInput(
  input: OrderInput,
  opts: { vatRates: readonly number[]; prices: 'allowed' | 'none' },
): { value: OrderInput; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!isIsoDate(input.orderDate)) errors.order_date = 'orders.error.date'
  const desiredDate = clean(input.desiredDate)
  if (desiredDate && !isIsoDate(desiredDate)) errors.desired_date = 'orders.error.date'
  else if (desiredDate && isIsoDate(input.orderDate) && desiredDate < input.orderDate)
    errors.desired_date = 'orders.error.desired_before_order'
  const currency = input.currency.trim().toUpperCase()
  if (!isCurrencyCode(currency)) errors.currency = 'orders.error.currency'
  const deliveryAddress = clean(input.deliveryAddress)
  if (deliveryAddress && deliveryAddress.length > MAX_ADDRESS) errors.delivery_address = 'form.too_long'
  const comment = clean(input.comment)
  if (comment && comment.length > MAX_COMMENT) errors.comment = 'form.too_long'
  if (input.lines.length === 0) errors.lines = 'orders.error.no_lines'
  else if (input.lines.length > MAX_LINES) errors.lines = 'orders.error.too_many_lines'
  const lines = input.lines.map((l, i) => {
    const at = (field: string, key: string) => {
      errors[`lines.${i}.${field}`] = key
    }
    const name = l.name.trim()
    if (!name) at('name', 'form.required')
    else if (name.length > MAX_LINE_NAME) at('name', 'form.too_long')
    const sku = clean(l.sku)
    if (sku && sku.length > MAX_SKU) at('sku', 'form.too_long')
    const unit = l.unit.trim()
    if (!unit) at('unit', 'form.required')
    else if (unit.length > MAX_UNIT) at('unit', 'form.too_long')
    if (!Number.isSafeInteger(l.quantityMilli) || l.quantityMilli <= 0 || l.quantityMilli > MAX_QUANTITY_MILLI)
      at('quantity', 'orders.error.quantity')
    let unitPriceMinor = opts.prices === 'none' ? null : l.unitPriceMinor
    let vatRateBp = opts.prices === 'none' ? null : l.vatRateBp
    if (unitPriceMinor !== null) {
      if (!Number.isSafeInteger(unitPriceMinor) || unitPriceMinor < 0 || unitPriceMinor > MAX_UNIT_PRICE_MINOR)
        at('unit_price', 'orders.error.price')
      if (vatRateBp === null || !opts.vatRates.includes(vatRateBp)) at('vat_rate', 'orders.error.vat_rate')
    } else {
      // A rate without a price means nothing yet; the line waits for both.
      vatRateBp = null
      unitPriceMinor = null
    }
    return { sku, name, quantityMilli: l.quantityMilli, unit, unitPriceMinor, vatRateBp }
  })
  if (
    !errors.lines &&
    !Object.keys(errors).some((k) => k.startsWith('lines.')) &&
    documentTotals(lines).total > MAX_TOTAL_MINOR
  )
    errors.lines = 'orders.error.total_too_large'
  return {
    value: {
      orderDate: input.orderDate,
      contractId: clean(input.contractId),
      currency,
      deliveryAddress,
      desiredDate,
      comment,
      lines,
    },
    errors,
  }
}
