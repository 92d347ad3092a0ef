import type { CreateTableBuilder } from 'kysely'

// Both dialects share these column types: ids and timestamps are text (ISO-8601 UTC, which sorts
// as text), flags are integers 0/1, money is bigint minor units. SQLite maps them by affinity.

/** Adds an opaque text primary key `id`. */
export const idColumn = <T extends string>(t: CreateTableBuilder<T>) => t.addColumn('id', 'text', (c) => c.primaryKey())

/** Adds `created_at` and `updated_at`. */
export const timestamps = <T extends string>(t: CreateTableBuilder<T>) =>
  t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull())

/** Adds a `client_id` reference to the tenant; callers index it. */
export const clientIdColumn = <T extends string>(t: CreateTableBuilder<T>) =>
  t.addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))

/** Adds `<name>_minor` and `<name>_currency`. */
export const money =
  (name: string, opts: { nullable?: boolean } = {}) =>
  <T extends string>(t: CreateTableBuilder<T>) =>
    t
      .addColumn(`${name}_minor`, 'bigint', (c) => (opts.nullable ? c : c.notNull()))
      .addColumn(`${name}_currency`, 'text', (c) => (opts.nullable ? c : c.notNull()))

/** A 0/1 flag with a default. */
export const flag =
  (name: string, fallback: 0 | 1 = 0) =>
  <T extends string>(t: CreateTableBuilder<T>) =>
    t.addColumn(name, 'integer', (c) => c.notNull().defaultTo(fallback))
