import type { FieldErrors } from '../../core/errors.js'
import { formData } from '../../core/http/forms.js'
import type { Locale } from '../../core/i18n/messages.js'
import type { StatusChangeInput } from './order-status.service.js'
import { parseQuantity } from './order-totals.js'
import { isShipmentStatus } from './orders.constants.js'
import type { OrderLineView } from './orders.service.js'

/**
 * Reads a status form: the target, version, comment and "internal"; for shipped/delivered also the
 * shipment (date, carrier, tracking number, note, `ship_<lineId>` quantities typed in the locale's way).
 */
export function statusChangeFromForm(body: unknown, lines: OrderLineView[], locale: Locale) {
  const f = formData(body)
  const to = (f.to ?? '').trim()
  const errors: FieldErrors = {}
  const version = Number.parseInt(f.version ?? '', 10)
  const input: StatusChangeInput = {
    version: Number.isFinite(version) ? version : -1,
    comment: f.comment ?? null,
    internal: f.internal === '1',
  }
  const values: Record<string, string> = {
    comment: f.comment ?? '',
    internal: f.internal === '1' ? '1' : '',
  }
  if (isShipmentStatus(to)) {
    const quantities: Record<string, number> = {}
    for (const l of lines) {
      const name = `ship_${l.id}`
      const text = (f[name] ?? '').trim()
      values[name] = text
      if (text === '' || /^0+([.,]0*)?$/.test(text)) quantities[l.id] = 0
      else {
        const milli = parseQuantity(text, locale === 'en' ? '.' : ',')
        if (milli === null) errors[name] = 'orders.error.ship_quantity'
        else quantities[l.id] = milli
      }
    }
    for (const k of ['shipped_at', 'carrier', 'tracking_number', 'note']) values[k] = f[k] ?? ''
    input.shipment = {
      shippedAt: f.shipped_at,
      carrier: f.carrier,
      trackingNumber: f.tracking_number,
      note: f.note,
      quantities,
    }
  }
  return { to, input, values, errors }
}
