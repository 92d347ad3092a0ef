import type { Insertable, Selectable } from 'kysely'
import type { Flag } from '../../core/db/core-tables.js'
import type { CreatedVia, ShipmentKind } from './orders.constants.js'

export interface OrderTable {
  id: string
  client_id: string
  /** Human number from the `order` sequence (`ORD-2026-000123`). */
  number: string
  order_date: string
  /** A contract of the same client, or null. */
  contract_id: string | null
  /** A key of the configured workflow (settings group `orders`). */
  status: string
  currency: string
  /** Sums of the priced lines. */
  total_net_minor: number
  total_vat_minor: number
  total_minor: number
  /** 1 when every line has a price; a client's order waits for the manager's prices. */
  is_priced: Flag
  line_count: number
  /** Lower-cased number, item names and SKUs, kept by the service for the list search. */
  search_text: string
  delivery_address: string | null
  desired_date: string | null
  comment: string | null
  created_by: string | null
  created_via: CreatedVia
  version: number
  created_at: string
  updated_at: string
}

export interface OrderLineTable {
  id: string
  client_id: string
  order_id: string
  /** 1-based order of the lines. */
  position: number
  sku: string | null
  name: string
  /** Quantity in thousandths of the unit (1.5 kg = 1500). */
  quantity_milli: number
  unit: string
  /** Price, VAT rate and amounts are null together: the line waits for a price. */
  unit_price_minor: number | null
  /** Basis points (27% = 2700). */
  vat_rate_bp: number | null
  net_minor: number | null
  vat_minor: number | null
  total_minor: number | null
}

export interface OrderStatusChangeTable {
  id: string
  client_id: string
  order_id: string
  /** Null on the row that records the order's creation. */
  from_status: string | null
  to_status: string
  changed_by: string | null
  changed_at: string
  comment: string | null
  /** 1: the comment is for staff only; the change itself is still shown to the client. */
  is_internal: Flag
}

/**
 * Goods handed over for an order, with the quantities per line and their amounts, so the finance
 * module can post the charge and issue the delivery note from this one record and then link them.
 */
export interface ShipmentTable {
  id: string
  client_id: string
  order_id: string
  kind: ShipmentKind
  /** `YYYY-MM-DD`. */
  shipped_at: string
  carrier: string | null
  tracking_number: string | null
  /** Staff-only note. */
  note: string | null
  currency: string
  total_net_minor: number
  total_vat_minor: number
  total_minor: number
  /** Filled by the finance module once it has posted the charge / produced the delivery note. */
  ledger_entry_id: string | null
  document_id: string | null
  created_by: string | null
  created_at: string
}

export interface ShipmentLineTable {
  id: string
  client_id: string
  shipment_id: string
  order_line_id: string
  quantity_milli: number
  /** The shipped part of the line at its price (an order is priced before it can leave `new`). */
  net_minor: number
  vat_minor: number
  total_minor: number
}

declare module '../../core/db/database.js' {
  interface Database {
    orders: OrderTable
    order_lines: OrderLineTable
    order_status_changes: OrderStatusChangeTable
    shipments: ShipmentTable
    shipment_lines: ShipmentLineTable
  }
}

export type OrderRow = Selectable<OrderTable>
export type NewOrder = Insertable<OrderTable>
export type OrderLineRow = Selectable<OrderLineTable>
export type NewOrderLine = Insertable<OrderLineTable>
export type ShipmentRow = Selectable<ShipmentTable>
