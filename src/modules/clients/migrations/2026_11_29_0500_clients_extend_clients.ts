import type { Kysely } from 'kysely'

// Core owns the tenant table; the business columns are this module's. SQLite adds one column per
// ALTER TABLE, so each column is its own statement.
const TEXT_COLUMNS = [
  'short_name',
  'country',
  'tax_id',
  'kpp',
  'registration_number',
  'legal_address',
  'postal_address',
  'phone',
  'email',
  'website',
  'client_group',
  'tags',
  'notes',
] as const

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('clients')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('company'))
    .execute()
  for (const column of TEXT_COLUMNS) await db.schema.alterTable('clients').addColumn(column, 'text').execute()
  await db.schema
    .alterTable('clients')
    .addColumn('bank_accounts', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute()
  await db.schema
    .alterTable('clients')
    .addColumn('support_visibility', 'text', (c) => c.notNull().defaultTo('company'))
    .execute()
  await db.schema
    .alterTable('clients')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema.createIndex('clients_tax_id').on('clients').column('tax_id').execute()
  await db.schema.createIndex('clients_client_group').on('clients').column('client_group').execute()
  await db.schema.createIndex('clients_status_name').on('clients').columns(['status', 'name']).execute()
  await db.schema.createIndex('clients_created_at').on('clients').column('created_at').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['clients_created_at', 'clients_status_name', 'clients_client_group', 'clients_tax_id']) {
    await db.schema.dropIndex(index).execute()
  }
  for (const column of ['search_text', 'support_visibility', 'bank_accounts', ...TEXT_COLUMNS, 'kind']) {
    await db.schema.alterTable('clients').dropColumn(column).execute()
  }
}
