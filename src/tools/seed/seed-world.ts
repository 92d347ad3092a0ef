import { formatNumber, periodOf } from '../../core/numbering/numbering.js'
import { DEFAULT_NUMBERING } from '../../core/settings/settings-store.js'
import type { BulkWriter } from './bulk-writer.js'
import { addDays, type IdSource, type Rng } from './random.js'
import type { Group } from './seed-names.js'

/** How much of everything, for `clients` clients (10,000 is scale 1). */
export interface SeedPlan {
  clients: number
  seed: number
  /** The day the data set ends on (company-local); every date is before or on it. */
  today: string
  /** Per 10,000 clients. */
  counts: {
    ledgerEntries: number
    orders: number
    paymentRequests: number
    supportRequests: number
    expenses: number
    documents: number
  }
}

export const PER_10K = {
  ledgerEntries: 1_000_000,
  orders: 200_000,
  paymentRequests: 100_000,
  supportRequests: 100_000,
  expenses: 200_000,
  documents: 100_000,
} as const

export function planFor(clients: number, seed: number, today: string): SeedPlan {
  const f = clients / 10_000
  return {
    clients,
    seed,
    today,
    counts: {
      ledgerEntries: Math.round(PER_10K.ledgerEntries * f),
      orders: Math.round(PER_10K.orders * f),
      paymentRequests: Math.round(PER_10K.paymentRequests * f),
      supportRequests: Math.round(PER_10K.supportRequests * f),
      expenses: Math.round(PER_10K.expenses * f),
      documents: Math.round(PER_10K.documents * f),
    },
  }
}

export interface SeedClient {
  index: number
  id: string
  name: string
  group: Group
  currency: string
  managerId: string
  /** Client users, the client admin first. */
  userIds: string[]
  contactPersonIds: string[]
}

/** Everything the table generators share while the data set is written. */
export class SeedWorld {
  headId = ''
  adminId = ''
  managerIds: string[] = []
  clients: SeedClient[] = []
  /** Income category id by service name (finance's service types). */
  incomeCategories = new Map<string, string>()
  /** The first day of activity: two years before `today`. */
  readonly start: string
  private readonly counters = new Map<string, number>()

  constructor(
    readonly plan: SeedPlan,
    readonly rng: Rng,
    readonly ids: IdSource,
    readonly w: BulkWriter,
    readonly passwordHash: string,
  ) {
    this.start = addDays(plan.today, -730)
  }

  /** A date `daysAgo` before today. */
  daysAgo(daysAgo: number): string {
    return addDays(this.plan.today, -daysAgo)
  }

  /** The next human number of `kind` for a document of `date`, as the app's default template writes it. */
  number(kind: string, date: string): string {
    const template = DEFAULT_NUMBERING[kind] ?? `${kind.toUpperCase()}-{YYYY}-{NNNNNN}`
    const key = `${kind}\u0000${periodOf(template, date)}`
    const value = (this.counters.get(key) ?? 0) + 1
    this.counters.set(key, value)
    return formatNumber(template, date, value)
  }

  /** The counters reached, for `number_sequences`, so numbers taken later by the app follow on. */
  sequences(): { kind: string; period: string; last_value: number }[] {
    return [...this.counters].map(([key, last_value]) => {
      const [kind, period] = key.split('\u0000') as [string, string]
      return { kind, period, last_value }
    })
  }
}
