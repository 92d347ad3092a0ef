import { type Kysely, type SqlBool, sql } from 'kysely'
import { clientIdColumn, flag, idColumn, timestamps } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contact_persons')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('mobile', 'text')
    .addColumn('messenger', 'text')
    .addColumn('relationship_role', 'text', (c) => c.notNull().defaultTo('other'))
    .$call(flag('is_primary'))
    .addColumn('notes', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('archived_at', 'text')
    .$call(timestamps)
    .execute()
  await db.schema
    .createIndex('contact_persons_client_id_name')
    .on('contact_persons')
    .columns(['client_id', 'name'])
    .execute()
  await db.schema.createIndex('contact_persons_user_id').on('contact_persons').column('user_id').execute()
  // One primary contact person per client; the service clears the old one first, this is the backstop.
  await db.schema
    .createIndex('contact_persons_client_id_primary')
    .unique()
    .on('contact_persons')
    .column('client_id')
    .where(sql<SqlBool>`is_primary = 1 and archived_at is null`)
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_persons').execute()
}
