import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  // The P&L counts a reversal under its original's kind and category. Reversals are a sliver of the
  // ledger: this partial index finds those of a currency and date range without scanning the range's
  // other entries (a query names kind = 'reversal' literally for the planner to match it).
  await db.schema
    .createIndex('ledger_entries_reversals_idx')
    .on('ledger_entries')
    .columns(['currency', 'entry_date', 'reverses_entry_id', 'amount_minor'])
    .where(sql.ref('kind'), '=', sql.lit('reversal'))
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ledger_entries_reversals_idx').execute()
}
