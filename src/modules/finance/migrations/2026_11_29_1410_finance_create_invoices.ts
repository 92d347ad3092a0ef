import type { Kysely } from 'kysely'
import { clientIdColumn, idColumn } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invoices')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('number', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text')
    .addColumn('due_date', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('net_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('vat_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('payment_reference', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text')
    .execute()
  // Numbers and payment references are unique (null while a draft); the bank import looks references up.
  await db.schema.createIndex('invoices_number_uq').on('invoices').column('number').unique().execute()
  await db.schema.createIndex('invoices_reference_uq').on('invoices').column('payment_reference').unique().execute()
  // A client's invoices by state and due date (its list, its unpaid sum); leads with client_id for the scope.
  await db.schema
    .createIndex('invoices_client_status_due_idx')
    .on('invoices')
    .columns(['client_id', 'status', 'due_date'])
    .execute()
  // Overdue across clients: open statuses by due date.
  await db.schema.createIndex('invoices_status_due_idx').on('invoices').columns(['status', 'due_date']).execute()
  await db.schema.createIndex('invoices_issue_date_idx').on('invoices').column('issue_date').execute()

  await db.schema
    .createTable('invoice_lines')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('vat_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('net_minor', 'bigint', (c) => c.notNull())
    .addColumn('vat_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('invoice_lines_client_invoice_idx')
    .on('invoice_lines')
    .columns(['client_id', 'invoice_id', 'position'])
    .execute()

  await db.schema
    .createTable('invoice_payments')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('ledger_entry_id', 'text', (c) => c.notNull().references('ledger_entries.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  // One bank transaction is recorded once per client: a second recording of the same reference is refused.
  await db.schema
    .createIndex('invoice_payments_client_reference_uq')
    .on('invoice_payments')
    .columns(['client_id', 'reference'])
    .unique()
    .execute()
  await db.schema.createIndex('invoice_payments_invoice_idx').on('invoice_payments').column('invoice_id').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invoice_payments').execute()
  await db.schema.dropTable('invoice_lines').execute()
  await db.schema.dropTable('invoices').execute()
}
