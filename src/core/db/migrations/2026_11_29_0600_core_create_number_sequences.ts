import type { Kysely } from 'kysely'

// One counter per document kind and period (e.g. invoice/2026); rows are locked by the upsert that
// takes the next value, so numbers never repeat, and rolled back with the document, so none skip.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('number_sequences')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('last_value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('number_sequences_pk', ['kind', 'period'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('number_sequences').execute()
}
