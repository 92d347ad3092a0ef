/** How an order came in: typed by staff, placed by a client user, sent through the API, or imported (1C). */
export const CREATED_VIA = ['staff', 'client', 'api', 'import'] as const
export type CreatedVia = (typeof CREATED_VIA)[number]

/** The status every order starts in, and the one every open status must be able to reach. */
export const INITIAL_STATUS = 'new'
export const CANCELLED_STATUS = 'cancelled'

/** Moving to these statuses records the goods handed over (a shipment with its quantities). */
export const SHIPMENT_KINDS = ['shipped', 'delivered'] as const
export type ShipmentKind = (typeof SHIPMENT_KINDS)[number]
export const isShipmentStatus = (status: string): status is ShipmentKind =>
  (SHIPMENT_KINDS as readonly string[]).includes(status)

export const TONES = ['neutral', 'blue', 'amber', 'red', 'green', 'grey'] as const

/** Statuses the manager's home block counts as waiting for them. */
export const WAITING_STATUSES = ['new', 'confirmed'] as const

export const MAX_LINES = 200
export const MAX_STATUSES = 20
/** Upper bounds that keep every amount inside a safe integer: a line at most 1e6 units × 1e9 minor. */
export const MAX_QUANTITY_MILLI = 1_000_000_000
export const MAX_UNIT_PRICE_MINOR = 1_000_000_000
/** An order's total may not pass this (a thousandth of the safe-integer range; sums stay exact). */
export const MAX_TOTAL_MINOR = 9_000_000_000_000
export const MAX_COMMENT = 2000
export const MAX_ADDRESS = 500
export const MAX_LINE_NAME = 300
export const MAX_SKU = 60
export const MAX_UNIT = 20
