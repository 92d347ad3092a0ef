import type { Kysely } from 'kysely'

// Areas of the client portal a client user may use (orders, finance, documents, support), as a
// comma-separated list; staff rows keep the empty string. Client admin stays its own flag.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('areas', 'text', (c) => c.notNull().defaultTo('orders,finance,documents,support'))
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('areas').execute()
}
