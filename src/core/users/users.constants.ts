import type { Role, UserStatus } from '../db/core-tables.js'
import { LOCALE_NAMES, LOCALES } from '../i18n/messages.js'

export const ROLES: readonly Role[] = ['client', 'manager', 'head', 'admin']
export const STAFF_ROLES: readonly Role[] = ['manager', 'head', 'admin']
export const USER_STATUSES: readonly UserStatus[] = ['invited', 'active', 'disabled']

/** The languages a user may choose, each named in itself. */
export const LOCALE_CHOICES: readonly { value: string; label: string }[] = LOCALES.map((l) => ({
  value: l,
  label: LOCALE_NAMES[l],
}))

/** How user lists sort: the same for the page and the API. */
export const USER_LIST_SPEC = {
  sortable: ['name', 'email', 'role', 'status', 'last_login_at', 'created_at'],
  defaultSort: 'name',
} as const

export { CLIENT_AREAS } from '../db/core-tables.js'
