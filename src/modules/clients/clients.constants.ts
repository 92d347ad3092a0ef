/** A client's place in the relationship; archived clients drop out of the default list. */
export const CLIENT_STATUSES = ['prospect', 'active', 'suspended', 'archived'] as const
export type ClientStatus = (typeof CLIENT_STATUSES)[number]

export const CLIENT_KINDS = ['company', 'individual'] as const
export type ClientKind = (typeof CLIENT_KINDS)[number]

/** What a contact person is to us; drives who gets which letters later. */
export const RELATIONSHIP_ROLES = ['decision_maker', 'accountant', 'technical', 'other'] as const
export type RelationshipRole = (typeof RELATIONSHIP_ROLES)[number]

/** Whether a client's users see only their own support requests or their colleagues' too. */
export const SUPPORT_VISIBILITIES = ['mine', 'company'] as const
export type SupportVisibility = (typeof SUPPORT_VISIBILITIES)[number]

/** Badge colour per status (UI.md: one colour per meaning across modules). */
export const STATUS_TONES = {
  prospect: 'blue',
  active: 'green',
  suspended: 'amber',
  archived: 'grey',
} as const satisfies Record<ClientStatus, string>

/** Countries offered first in the country field; any other ISO 3166 alpha-2 code is accepted too. */
export const COMMON_COUNTRIES = [
  'HU',
  'RU',
  'AT',
  'DE',
  'SK',
  'RO',
  'HR',
  'SI',
  'RS',
  'UA',
  'PL',
  'CZ',
  'KZ',
  'BY',
  'GB',
  'US',
]

export const MAX_TAGS = 20
export const MAX_BANK_ACCOUNTS = 10

/** The portal areas a client user can be given (core's list, re-exported for the views). */
export { CLIENT_AREAS } from '../../core/db/core-tables.js'
