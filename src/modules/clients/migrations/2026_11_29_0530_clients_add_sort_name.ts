import type { Kysely } from 'kysely'

// A sort key for client names that both databases order alike: lower case, Latin accents folded
// (SQLite compares bytes, so "Árvíztűrő" would sort after "Zala"; PostgreSQL follows its collation).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('clients')
    .addColumn('sort_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.createIndex('clients_sort_name').on('clients').column('sort_name').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('clients_sort_name').execute()
  await db.schema.alterTable('clients').dropColumn('sort_name').execute()
}
