import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { CoreTables } from './core-tables.js'

/**
 * The whole schema as Kysely sees it. Core declares its tables here; each module adds its own with
 * `declare module '../../core/db/database.js' { interface Database { ... } }` in its schema file.
 */
export interface Database extends CoreTables {}

export type Dialect = 'sqlite' | 'postgres'

export interface Db {
  readonly kysely: Kysely<Database>
  readonly dialect: Dialect
  /** For SQLite only: the underlying handle (online backup). */
  readonly sqlite?: SQLite.Database
  /**
   * Reads that must never wait for a transaction in progress (settings). SQLite has one write
   * connection, so a read on it from inside a transaction would wait for itself; this is a second,
   * read-only connection (WAL lets it read the last committed state). PostgreSQL: a small own pool.
   */
  readonly reader: Kysely<Database>
  close(): Promise<void>
}

// int8 (count(*), bigint money sums) would arrive as strings; our integers stay below 2^53.
pg.types.setTypeParser(20, (v) => Number(v))
// numeric (sum() over bigint in PostgreSQL) likewise.
pg.types.setTypeParser(1700, (v) => Number(v))

/**
 * SQLite's own lower()/upper() fold ASCII only, so a search for "ádám" would miss "Ádám" while
 * PostgreSQL finds it; JavaScript's case mapping makes both dialects answer alike.
 */
function unicodeLower(handle: SQLite.Database): void {
  const fold = (fn: (s: string) => string) => (value: unknown) => (typeof value === 'string' ? fn(value) : value)
  handle.function(
    'lower',
    { deterministic: true },
    fold((s) => s.toLowerCase()),
  )
  handle.function(
    'upper',
    { deterministic: true },
    fold((s) => s.toUpperCase()),
  )
}

/**
 * Kysely's SQLite driver prepares every query anew; compiling the SQL was a tenth of a page's CPU
 * in the bench (docs/performance.md). Statements are kept by their text (the most recent 500) and
 * reused unless one is still being iterated (`busy`), when a fresh one is prepared for that call.
 */
function withStatementCache(handle: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => handle.close(),
    prepare: (sql) => {
      const hit = cache.get(sql)
      if (hit && !hit.busy) return hit
      const stmt = handle.prepare(sql)
      if (!hit) {
        if (cache.size >= size) cache.delete(cache.keys().next().value as string)
        cache.set(sql, stmt)
      }
      return stmt
    },
  }
}

export function openDatabase(url: string, opts: { poolSize?: number } = {}): Db {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length)
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    const sqlite = new SQLite(file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    unicodeLower(sqlite)
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
    const reader =
      file === ':memory:'
        ? kysely
        : new Kysely<Database>({
            dialect: new SqliteDialect({
              database: async () => {
                const handle = new SQLite(file, { readonly: true })
                handle.pragma('busy_timeout = 5000')
                unicodeLower(handle)
                return withStatementCache(handle)
              },
            }),
          })
    return {
      kysely,
      reader,
      dialect: 'sqlite',
      sqlite,
      close: async () => {
        if (reader !== kysely) await reader.destroy()
        await kysely.destroy()
      },
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 })
  // An idle connection closed by the server (restart, failover, an admin's terminate) is emitted as
  // a pool error; unheard, it would crash the process. The pool drops it and connects anew.
  pool.on('error', (err) => {
    process.stderr.write(`kabinet: an idle PostgreSQL connection was closed: ${err.message}\n`)
  })
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  // Settings reads get their own small pool: a request whose transactions hold every connection of
  // the main pool must still be able to read them (or it would wait for itself).
  const readerPool = new pg.Pool({ connectionString: url, max: 2 })
  readerPool.on('error', (err) => {
    process.stderr.write(`kabinet: an idle PostgreSQL connection was closed: ${err.message}\n`)
  })
  const reader = new Kysely<Database>({ dialect: new PostgresDialect({ pool: readerPool }) })
  return {
    kysely,
    reader,
    dialect: 'postgres',
    close: async () => {
      await reader.destroy()
      await kysely.destroy()
    },
  }
}
