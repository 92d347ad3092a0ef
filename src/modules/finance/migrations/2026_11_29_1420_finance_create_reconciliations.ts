import type { Kysely } from 'kysely'
import { clientIdColumn, idColumn } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  // A statement of account for one client, currency and period; its figures live in versions.
  await db.schema
    .createTable('reconciliations')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('requested_by_client', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('reconciliations_client_created_idx')
    .on('reconciliations')
    .columns(['client_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('reconciliations_status_idx')
    .on('reconciliations')
    .columns(['status', 'updated_at'])
    .execute()

  // Each issued version keeps its figures for good: a later ledger change makes a new version, never edits one.
  await db.schema
    .createTable('reconciliation_versions')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('reconciliation_id', 'text', (c) => c.notNull().references('reconciliations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('opening_minor', 'bigint', (c) => c.notNull())
    .addColumn('debit_minor', 'bigint', (c) => c.notNull())
    .addColumn('credit_minor', 'bigint', (c) => c.notNull())
    .addColumn('closing_minor', 'bigint', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.references('users.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('reconciliation_versions_uq')
    .on('reconciliation_versions')
    .columns(['reconciliation_id', 'version'])
    .unique()
    .execute()
  await db.schema
    .createIndex('reconciliation_versions_client_idx')
    .on('reconciliation_versions')
    .column('client_id')
    .execute()

  await db.schema
    .createTable('reconciliation_lines')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('version_id', 'text', (c) => c.notNull().references('reconciliation_versions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('ledger_entries.id'))
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('debit_minor', 'bigint', (c) => c.notNull())
    .addColumn('credit_minor', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('reconciliation_lines_version_idx')
    .on('reconciliation_lines')
    .columns(['client_id', 'version_id', 'position'])
    .execute()

  // Every step: issued, accepted, disputed (with the disputed items), resolved with a reply.
  await db.schema
    .createTable('reconciliation_events')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('reconciliation_id', 'text', (c) => c.notNull().references('reconciliations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('items_json', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('reconciliation_events_idx')
    .on('reconciliation_events')
    .columns(['client_id', 'reconciliation_id', 'at'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['reconciliation_events', 'reconciliation_lines', 'reconciliation_versions', 'reconciliations'])
    await db.schema.dropTable(t).execute()
}
