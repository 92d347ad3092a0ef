import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import { nowIso } from '../db/ids.js'
import type { Locale } from '../i18n/messages.js'

export interface BankAccount {
  bankName: string
  account: string
  bic: string
  currency: string
}

export interface ImageRef {
  sha256: string
  mime: string
}

export interface CompanySettings {
  legalName: string
  shortName: string
  taxId: string
  address: string
  email: string
  phone: string
  bankAccounts: BankAccount[]
  defaultCurrency: string
  /** VAT rates in basis points (27% = 2700). */
  vatRates: number[]
  timeZone: string
  defaultLocale: Locale
  logo: ImageRef | null
  stamp: ImageRef | null
  signature: ImageRef | null
  /** Per document kind, e.g. `{ invoice: 'INV-{YYYY}-{NNNNNN}' }`. */
  numbering: Record<string, string>
}

export interface SecuritySettings {
  /** TOTP required for head and admin accounts. */
  require2faStaff: boolean
}

export interface ModuleSettings {
  disabled: string[]
}

/** One status of the orders workflow (the orders module): its label per language, open or archived, badge tone. */
export interface OrderStatusSetting {
  key: string
  label: { en: string; hu: string; ru: string }
  /** Open statuses are "current orders"; the others are the archive. */
  open: boolean
  tone: 'neutral' | 'blue' | 'amber' | 'red' | 'green' | 'grey'
}

export interface OrdersSettings {
  statuses: OrderStatusSetting[]
  /** Status key → the keys it may move to. */
  transitions: Record<string, string[]>
  clientsMayOrder: boolean
}

/** Website synchronisation (the `site` module): single sign-on and outgoing webhooks. */
export interface SiteSettings {
  ssoEnabled: boolean
  ssoAlgorithm: 'HS256' | 'RS256'
  /** HS256 shared secret; never shown again after saving. */
  ssoSecret: string
  /** RS256: the website's public key, PEM. */
  ssoPublicKey: string
  webhookUrls: string[]
  webhookSecret: string
}

/** The finance module: period lock, payment terms, the smallest top-up a client may ask for. */
export interface FinanceSettings {
  /** `YYYY-MM-DD` or '' (no lock): ledger entries dated on or before it need `finance.locked_periods`. */
  lockDate: string
  defaultPaymentDays: number
  topUpMinMinor: number
}

/** Support line (the `support` module): the SLA clock's calendar, the reopen window, default targets. */
export interface SupportSettings {
  /** `business`: SLA clocks run only in the opening hours below, never on holidays; `calendar`: around the clock. */
  calendar: 'business' | 'calendar'
  /** Opening hours per weekday in the company's time zone, `['09:00', '17:00']`; null: closed all day. */
  hours: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string] | null>
  /** Public holidays (`YYYY-MM-DD`): no business hours at all. */
  holidays: string[]
  /** Days after resolution in which the client may reopen a request. */
  reopenDays: number
  /** Default SLA targets per priority, in minutes of the calendar above; categories may override. */
  priorities: { key: 'low' | 'normal' | 'high' | 'urgent'; firstResponseMinutes: number; resolutionMinutes: number }[]
}

export interface SettingsGroups {
  company: CompanySettings
  security: SecuritySettings
  modules: ModuleSettings
  orders: OrdersSettings
  site: SiteSettings
  support: SupportSettings
  finance: FinanceSettings
}

export const DEFAULT_NUMBERING: Record<string, string> = {
  invoice: 'INV-{YYYY}-{NNNNNN}',
  payment_request: 'PR-{YYYY}-{NNNNNN}',
  delivery_note: 'DN-{YYYY}-{NNNNNN}',
  service_act: 'SA-{YYYY}-{NNNNNN}',
  reconciliation: 'RS-{YYYY}-{NNNNNN}',
  order: 'ORD-{YYYY}-{NNNNNN}',
  request: 'REQ-{YYYY}-{NNNNNN}',
}

export const DEFAULTS: SettingsGroups = {
  company: {
    legalName: 'Kabinet',
    shortName: '',
    taxId: '',
    address: '',
    email: '',
    phone: '',
    bankAccounts: [],
    defaultCurrency: 'EUR',
    vatRates: [0, 500, 1800, 2000, 2700],
    timeZone: 'Europe/Budapest',
    defaultLocale: 'en',
    logo: null,
    stamp: null,
    signature: null,
    numbering: DEFAULT_NUMBERING,
  },
  security: { require2faStaff: false },
  modules: { disabled: [] },
  orders: {
    statuses: [
      { key: 'new', label: { en: 'New', hu: 'Új', ru: 'Новый' }, open: true, tone: 'neutral' },
      {
        key: 'confirmed',
        label: { en: 'Confirmed', hu: 'Visszaigazolva', ru: 'Подтверждён' },
        open: true,
        tone: 'blue',
      },
      { key: 'in_progress', label: { en: 'In progress', hu: 'Folyamatban', ru: 'В работе' }, open: true, tone: 'blue' },
      { key: 'shipped', label: { en: 'Shipped', hu: 'Kiszállítás alatt', ru: 'Отгружен' }, open: true, tone: 'amber' },
      { key: 'delivered', label: { en: 'Delivered', hu: 'Kiszállítva', ru: 'Доставлен' }, open: true, tone: 'green' },
      { key: 'closed', label: { en: 'Closed', hu: 'Lezárva', ru: 'Закрыт' }, open: false, tone: 'grey' },
      { key: 'cancelled', label: { en: 'Cancelled', hu: 'Lemondva', ru: 'Отменён' }, open: false, tone: 'grey' },
    ],
    transitions: {
      new: ['confirmed', 'cancelled'],
      confirmed: ['in_progress', 'cancelled'],
      in_progress: ['shipped', 'cancelled'],
      shipped: ['delivered', 'cancelled'],
      delivered: ['closed', 'cancelled'],
      closed: [],
      cancelled: [],
    },
    clientsMayOrder: true,
  },
  site: {
    ssoEnabled: false,
    ssoAlgorithm: 'HS256',
    ssoSecret: '',
    ssoPublicKey: '',
    webhookUrls: [],
    webhookSecret: '',
  },
  finance: { lockDate: '', defaultPaymentDays: 8, topUpMinMinor: 1000 },
  support: {
    calendar: 'business',
    hours: {
      mon: ['09:00', '17:00'],
      tue: ['09:00', '17:00'],
      wed: ['09:00', '17:00'],
      thu: ['09:00', '17:00'],
      fri: ['09:00', '17:00'],
      sat: null,
      sun: null,
    },
    holidays: [],
    reopenDays: 7,
    priorities: [
      { key: 'urgent', firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
      { key: 'high', firstResponseMinutes: 4 * 60, resolutionMinutes: 16 * 60 },
      { key: 'normal', firstResponseMinutes: 8 * 60, resolutionMinutes: 40 * 60 },
      { key: 'low', firstResponseMinutes: 16 * 60, resolutionMinutes: 80 * 60 },
    ],
  },
}

/**
 * Company settings in the database, cached for a few seconds so several instances converge
 * quickly without a query per request.
 */
export class SettingsStore {
  private cache = new Map<string, { value: unknown; at: number }>()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 5000,
  ) {}

  async get<K extends keyof SettingsGroups>(group: K): Promise<SettingsGroups[K]> {
    const hit = this.cache.get(group)
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value as SettingsGroups[K]
    const value = await this.load(this.db, group)
    this.cache.set(group, { value, at: Date.now() })
    return value
  }

  /** Last known value without a query (for synchronous checks such as module switches). */
  peek<K extends keyof SettingsGroups>(group: K): SettingsGroups[K] {
    const hit = this.cache.get(group)
    // A stale or missing entry is refreshed in the background, so other instances see a change soon.
    if (!hit || Date.now() - hit.at >= this.ttlMs) this.refresh(group)
    return (hit?.value as SettingsGroups[K] | undefined) ?? DEFAULTS[group]
  }

  private refreshing = new Set<string>()

  private refresh(group: keyof SettingsGroups): void {
    if (this.refreshing.has(group)) return
    this.refreshing.add(group)
    this.get(group)
      .catch(() => undefined)
      .finally(() => this.refreshing.delete(group))
  }

  /** The stored value read through `db` (the caller's transaction), bypassing the cache. */
  async load<K extends keyof SettingsGroups>(db: Kysely<Database>, group: K): Promise<SettingsGroups[K]> {
    const row = await db.selectFrom('settings').select('value_json').where('key', '=', group).executeTakeFirst()
    const stored = row ? (JSON.parse(row.value_json) as Partial<SettingsGroups[K]>) : {}
    return { ...DEFAULTS[group], ...stored } as SettingsGroups[K]
  }

  /** Writes a whole group; callers audit. `db` is the caller's transaction. */
  async put<K extends keyof SettingsGroups>(
    db: Kysely<Database>,
    group: K,
    value: SettingsGroups[K],
    userId: string | null,
  ): Promise<void> {
    const row = { key: group, value_json: JSON.stringify(value), updated_at: nowIso(), updated_by: userId }
    await db
      .insertInto('settings')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value_json: row.value_json, updated_at: row.updated_at, updated_by: userId }),
      )
      .execute()
    this.cache.delete(group)
  }

  invalidate(): void {
    this.cache.clear()
  }
}
