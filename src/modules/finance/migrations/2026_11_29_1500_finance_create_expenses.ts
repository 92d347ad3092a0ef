import { type Kysely, sql } from 'kysely'
import { flag, idColumn } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('expense_categories')
    .$call(idColumn)
    .addColumn('parent_id', 'text', (c) => c.references('expense_categories.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .$call(flag('archived'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('expense_categories_parent_idx').on('expense_categories').column('parent_id').execute()

  await db.schema
    .createTable('expenses')
    .$call(idColumn)
    .addColumn('expense_date', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('expense_categories.id'))
    .addColumn('counterparty', 'text')
    .addColumn('counterparty_tax_id', 'text')
    .addColumn('counterparty_account', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('reverses_expense_id', 'text', (c) => c.references('expenses.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // An expense is money paid (positive); its reversal the exact negation, linked to it.
    .addCheckConstraint(
      'expenses_amount_sign',
      sql`(reverses_expense_id is null and amount_minor > 0) or (reverses_expense_id is not null and amount_minor < 0)`,
    )
    .addCheckConstraint('expenses_source', sql`source in ('manual', 'bank')`)
    .execute()
  // The P&L: one currency over a date range, grouped by category — answered from this index alone.
  await db.schema
    .createIndex('expenses_currency_date_idx')
    .on('expenses')
    .columns(['currency', 'expense_date', 'category_id', 'amount_minor'])
    .execute()
  await db.schema.createIndex('expenses_date_idx').on('expenses').columns(['expense_date', 'id']).execute()
  await db.schema.createIndex('expenses_category_idx').on('expenses').columns(['category_id', 'expense_date']).execute()
  await db.schema.createIndex('expenses_source_idx').on('expenses').columns(['source', 'expense_date']).execute()
  // Idempotent imports: one expense per bank transaction (several NULLs are allowed in both dialects).
  await db.schema.createIndex('expenses_source_ref_uq').on('expenses').column('source_ref').unique().execute()
  // Reversed at most once, whatever races.
  await db.schema.createIndex('expenses_reverses_uq').on('expenses').column('reverses_expense_id').unique().execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('expenses').execute()
  await db.schema.dropTable('expense_categories').execute()
}
