import type { EntryKind } from '../../modules/finance/index.js'
import { iso } from './random.js'
import type { SeedClient, SeedWorld } from './seed-world.js'

/** A client's ledger as it is written: how many entries so far, and their sum (the balance). */
export interface Account {
  entries: number
  balance: number
  /** Bank references are unique per client. */
  payments: number
}

export const newAccount = (): Account => ({ entries: 0, balance: 0, payments: 0 })

/** Appends one ledger entry for `client` and returns its id. */
export async function post(
  w: SeedWorld,
  client: SeedClient,
  acc: Account,
  e: {
    date: string
    ms: number
    kind: EntryKind
    amount: number
    description: string
    sourceKind?: string | null
    sourceId?: string | null
    reverses?: string | null
    categoryId?: string | null
    by: string | null
  },
): Promise<string> {
  const id = w.ids.id(e.ms)
  acc.entries++
  acc.balance += e.amount
  await w.w.add('ledger_entries', {
    id,
    client_id: client.id,
    entry_date: e.date,
    kind: e.kind,
    amount_minor: e.amount,
    currency: client.currency,
    description: e.description,
    source_kind: e.sourceKind ?? null,
    source_id: e.sourceId ?? null,
    reverses_entry_id: e.reverses ?? null,
    category_id: e.categoryId ?? null,
    created_by: e.by,
    created_at: iso(e.ms),
  })
  return id
}

/** A bank reference that is unique within the client (invoice_payments has a unique index on it). */
export const bankReference = (client: SeedClient, acc: Account): string =>
  `BANK-${client.index + 1}-${String(++acc.payments).padStart(5, '0')}`
