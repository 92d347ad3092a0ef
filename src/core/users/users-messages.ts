import type { Locale, Messages } from '../i18n/messages.js'

export const usersMessages: Record<Locale, Messages> = {
  en: {},
  hu: {},
  ru: {},
}
