import type { Locale, Messages } from '../i18n/messages.js'

export const accountMessages: Record<Locale, Messages> = {
  en: {},
  hu: {},
  ru: {},
}
