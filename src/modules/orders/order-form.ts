import type { FieldErrors } from '../../core/errors.js'
import { formData } from '../../core/http/forms.js'
import { minorToDecimal } from '../../core/i18n/format.js'
import type { Locale } from '../../core/i18n/messages.js'
import { parseAmount } from '../../core/money/money.js'
import type { OrderInput } from './order-input.js'
import { parseQuantity, quantityText } from './order-totals.js'
import { MAX_LINES } from './orders.constants.js'
import type { OrderLineView, OrderView } from './orders.service.js'

/** A line as typed into the form. */
export interface LineRow {
  sku: string
  name: string
  qty: string
  unit: string
  price: string
  /** VAT rate in basis points as text, '' for none chosen. */
  vat: string
}

/** The order form as strings, exactly as typed (kept on every error). */
export interface OrderFormValues {
  clientId: string
  orderDate: string
  contractId: string
  currency: string
  deliveryAddress: string
  desiredDate: string
  comment: string
  version: string
  lines: LineRow[]
}

/** Empty line rows the form offers below the filled ones. */
export const BLANK_LINE_ROWS = 3

export const blankLine = (vat = ''): LineRow => ({ sku: '', name: '', qty: '', unit: '', price: '', vat })

const sep = (locale: Locale): ',' | '.' => (locale === 'en' ? '.' : ',')

export const emptyFormValues = (clientId: string, today: string, currency: string, address = ''): OrderFormValues => ({
  clientId,
  orderDate: today,
  contractId: '',
  currency,
  deliveryAddress: address,
  desiredDate: '',
  comment: '',
  version: '',
  lines: [],
})

export const priceText = (minor: number, currency: string, locale: Locale) =>
  minorToDecimal(minor, currency).replace('.', sep(locale))

export const formValuesOf = (o: OrderView, lines: OrderLineView[], locale: Locale): OrderFormValues => ({
  clientId: o.clientId,
  orderDate: o.orderDate,
  contractId: o.contractId ?? '',
  currency: o.currency,
  deliveryAddress: o.deliveryAddress ?? '',
  desiredDate: o.desiredDate ?? '',
  comment: o.comment ?? '',
  version: String(o.version),
  lines: lines.map((l) => ({
    sku: l.sku ?? '',
    name: l.name,
    qty: quantityText(l.quantityMilli, sep(locale)),
    unit: l.unit,
    price: l.unitPriceMinor === null ? '' : priceText(l.unitPriceMinor, o.currency, locale),
    vat: l.vatRateBp === null ? '' : String(l.vatRateBp),
  })),
})

/** Reads the posted form; line rows come as `line_<field>_<i>`. */
export function formValuesFromBody(body: unknown): OrderFormValues {
  const f = formData(body)
  const lines: LineRow[] = []
  for (let i = 0; i < MAX_LINES + BLANK_LINE_ROWS + 1; i++) {
    if (!(`line_name_${i}` in f)) continue
    const v = (k: string) => (f[`line_${k}_${i}`] ?? '').trim()
    lines.push({ sku: v('sku'), name: v('name'), qty: v('qty'), unit: v('unit'), price: v('price'), vat: v('vat') })
  }
  const s = (k: string) => (f[k] ?? '').trim()
  return {
    clientId: s('client_id'),
    orderDate: s('order_date'),
    contractId: s('contract_id'),
    currency: s('currency').toUpperCase(),
    deliveryAddress: f.delivery_address ?? '',
    desiredDate: s('desired_date'),
    comment: f.comment ?? '',
    version: s('version'),
    lines,
  }
}

/**
 * Turns the typed form into service input: quantities and prices in the locale's way, an empty unit
 * as the locale's "pieces". Rows left wholly empty are not lines.
 */
export function inputFromForm(v: OrderFormValues, locale: Locale, defaultUnit: string) {
  const errors: FieldErrors = {}
  const rows = v.lines
    .map((l, index) => ({ ...l, index }))
    .filter((l) => l.name !== '' || l.sku !== '' || l.qty !== '' || l.price !== '')
  const lines: OrderInput['lines'] = rows.map((l) => {
    const quantityMilli = parseQuantity(l.qty, sep(locale))
    if (quantityMilli === null) errors[`line_qty_${l.index}`] = 'orders.error.quantity'
    let unitPriceMinor: number | null = null
    if (l.price !== '') {
      unitPriceMinor = parseAmount(l.price, v.currency || 'EUR', sep(locale))
      if (unitPriceMinor === null || unitPriceMinor < 0) errors[`line_price_${l.index}`] = 'orders.error.price'
    }
    const vat = l.vat === '' ? null : Number.parseInt(l.vat, 10)
    return {
      sku: l.sku || null,
      name: l.name,
      quantityMilli: quantityMilli ?? 0,
      unit: l.unit || defaultUnit,
      unitPriceMinor,
      vatRateBp: vat === null || Number.isNaN(vat) ? null : vat,
    }
  })
  const input: OrderInput = {
    orderDate: v.orderDate,
    contractId: v.contractId || null,
    currency: v.currency,
    deliveryAddress: v.deliveryAddress,
    desiredDate: v.desiredDate || null,
    comment: v.comment,
    lines,
  }
  return { input, errors, rowIndex: rows.map((r) => r.index) }
}

const FIELD_OF: Record<string, string> = {
  name: 'name',
  sku: 'sku',
  unit: 'unit',
  quantity: 'qty',
  unit_price: 'price',
  vat_rate: 'vat',
}

/** Moves the service's `lines.<i>.<field>` errors to the form rows they came from. */
export function errorsOnRows(errors: FieldErrors, rowIndex: number[]): FieldErrors {
  const out: FieldErrors = {}
  for (const [k, v] of Object.entries(errors)) {
    const m = /^lines\.(\d+)\.(\w+)$/.exec(k)
    out[m ? `line_${FIELD_OF[m[2] as string] ?? m[2]}_${rowIndex[Number(m[1])] ?? m[1]}` : k] = v
  }
  return out
}
