/** Kinds of ledger entries: charges are negative, money received positive, a reversal the negation of its original. */
export const ENTRY_KINDS = [
  'shipment',
  'service',
  'fee',
  'payment',
  'top_up',
  'credit_note',
  'reversal',
  'opening',
] as const
export type EntryKind = (typeof ENTRY_KINDS)[number]

/** Charges a manager records by hand (a service act, a free-standing shipment, a fee). */
export const CHARGE_KINDS = ['service', 'shipment', 'fee'] as const
export type ChargeKind = (typeof CHARGE_KINDS)[number]

export const LEDGER_PER_PAGE = 50
