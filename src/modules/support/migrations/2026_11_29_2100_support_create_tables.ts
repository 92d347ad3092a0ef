import type { Kysely } from 'kysely'
import { clientIdColumn, idColumn, timestamps } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('support_categories')
    .$call(idColumn)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('names_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(timestamps)
    .execute()

  await db.schema
    .createTable('support_sla_targets')
    .addColumn('category_id', 'text', (c) => c.notNull().references('support_categories.id'))
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('first_response_minutes', 'integer', (c) => c.notNull())
    .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('support_sla_targets_pk', ['category_id', 'priority'])
    .execute()

  await db.schema
    .createTable('support_requests')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('support_categories.id'))
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('linked_kind', 'text')
    .addColumn('linked_id', 'text')
    .addColumn('first_response_target_minutes', 'integer', (c) => c.notNull())
    .addColumn('resolution_target_minutes', 'integer', (c) => c.notNull())
    .addColumn('first_response_due_at', 'text', (c) => c.notNull())
    .addColumn('resolution_due_at', 'text', (c) => c.notNull())
    .addColumn('first_responded_at', 'text')
    .addColumn('first_response_minutes', 'integer')
    .addColumn('resolved_at', 'text')
    .addColumn('resolution_minutes', 'integer')
    .addColumn('closed_at', 'text')
    .addColumn('sla_paused_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_since', 'text')
    .addColumn('last_message_at', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(timestamps)
    .execute()
  await db.schema.createIndex('support_requests_number_uq').on('support_requests').column('number').unique().execute()
  // Leads with client_id: the scope filter, a client's own list and the client card's timeline.
  await db.schema
    .createIndex('support_requests_client_created_idx')
    .on('support_requests')
    .columns(['client_id', 'created_at'])
    .execute()
  // Queues: mine and unassigned by status.
  await db.schema
    .createIndex('support_requests_assignee_status_idx')
    .on('support_requests')
    .columns(['assignee_id', 'status'])
    .execute()
  // Overdue now: open requests by due time.
  await db.schema
    .createIndex('support_requests_status_response_due_idx')
    .on('support_requests')
    .columns(['status', 'first_response_due_at'])
    .execute()
  await db.schema
    .createIndex('support_requests_status_resolution_due_idx')
    .on('support_requests')
    .columns(['status', 'resolution_due_at'])
    .execute()
  // The report's period: requests opened in a date range across all clients (the head's view).
  await db.schema.createIndex('support_requests_created_idx').on('support_requests').column('created_at').execute()

  await db.schema
    .createTable('support_messages')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('request_id', 'text', (c) => c.notNull().references('support_requests.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body_markdown', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('is_internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('support_messages_client_created_idx')
    .on('support_messages')
    .columns(['client_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('support_messages_request_idx')
    .on('support_messages')
    .columns(['request_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('support_attachments')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('request_id', 'text', (c) => c.notNull().references('support_requests.id'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('support_messages.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('stored_files.sha256'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('support_attachments_client_request_idx')
    .on('support_attachments')
    .columns(['client_id', 'request_id'])
    .execute()
  await db.schema
    .createIndex('support_attachments_message_idx')
    .on('support_attachments')
    .column('message_id')
    .execute()

  await db.schema
    .createTable('support_status_changes')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('request_id', 'text', (c) => c.notNull().references('support_requests.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('support_status_changes_client_idx')
    .on('support_status_changes')
    .columns(['client_id', 'changed_at'])
    .execute()
  await db.schema
    .createIndex('support_status_changes_request_idx')
    .on('support_status_changes')
    .columns(['request_id', 'changed_at'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('support_status_changes').execute()
  await db.schema.dropTable('support_attachments').execute()
  await db.schema.dropTable('support_messages').execute()
  await db.schema.dropTable('support_requests').execute()
  await db.schema.dropTable('support_sla_targets').execute()
  await db.schema.dropTable('support_categories').execute()
}
