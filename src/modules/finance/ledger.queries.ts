import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import type { LedgerEntryTable } from './finance.schema.js'

const FIELDS = [
  'ledger_entries.id',
  'ledger_entries.client_id',
  'ledger_entries.entry_date',
  'ledger_entries.kind',
  'ledger_entries.amount_minor',
  'ledger_entries.currency',
  'ledger_entries.description',
  'ledger_entries.source_kind',
  'ledger_entries.source_id',
  'ledger_entries.reverses_entry_id',
  'ledger_entries.created_by',
  'ledger_entries.created_at',
] as const

/** Ledger entries in the caller's scope. */
export const entriesQuery = (ctx: Ctx) => ctx.db.selectFrom('ledger_entries').select([...FIELDS])

export type EntryRecord = Awaited<ReturnType<ReturnType<typeof entriesQuery>['executeTakeFirstOrThrow']>>

export const findEntry = (ctx: Ctx, id: string) =>
  entriesQuery(ctx).where('ledger_entries.id', '=', id).executeTakeFirst()

/** The only write to the ledger: an insert (checked against the caller's scope). */
export const insertEntry = (ctx: Ctx, row: LedgerEntryTable) => ctx.db.insert('ledger_entries', row)

/** The entry that reverses `id`, if any. */
export const findReversalOf = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom('ledger_entries')
    .select('ledger_entries.id')
    .where('ledger_entries.reverses_entry_id', '=', id)
    .executeTakeFirst()

const sumOf = sql<string | number | null>`sum(${sql.ref('ledger_entries.amount_minor')})`

/** A client's balance per currency (the sum of its entries). */
export const balancesOf = (ctx: Ctx, clientId: string) =>
  ctx.db
    .selectFrom('ledger_entries')
    .select(['ledger_entries.currency', sumOf.as('total')])
    .where('ledger_entries.client_id', '=', clientId)
    .groupBy('ledger_entries.currency')
    .orderBy('ledger_entries.currency')
    .execute()

/**
 * The sum of a client's entries in one currency strictly before a position in the ledger order
 * (entry_date, id): one range over the (client_id, currency, entry_date, id) index.
 */
export async function sumBefore(
  ctx: Ctx,
  clientId: string,
  currency: string,
  before: { date: string; id?: string },
): Promise<number> {
  let q = ctx.db
    .selectFrom('ledger_entries')
    .select(sumOf.as('total'))
    .where('ledger_entries.client_id', '=', clientId)
    .where('ledger_entries.currency', '=', currency)
  q = before.id
    ? q.where((eb) =>
        eb.or([
          eb('ledger_entries.entry_date', '<', before.date),
          eb.and([
            eb('ledger_entries.entry_date', '=', before.date),
            eb('ledger_entries.id', '<', before.id as string),
          ]),
        ]),
      )
    : q.where('ledger_entries.entry_date', '<', before.date)
  const row = await q.executeTakeFirst()
  return Number(row?.total ?? 0)
}

/** Entries of one client and currency within [from, to] (inclusive dates): count and one page in ledger order. */
export function periodEntries(ctx: Ctx, clientId: string, currency: string, from: string, to: string) {
  return entriesQuery(ctx)
    .where('ledger_entries.client_id', '=', clientId)
    .where('ledger_entries.currency', '=', currency)
    .where('ledger_entries.entry_date', '>=', from)
    .where('ledger_entries.entry_date', '<=', to)
}

/** The sum and count of a client's entries in one currency within [from, to]. */
export async function periodTotals(ctx: Ctx, clientId: string, currency: string, from: string, to: string) {
  const row = await ctx.db
    .selectFrom('ledger_entries')
    .select([sumOf.as('total'), sql<string | number>`count(*)`.as('n')])
    .where('ledger_entries.client_id', '=', clientId)
    .where('ledger_entries.currency', '=', currency)
    .where('ledger_entries.entry_date', '>=', from)
    .where('ledger_entries.entry_date', '<=', to)
    .executeTakeFirst()
  return { sum: Number(row?.total ?? 0), count: Number(row?.n ?? 0) }
}
