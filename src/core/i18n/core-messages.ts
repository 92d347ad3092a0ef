import { accountMessages } from '../account/account-messages.js'
import { auditActionMessages } from '../audit/audit-action-messages.js'
import { auditMessages } from '../audit/audit-messages.js'
import { authMessages } from '../auth/auth-messages.js'
import { homeMessages } from '../home/home-messages.js'
import { notificationsMessages } from '../notifications/notifications-messages.js'
import { settingsMessages } from '../settings/settings-messages.js'
import { usersMessages } from '../users/users-messages.js'
import type { Locale, Messages } from './messages.js'
import { shellMessages } from './shell-messages.js'

const parts = [
  shellMessages,
  authMessages,
  homeMessages,
  accountMessages,
  usersMessages,
  settingsMessages,
  auditMessages,
  auditActionMessages,
  notificationsMessages,
]

/** Every message of the core, merged per locale. */
export const coreMessages: Record<Locale, Messages> = {
  en: Object.assign({}, ...parts.map((p) => p.en)),
  hu: Object.assign({}, ...parts.map((p) => p.hu)),
  ru: Object.assign({}, ...parts.map((p) => p.ru)),
}
