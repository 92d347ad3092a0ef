import type { Kysely } from 'kysely'
import { clientIdColumn, idColumn } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_entries')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_kind', 'text')
    .addColumn('source_id', 'text')
    .addColumn('reverses_entry_id', 'text', (c) => c.references('ledger_entries.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  // The ledger page and every balance: a client's entries of one currency in date order. Opening
  // balances are one SUM over a prefix of this index, pages a range scan of it.
  await db.schema
    .createIndex('ledger_entries_client_currency_date_idx')
    .on('ledger_entries')
    .columns(['client_id', 'currency', 'entry_date', 'id'])
    .execute()
  // An entry is reversed at most once, whatever races: the database refuses the second reversal.
  await db.schema
    .createIndex('ledger_entries_reverses_uq')
    .on('ledger_entries')
    .column('reverses_entry_id')
    .unique()
    .execute()
  // Entries of one source document (an invoice's payments, a shipment's charge).
  await db.schema
    .createIndex('ledger_entries_source_idx')
    .on('ledger_entries')
    .columns(['source_kind', 'source_id'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_entries').execute()
}
