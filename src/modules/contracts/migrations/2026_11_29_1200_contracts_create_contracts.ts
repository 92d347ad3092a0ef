import type { Kysely } from 'kysely'
import { clientIdColumn, idColumn, money, timestamps } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contracts')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('parameters_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .$call(money('amount', { nullable: true }))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scan_sha256', 'text', (c) => c.references('stored_files.sha256'))
    .addColumn('issuer', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(timestamps)
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute()
  // Leads with client_id: the scope filter and "number unique per client" share it.
  await db.schema
    .createIndex('contracts_client_number_uq')
    .on('contracts')
    .columns(['client_id', 'number'])
    .unique()
    .execute()
  // The expiry job and the "ending soon" lists: running contracts by end date.
  await db.schema.createIndex('contracts_status_valid_to_idx').on('contracts').columns(['status', 'valid_to']).execute()
  await db.schema.createIndex('contracts_valid_to_idx').on('contracts').column('valid_to').execute()
  await db.schema.createIndex('contracts_signed_on_idx').on('contracts').column('signed_on').execute()

  await db.schema
    .createTable('contract_status_changes')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .execute()
  // The client card's timeline reads a client's changes newest first.
  await db.schema
    .createIndex('contract_status_changes_client_idx')
    .on('contract_status_changes')
    .columns(['client_id', 'changed_at'])
    .execute()
  await db.schema
    .createIndex('contract_status_changes_contract_idx')
    .on('contract_status_changes')
    .columns(['contract_id', 'changed_at'])
    .execute()

  await db.schema
    .createTable('contract_expiry_runs')
    .addColumn('run_date', 'text', (c) => c.primaryKey())
    .addColumn('ran_at', 'text', (c) => c.notNull())
    .addColumn('expired', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_expiry_runs').execute()
  await db.schema.dropTable('contract_status_changes').execute()
  await db.schema.dropTable('contracts').execute()
}
