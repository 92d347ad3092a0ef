import type { Locale, Messages } from '../i18n/messages.js'

export const auditMessages: Record<Locale, Messages> = {
  en: {},
  hu: {},
  ru: {},
}
