import { type Kysely, type SqlBool, sql } from 'kysely'
import { clientIdColumn, idColumn, timestamps } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contact_log')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('employee_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('next_step', 'text')
    .addColumn('next_step_due', 'text')
    .addColumn('next_step_done_at', 'text')
    .addColumn('next_step_done_by', 'text', (c) => c.references('users.id'))
    .$call(timestamps)
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addCheckConstraint('contact_log_channel', sql`channel in ('call', 'meeting', 'email', 'message', 'visit')`)
    .addCheckConstraint('contact_log_direction', sql`direction in ('inbound', 'outbound')`)
    .execute()
  // The client's timeline and per-client list.
  await db.schema
    .createIndex('contact_log_client_occurred')
    .on('contact_log')
    .columns(['client_id', 'occurred_at'])
    .execute()
  // An employee's own list.
  await db.schema
    .createIndex('contact_log_employee_occurred')
    .on('contact_log')
    .columns(['employee_id', 'occurred_at'])
    .execute()
  // The head's list of everything, newest first.
  await db.schema.createIndex('contact_log_occurred').on('contact_log').column('occurred_at').execute()
  // Open next steps on an employee's home page, by due date; done ones drop out of the index.
  await db.schema
    .createIndex('contact_log_employee_open_due')
    .on('contact_log')
    .columns(['employee_id', 'next_step_due'])
    .where(sql<SqlBool>`next_step is not null and next_step_done_at is null`)
    .execute()

  await db.schema
    .createTable('contact_log_persons')
    .$call(clientIdColumn)
    .addColumn('contact_log_id', 'text', (c) => c.notNull().references('contact_log.id').onDelete('cascade'))
    // Deleting a contact person keeps the log entry; only the link goes.
    .addColumn('contact_person_id', 'text', (c) => c.notNull().references('contact_persons.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('contact_log_persons_pk', ['contact_log_id', 'contact_person_id'])
    .execute()
  await db.schema
    .createIndex('contact_log_persons_client')
    .on('contact_log_persons')
    .columns(['client_id', 'contact_log_id'])
    .execute()
  await db.schema
    .createIndex('contact_log_persons_person')
    .on('contact_log_persons')
    .column('contact_person_id')
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_log_persons').execute()
  await db.schema.dropTable('contact_log').execute()
}
