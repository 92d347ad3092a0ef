import type { Kysely } from 'kysely'
import { idColumn, timestamps } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bank_own_accounts')
    .$call(idColumn)
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('currency', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('csv_mapping_json', 'text')
    .$call(timestamps)
    .execute()
  await db.schema
    .createIndex('bank_own_accounts_key_uq')
    .on('bank_own_accounts')
    .column('account_key')
    .unique()
    .execute()

  await db.schema
    .createTable('bank_imports')
    .$call(idColumn)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull().references('stored_files.sha256'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('statements', 'integer', (c) => c.notNull())
    .addColumn('transactions', 'integer', (c) => c.notNull())
    .addColumn('new_count', 'integer', (c) => c.notNull())
    .addColumn('duplicates', 'integer', (c) => c.notNull())
    .addColumn('matched', 'integer', (c) => c.notNull())
    .addColumn('to_review', 'integer', (c) => c.notNull())
    .addColumn('expenses', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.references('users.id'))
    .addColumn('imported_by_label', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('bank_imports_imported_at_idx').on('bank_imports').column('imported_at').execute()
  await db.schema.createIndex('bank_imports_sha256_idx').on('bank_imports').column('file_sha256').execute()

  await db.schema
    .createTable('bank_statements')
    .$call(idColumn)
    .addColumn('import_id', 'text', (c) => c.notNull().references('bank_imports.id'))
    .addColumn('own_account_id', 'text', (c) => c.notNull().references('bank_own_accounts.id'))
    .addColumn('statement_ref', 'text')
    .addColumn('currency', 'text')
    .addColumn('period_from', 'text')
    .addColumn('period_to', 'text')
    .addColumn('opening_minor', 'bigint')
    .addColumn('closing_minor', 'bigint')
    .addColumn('sum_in_minor', 'bigint', (c) => c.notNull())
    .addColumn('sum_out_minor', 'bigint', (c) => c.notNull())
    .addColumn('tx_count', 'integer', (c) => c.notNull())
    .addColumn('is_mismatch', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('bank_statements_account_period_idx')
    .on('bank_statements')
    .columns(['own_account_id', 'period_to'])
    .execute()
  await db.schema.createIndex('bank_statements_import_idx').on('bank_statements').column('import_id').execute()

  await db.schema
    .createTable('bank_transactions')
    .$call(idColumn)
    .addColumn('import_id', 'text', (c) => c.notNull().references('bank_imports.id'))
    .addColumn('statement_id', 'text', (c) => c.references('bank_statements.id'))
    .addColumn('own_account_id', 'text', (c) => c.notNull().references('bank_own_accounts.id'))
    .addColumn('dedup_hash', 'text', (c) => c.notNull())
    .addColumn('booked_on', 'text', (c) => c.notNull())
    .addColumn('value_date', 'text')
    .addColumn('document_date', 'text')
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('counterparty_name', 'text')
    .addColumn('counterparty_tax_id', 'text')
    .addColumn('counterparty_account', 'text')
    .addColumn('counterparty_bank_id', 'text')
    .addColumn('reference', 'text')
    .addColumn('purpose', 'text')
    .addColumn('bank_transaction_id', 'text')
    .addColumn('is_reversal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_reason', 'text')
    .addColumn('match_kind', 'text')
    .addColumn('client_id', 'text', (c) => c.references('clients.id'))
    .addColumn('invoice_id', 'text', (c) => c.references('invoices.id'))
    .addColumn('expense_id', 'text')
    .addColumn('expense_category_id', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  // The idempotency key: a transaction is stored once however often its statement is imported.
  await db.schema
    .createIndex('bank_transactions_dedup_uq')
    .on('bank_transactions')
    .column('dedup_hash')
    .unique()
    .execute()
  // The review queue: by status and direction, newest first; the scope filter for managers uses client_id.
  await db.schema
    .createIndex('bank_transactions_status_idx')
    .on('bank_transactions')
    .columns(['status', 'direction', 'booked_on'])
    .execute()
  await db.schema
    .createIndex('bank_transactions_client_idx')
    .on('bank_transactions')
    .columns(['client_id', 'booked_on'])
    .execute()
  await db.schema
    .createIndex('bank_transactions_account_idx')
    .on('bank_transactions')
    .columns(['own_account_id', 'booked_on'])
    .execute()
  await db.schema.createIndex('bank_transactions_import_idx').on('bank_transactions').column('import_id').execute()

  await db.schema
    .createTable('bank_client_rules')
    .$call(idColumn)
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('bank_client_rules_client_idx').on('bank_client_rules').column('client_id').execute()
  await db.schema
    .createIndex('bank_client_rules_pattern_uq')
    .on('bank_client_rules')
    .column('pattern')
    .unique()
    .execute()

  await db.schema
    .createTable('bank_expense_rules')
    .$call(idColumn)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('bank_expense_rules_kind_value_uq')
    .on('bank_expense_rules')
    .columns(['kind', 'value'])
    .unique()
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'bank_expense_rules',
    'bank_client_rules',
    'bank_transactions',
    'bank_statements',
    'bank_imports',
    'bank_own_accounts',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
