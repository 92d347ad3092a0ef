export const LOCALES = ['en', 'hu', 'ru'] as const
export type Locale = (typeof LOCALES)[number]
export type Messages = Readonly<Record<string, string>>

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale)

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', hu: 'Magyar', ru: 'Русский' }

/** BCP 47 tags for Intl; English uses day-month-year dates as most of our users expect. */
export const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', hu: 'hu-HU', ru: 'ru-RU' }

export type Translate = (key: string, params?: Record<string, string | number>) => string

/** All message catalogs, merged from core and the modules. */
export class Catalog {
  private readonly maps: Record<Locale, Map<string, string>> = { en: new Map(), hu: new Map(), ru: new Map() }

  add(messages: Record<Locale, Messages>): void {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(messages[locale])) this.maps[locale].set(key, value)
    }
  }

  has(locale: Locale, key: string): boolean {
    return this.maps[locale].has(key)
  }

  keys(locale: Locale): string[] {
    return [...this.maps[locale].keys()]
  }

  translator(locale: Locale): Translate {
    return (key, params) => {
      const template = this.maps[locale].get(key) ?? this.maps.en.get(key) ?? key
      if (!params) return template
      return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
    }
  }
}
