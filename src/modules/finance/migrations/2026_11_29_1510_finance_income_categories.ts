import type { Kysely } from 'kysely'
import { flag, idColumn } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  // Service types the head defines; a service charge may name one, so the P&L itemises income by it.
  await db.schema
    .createTable('income_categories')
    .$call(idColumn)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .$call(flag('archived'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .alterTable('ledger_entries')
    .addColumn('category_id', 'text', (c) => c.references('income_categories.id'))
    .execute()
  await db.schema
    .createIndex('ledger_entries_category_idx')
    .on('ledger_entries')
    .columns(['category_id', 'entry_date'])
    .execute()
  // The P&L over all clients: one currency over a date range grouped by kind, category and client,
  // answered from this index alone (no table rows read).
  await db.schema
    .createIndex('ledger_entries_pnl_idx')
    .on('ledger_entries')
    .columns(['currency', 'entry_date', 'kind', 'category_id', 'client_id', 'amount_minor'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ledger_entries_pnl_idx').execute()
  await db.schema.dropIndex('ledger_entries_category_idx').execute()
  await db.schema.alterTable('ledger_entries').dropColumn('category_id').execute()
  await db.schema.dropTable('income_categories').execute()
}
