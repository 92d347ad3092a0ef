import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  // The client card's timeline reads a client's newest entries and requests by when they were made.
  await db.schema
    .createIndex('ledger_entries_client_created_idx')
    .on('ledger_entries')
    .columns(['client_id', 'created_at'])
    .execute()
  await db.schema.createIndex('invoices_client_issued_idx').on('invoices').columns(['client_id', 'issued_at']).execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invoices_client_issued_idx').execute()
  await db.schema.dropIndex('ledger_entries_client_created_idx').execute()
}
