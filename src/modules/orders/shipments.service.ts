import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { isIsoDate } from './order-input.js'
import { lineAmounts } from './order-totals.js'
import type { ShipmentKind } from './orders.constants.js'
import {
  findShipment,
  insertShipment,
  insertShipmentLines,
  listLines,
  listShipmentLines,
  listShipments,
  setShipmentLinks,
  shippedByLine,
} from './orders.queries.js'
import type { ShipmentLineTable } from './orders.schema.js'
import { companyToday, getOrder, type OrderView, requireOrderRead } from './orders.service.js'

/** What is handed over: the date, carrier details, and per order line the quantity (thousandths). */
export interface ShipmentInput {
  shippedAt?: string | null
  carrier?: string | null
  trackingNumber?: string | null
  note?: string | null
  /** Order line id → quantity shipped now; absent: everything not yet shipped. */
  quantities?: Record<string, number> | null
}

const MAX_TEXT = 100
const MAX_NOTE = 1000

export interface PreparedShipment {
  row: Omit<
    Parameters<typeof insertShipment>[1],
    'id' | 'created_at' | 'created_by' | 'kind' | 'order_id' | 'client_id'
  >
  lines: Omit<ShipmentLineTable, 'id' | 'client_id' | 'shipment_id'>[]
}

const clean = (s: string | null | undefined) => (s ?? '').trim() || null

/**
 * Checks a shipment against the order: quantities between zero and what is left of each line; the
 * last part of a line takes the line's remaining amounts, so an order's shipments add up to its total
 * exactly. Something must have left by the end: a shipment of nothing on an order never shipped is refused.
 */
export async function prepareShipment(ctx: Ctx, order: OrderView, input: ShipmentInput): Promise<PreparedShipment> {
  const errors: Record<string, string> = {}
  const shippedAt = clean(input.shippedAt) ?? (await companyToday(ctx))
  if (!isIsoDate(shippedAt)) errors.shipped_at = 'orders.error.date'
  else if (shippedAt < order.orderDate) errors.shipped_at = 'orders.error.shipped_before_order'
  const carrier = clean(input.carrier)
  if (carrier && carrier.length > MAX_TEXT) errors.carrier = 'form.too_long'
  const trackingNumber = clean(input.trackingNumber)
  if (trackingNumber && trackingNumber.length > MAX_TEXT) errors.tracking_number = 'form.too_long'
  const note = clean(input.note)
  if (note && note.length > MAX_NOTE) errors.note = 'form.too_long'
  const [lines, shipped] = await Promise.all([listLines(ctx, order.id), shippedByLine(ctx, order.id)])
  const known = new Set(lines.map((l) => l.id))
  for (const id of Object.keys(input.quantities ?? {}))
    if (!known.has(id)) errors[`ship_${id}`] = 'orders.error.unknown_line'
  const out: PreparedShipment['lines'] = []
  for (const l of lines) {
    const before = shipped.get(l.id) ?? { qty: 0, net: 0, vat: 0 }
    const ordered = Number(l.quantity_milli)
    const left = Math.max(0, ordered - before.qty)
    const qty = input.quantities ? (input.quantities[l.id] ?? 0) : left
    if (!Number.isSafeInteger(qty) || qty < 0 || qty > left) {
      errors[`ship_${l.id}`] = 'orders.error.ship_quantity'
      continue
    }
    if (qty === 0) continue
    if (l.unit_price_minor === null || l.vat_rate_bp === null || l.net_minor === null || l.vat_minor === null) {
      errors[`ship_${l.id}`] = 'orders.error.unpriced_line'
      continue
    }
    const completes = before.qty + qty === ordered
    const part = lineAmounts(qty, Number(l.unit_price_minor), Number(l.vat_rate_bp))
    const net = completes ? Number(l.net_minor) - before.net : part.net
    const vat = completes ? Number(l.vat_minor) - before.vat : part.vat
    out.push({ order_line_id: l.id, quantity_milli: qty, net_minor: net, vat_minor: vat, total_minor: net + vat })
  }
  if (out.length === 0 && shipped.size === 0 && !Object.keys(errors).some((k) => k.startsWith('ship_')))
    errors.ship = 'orders.error.nothing_to_ship'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const net = out.reduce((s, l) => s + l.net_minor, 0)
  const vat = out.reduce((s, l) => s + l.vat_minor, 0)
  return {
    row: {
      shipped_at: shippedAt,
      carrier,
      tracking_number: trackingNumber,
      note,
      currency: order.currency,
      total_net_minor: net,
      total_vat_minor: vat,
      total_minor: net + vat,
      ledger_entry_id: null,
      document_id: null,
    },
    lines: out,
  }
}

/** Stores a prepared shipment of `kind` for the order (inside the status change's transaction). */
export async function storeShipment(
  tx: Ctx,
  order: Pick<OrderView, 'id' | 'clientId'>,
  kind: ShipmentKind,
  s: PreparedShipment,
): Promise<string> {
  const id = newId()
  await insertShipment(tx, {
    id,
    client_id: order.clientId,
    order_id: order.id,
    kind,
    ...s.row,
    created_by: tx.actor?.id ?? null,
    created_at: nowIso(),
  })
  if (s.lines.length) {
    await insertShipmentLines(
      tx,
      s.lines.map((l) => ({ id: newId(), client_id: order.clientId, shipment_id: id, ...l })),
    )
  }
  return id
}

export interface ShipmentLineView {
  orderLineId: string
  position: number
  sku: string | null
  name: string
  unit: string
  quantityMilli: number
  unitPriceMinor: number | null
  vatRateBp: number | null
  netMinor: number
  vatMinor: number
  totalMinor: number
}

export interface ShipmentView {
  id: string
  orderId: string
  clientId: string
  kind: ShipmentKind
  shippedAt: string
  carrier: string | null
  trackingNumber: string | null
  /** Staff-only; null for client users. */
  note: string | null
  currency: string
  netMinor: number
  vatMinor: number
  totalMinor: number
  ledgerEntryId: string | null
  documentId: string | null
  createdByName: string | null
  createdAt: string
  lines: ShipmentLineView[]
}

type ShipmentRecord = Awaited<ReturnType<typeof listShipments>>[number]

async function withLines(ctx: Ctx, rows: (ShipmentRecord | (ShipmentRecord & { created_by_name?: string | null }))[]) {
  const lines = await listShipmentLines(
    ctx,
    rows.map((r) => r.id),
  )
  const staff = ctx.actor?.role !== 'client'
  return rows.map(
    (r): ShipmentView => ({
      id: r.id,
      orderId: r.order_id,
      clientId: r.client_id,
      kind: r.kind,
      shippedAt: r.shipped_at,
      carrier: r.carrier,
      trackingNumber: r.tracking_number,
      note: staff ? r.note : null,
      currency: r.currency,
      netMinor: Number(r.total_net_minor),
      vatMinor: Number(r.total_vat_minor),
      totalMinor: Number(r.total_minor),
      ledgerEntryId: r.ledger_entry_id,
      documentId: r.document_id,
      createdByName: r.created_by_name ?? null,
      createdAt: r.created_at,
      lines: lines
        .filter((l) => l.shipment_id === r.id)
        .map((l) => ({
          orderLineId: l.order_line_id,
          position: Number(l.position),
          sku: l.sku,
          name: l.name,
          unit: l.unit,
          quantityMilli: Number(l.quantity_milli),
          unitPriceMinor: l.unit_price_minor === null ? null : Number(l.unit_price_minor),
          vatRateBp: l.vat_rate_bp === null ? null : Number(l.vat_rate_bp),
          netMinor: Number(l.net_minor),
          vatMinor: Number(l.vat_minor),
          totalMinor: Number(l.total_minor),
        })),
    }),
  )
}

/** An order's shipments, oldest first, with their lines (two queries however many there are). */
export async function orderShipments(ctx: Ctx, orderId: string): Promise<ShipmentView[]> {
  const order = await getOrder(ctx, orderId)
  return withLines(ctx, await listShipments(ctx, order.id))
}

/** One shipment in the caller's scope with its lines and amounts: what finance posts and prints. */
export async function getShipment(ctx: Ctx, id: string): Promise<ShipmentView> {
  requireOrderRead(ctx)
  const row = await findShipment(ctx, id)
  if (!row) throw new NotFoundError('shipment')
  const [view] = await withLines(ctx, [{ ...row, created_by_name: null }])
  return view as ShipmentView
}

/**
 * Records what the finance module made of a shipment (the ledger charge, the delivery note). Each
 * link is set once: a shipment is charged and documented at most once.
 */
export async function linkShipmentToFinance(
  ctx: Ctx,
  id: string,
  links: { ledgerEntryId?: string; documentId?: string },
): Promise<void> {
  ctx.require('orders.read')
  const shipment = await getShipment(ctx, id)
  const set: { ledger_entry_id?: string; document_id?: string } = {}
  if (links.ledgerEntryId) {
    if (shipment.ledgerEntryId && shipment.ledgerEntryId !== links.ledgerEntryId)
      throw new ValidationError({ ledgerEntryId: 'orders.error.already_linked' })
    set.ledger_entry_id = links.ledgerEntryId
  }
  if (links.documentId) {
    if (shipment.documentId && shipment.documentId !== links.documentId)
      throw new ValidationError({ documentId: 'orders.error.already_linked' })
    set.document_id = links.documentId
  }
  if (Object.keys(set).length === 0) return
  await ctx.transaction(async (tx) => {
    await setShipmentLinks(tx, id, set)
    await tx.audit('shipment.linked', {
      entity: 'shipment',
      entityId: id,
      clientId: shipment.clientId,
      before: { ledgerEntryId: shipment.ledgerEntryId, documentId: shipment.documentId },
      after: {
        ledgerEntryId: set.ledger_entry_id ?? shipment.ledgerEntryId,
        documentId: set.document_id ?? shipment.documentId,
      },
    })
  })
}
