import type { Kysely } from 'kysely'
import { idColumn, timestamps } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  // Links are polymorphic (a client or a user), so entity_id has no foreign key; client_id does.
  await db.schema
    .createTable('site_links')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.references('clients.id'))
    .addPrimaryKeyConstraint('site_links_pk', ['kind', 'external_id'])
    .$call(timestamps)
    .execute()
  // One website id per Kabinet record: webhooks and the changes feed look the id up by entity.
  await db.schema.createIndex('site_links_entity_id').unique().on('site_links').column('entity_id').execute()

  await db.schema
    .createTable('site_sso_nonces')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('used_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('site_sso_nonces_expires_at').on('site_sso_nonces').column('expires_at').execute()

  await db.schema
    .createTable('site_webhook_deliveries')
    .$call(idColumn)
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute()
  await db.schema
    .createIndex('site_webhook_deliveries_due')
    .on('site_webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute()
  await db.schema
    .createIndex('site_webhook_deliveries_status_created')
    .on('site_webhook_deliveries')
    .columns(['status', 'created_at'])
    .execute()
  await db.schema
    .createIndex('site_webhook_deliveries_created_at')
    .on('site_webhook_deliveries')
    .column('created_at')
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_webhook_deliveries').execute()
  await db.schema.dropTable('site_sso_nonces').execute()
  await db.schema.dropTable('site_links').execute()
}
