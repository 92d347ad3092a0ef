import type { Kysely } from 'kysely'
import { clientIdColumn, flag, idColumn, timestamps } from '../../../core/db/columns.js'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time, not typed against today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('orders')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('order_date', 'text', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.references('contracts.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total_net_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_vat_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .$call(flag('is_priced', 1))
    .addColumn('line_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('delivery_address', 'text')
    .addColumn('desired_date', 'text')
    .addColumn('comment', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_via', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(timestamps)
    .execute()
  // The client's order lists (current / archive by status, newest first) and the scope filter; the
  // only index leading with client_id, so the planner never prefers a date scan that filters status.
  await db.schema
    .createIndex('orders_client_status_date_idx')
    .on('orders')
    .columns(['client_id', 'status', 'order_date'])
    .execute()
  // Staff lists over all clients: by status and date, by date, by number, by total.
  await db.schema.createIndex('orders_status_date_idx').on('orders').columns(['status', 'order_date']).execute()
  await db.schema.createIndex('orders_date_idx').on('orders').column('order_date').execute()
  await db.schema.createIndex('orders_number_idx').on('orders').column('number').execute()
  // The head's "orders by status and value" reads only this index.
  await db.schema
    .createIndex('orders_status_currency_total_idx')
    .on('orders')
    .columns(['status', 'currency', 'total_minor'])
    .execute()

  await db.schema
    .createTable('order_lines')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price_minor', 'bigint')
    .addColumn('vat_rate_bp', 'integer')
    .addColumn('net_minor', 'bigint')
    .addColumn('vat_minor', 'bigint')
    .addColumn('total_minor', 'bigint')
    .execute()
  await db.schema
    .createIndex('order_lines_client_order_idx')
    .on('order_lines')
    .columns(['client_id', 'order_id'])
    .execute()
  await db.schema.createIndex('order_lines_order_idx').on('order_lines').columns(['order_id', 'position']).execute()

  await db.schema
    .createTable('order_status_changes')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .$call(flag('is_internal', 0))
    .execute()
  // The client card's timeline: a client's changes newest first.
  await db.schema
    .createIndex('order_status_changes_client_idx')
    .on('order_status_changes')
    .columns(['client_id', 'changed_at'])
    .execute()
  await db.schema
    .createIndex('order_status_changes_order_idx')
    .on('order_status_changes')
    .columns(['order_id', 'changed_at'])
    .execute()

  await db.schema
    .createTable('shipments')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('shipped_at', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('note', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('total_net_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_vat_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('ledger_entry_id', 'text')
    .addColumn('document_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('shipments_client_order_idx').on('shipments').columns(['client_id', 'order_id']).execute()
  await db.schema.createIndex('shipments_order_idx').on('shipments').columns(['order_id', 'shipped_at']).execute()
  // Finance looks for shipments it has not posted yet.
  await db.schema.createIndex('shipments_ledger_idx').on('shipments').column('ledger_entry_id').execute()

  await db.schema
    .createTable('shipment_lines')
    .$call(idColumn)
    .$call(clientIdColumn)
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('order_line_id', 'text', (c) => c.notNull().references('order_lines.id'))
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .addColumn('net_minor', 'bigint', (c) => c.notNull())
    .addColumn('vat_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('shipment_lines_client_shipment_idx')
    .on('shipment_lines')
    .columns(['client_id', 'shipment_id'])
    .execute()
  await db.schema.createIndex('shipment_lines_order_line_idx').on('shipment_lines').column('order_line_id').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shipment_lines').execute()
  await db.schema.dropTable('shipments').execute()
  await db.schema.dropTable('order_status_changes').execute()
  await db.schema.dropTable('order_lines').execute()
  await db.schema.dropTable('orders').execute()
}
