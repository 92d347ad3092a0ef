import type { Kysely } from 'kysely'
import { clientIdColumn, idColumn } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('client_manager_history')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('from_manager_id', 'text', (c) => c.references('users.id'))
    .addColumn('to_manager_id', 'text', (c) => c.references('users.id'))
    .addColumn('changed_by', 'text', (c) => c.references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .execute()
  await db.schema
    .createIndex('client_manager_history_client_id_changed_at')
    .on('client_manager_history')
    .columns(['client_id', 'changed_at'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('client_manager_history').execute()
}
