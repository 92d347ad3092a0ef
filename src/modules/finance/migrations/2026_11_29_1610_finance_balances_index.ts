import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  // Balances per client and currency — a list's balances, the head dashboard's total client debt
  // (every client's balance at once) — summed from this index alone, already in client order, so
  // no table row is read and nothing is sorted.
  await db.schema
    .createIndex('ledger_entries_balance_idx')
    .on('ledger_entries')
    .columns(['client_id', 'currency', 'amount_minor'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ledger_entries_balance_idx').execute()
}
