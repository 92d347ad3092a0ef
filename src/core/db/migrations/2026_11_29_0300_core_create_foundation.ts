import type { Kysely } from 'kysely'
import { flag, idColumn, timestamps } from '../columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('clients')
    .$call(idColumn)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .$call(timestamps)
    .execute()
  await db.schema.createIndex('clients_manager_id').on('clients').column('manager_id').execute()
  await db.schema.createIndex('clients_name').on('clients').column('name').execute()

  await db.schema
    .createTable('users')
    .$call(idColumn)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.references('clients.id'))
    .$call(flag('is_client_admin'))
    .$call(flag('all_clients'))
    .addColumn('locale', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .$call(flag('totp_enabled'))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_login_at', 'text')
    .$call(timestamps)
    .execute()
  await db.schema.createIndex('users_email').unique().on('users').column('email').execute()
  await db.schema.createIndex('users_client_id').on('users').column('client_id').execute()
  await db.schema.createIndex('users_role_name').on('users').columns(['role', 'name']).execute()

  await db.schema
    .createTable('sessions')
    .$call(idColumn)
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .$call(flag('mfa_pending'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute()
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute()
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute()

  await db.schema
    .createTable('one_time_tokens')
    .$call(idColumn)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('one_time_tokens_user_id').on('one_time_tokens').column('user_id').execute()

  await db.schema
    .createTable('api_tokens')
    .$call(idColumn)
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('api_tokens_token_hash').unique().on('api_tokens').column('token_hash').execute()
  await db.schema.createIndex('api_tokens_user_id').on('api_tokens').column('user_id').execute()

  await db.schema
    .createTable('audit_log')
    .$call(idColumn)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('client_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .execute()
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute()
  await db.schema.createIndex('audit_log_client_id_at').on('audit_log').columns(['client_id', 'at']).execute()
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute()
  await db.schema.createIndex('audit_log_actor_id_at').on('audit_log').columns(['actor_id', 'at']).execute()
  await db.schema.createIndex('audit_log_action_at').on('audit_log').columns(['action', 'at']).execute()

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute()

  await db.schema
    .createTable('stored_files')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('outbox')
    .$call(idColumn)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema.createIndex('outbox_status_next').on('outbox').columns(['status', 'next_attempt_at']).execute()

  await db.schema
    .createTable('job_locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text', (c) => c.notNull())
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'job_locks',
    'outbox',
    'stored_files',
    'settings',
    'audit_log',
    'api_tokens',
    'one_time_tokens',
    'sessions',
    'users',
    'clients',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
