import type { Kysely } from 'kysely'
import { clientIdColumn, idColumn, timestamps } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_issuers')
    .$call(idColumn)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tax_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('vat_status', 'text', (c) => c.notNull().defaultTo('payer'))
    .addColumn('bank_accounts_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('number_prefix', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('logo_sha256', 'text', (c) => c.references('stored_files.sha256'))
    .addColumn('stamp_sha256', 'text', (c) => c.references('stored_files.sha256'))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(timestamps)
    .execute()

  await db.schema
    .createTable('document_signers')
    .$call(idColumn)
    .addColumn('issuer_id', 'text', (c) => c.notNull().references('document_issuers.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('signature_sha256', 'text', (c) => c.references('stored_files.sha256'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('document_signers_issuer_idx').on('document_signers').column('issuer_id').execute()

  await db.schema
    .createTable('documents')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('doc_date', 'text', (c) => c.notNull())
    .addColumn('total_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('issuer_id', 'text', (c) => c.references('document_issuers.id'))
    .addColumn('is_signed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_copy', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sha256', 'text', (c) => c.notNull().references('stored_files.sha256'))
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('contract_id', 'text')
    .addColumn('invoice_id', 'text')
    .addColumn('ledger_entry_id', 'text')
    .addColumn('shipment_id', 'text')
    .addColumn('source_key', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('sent_by', 'text')
    .addColumn('first_viewed_at', 'text')
    .addColumn('first_viewed_by', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  // A client's list by date (the scope filter leads), and by kind within it.
  await db.schema.createIndex('documents_client_date_idx').on('documents').columns(['client_id', 'doc_date']).execute()
  await db.schema.createIndex('documents_client_kind_idx').on('documents').columns(['client_id', 'kind']).execute()
  // The staff's overall list over all clients by date.
  await db.schema.createIndex('documents_date_idx').on('documents').column('doc_date').execute()
  // Generated once per source: a second event for the same invoice or entry finds the first.
  await db.schema.createIndex('documents_source_uq').on('documents').column('source_key').unique().execute()
  await db.schema.createIndex('documents_invoice_idx').on('documents').column('invoice_id').execute()

  await db.schema
    .createTable('document_access')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('document_access_client_idx').on('document_access').columns(['client_id', 'at']).execute()
  await db.schema
    .createIndex('document_access_document_idx')
    .on('document_access')
    .columns(['document_id', 'at'])
    .execute()

  await db.schema
    .createTable('document_contract_issuers')
    .addColumn('contract_id', 'text', (c) => c.primaryKey())
    .$call(clientIdColumn)
    .addColumn('issuer_id', 'text', (c) => c.notNull().references('document_issuers.id'))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('document_contract_issuers_client_idx')
    .on('document_contract_issuers')
    .column('client_id')
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_contract_issuers').execute()
  await db.schema.dropTable('document_access').execute()
  await db.schema.dropTable('documents').execute()
  await db.schema.dropTable('document_signers').execute()
  await db.schema.dropTable('document_issuers').execute()
}
