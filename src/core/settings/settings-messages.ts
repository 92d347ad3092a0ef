import type { Locale, Messages } from '../i18n/messages.js'

export const settingsMessages: Record<Locale, Messages> = {
  en: {},
  hu: {},
  ru: {},
}
