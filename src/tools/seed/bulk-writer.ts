import { CompiledQuery, type ControlledTransaction, type Insertable } from 'kysely'
import type { Database, Db } from '../../core/db/database.js'

/** SQLite ≥ 3.32 binds at most 32,766 parameters per statement, PostgreSQL 65,535. */
const PARAM_LIMIT = { sqlite: 32_766, postgres: 65_535 } as const
const MAX_ROWS_PER_INSERT = 1000
/** Rows per transaction: big enough that commits cost nothing, small enough that a crash loses little. */
const ROWS_PER_TX = 50_000

export interface TableFigures {
  table: string
  rows: number
  /** Time spent inside INSERT statements for this table. */
  ms: number
}

interface Buffer {
  table: string
  columns: string[]
  rows: unknown[][]
  perInsert: number
  figures: TableFigures
}

/**
 * Multi-row INSERTs in batches, in transactions of ~50,000 rows. On PostgreSQL, which checks foreign
 * keys at once, a table's flush first flushes every buffer opened before it, so parent rows always
 * reach the database before their children.
 */
export class BulkWriter {
  private readonly buffers = new Map<string, Buffer>()
  private readonly statements = new Map<string, { run(params: unknown[]): unknown }>()
  private trx: ControlledTransaction<Database> | null = null
  private inTx = 0

  /**
   * `checked`: PostgreSQL checks foreign keys row by row, so parents are flushed before children.
   * Otherwise (SQLite with foreign_keys off, or PostgreSQL as a superuser with
   * session_replication_role = replica) only full buffers are written, in one statement shape.
   */
  constructor(
    private readonly db: Db,
    private readonly checked: boolean,
  ) {}

  /**
   * Buffers one row. `stream` names a separate buffer of the same table, for rows that must follow
   * another table's (client users after their clients, while staff users come before them).
   */
  async add<T extends keyof Database & string>(table: T, row: Insertable<Database[T]>, stream?: string): Promise<void> {
    const key = stream ?? table
    let buf = this.buffers.get(key)
    if (!buf) {
      const columns = Object.keys(row)
      buf = {
        table,
        columns,
        rows: [],
        perInsert: Math.min(MAX_ROWS_PER_INSERT, Math.floor(PARAM_LIMIT[this.db.dialect] / columns.length)),
        figures: { table, rows: 0, ms: 0 },
      }
      this.buffers.set(key, buf)
    }
    const values = row as Record<string, unknown>
    buf.rows.push(buf.columns.map((c) => values[c] ?? null))
    if (buf.rows.length >= buf.perInsert) await this.flushUpTo(key)
  }

  /** Writes every buffered row and commits. */
  async finish(): Promise<TableFigures[]> {
    for (const key of this.buffers.keys()) await this.flushOne(key)
    await this.commit()
    const byTable = new Map<string, TableFigures>()
    for (const b of this.buffers.values()) {
      const f = byTable.get(b.table) ?? { table: b.table, rows: 0, ms: 0 }
      f.rows += b.figures.rows
      f.ms += b.figures.ms
      byTable.set(b.table, f)
    }
    return [...byTable.values()]
  }

  private async flushUpTo(key: string): Promise<void> {
    if (!this.checked) await this.flushOne(key)
    else
      for (const name of this.buffers.keys()) {
        await this.flushOne(name)
        if (name === key) break
      }
    if (this.inTx >= ROWS_PER_TX) await this.commit()
  }

  private async flushOne(key: string): Promise<void> {
    const buf = this.buffers.get(key)
    if (!buf || buf.rows.length === 0) return
    await this.begin()
    const started = performance.now()
    for (let i = 0; i < buf.rows.length; i += buf.perInsert) {
      const chunk = buf.rows.slice(i, i + buf.perInsert)
      await this.insert(buf.table, buf.columns, chunk)
    }
    buf.figures.ms += performance.now() - started
    buf.figures.rows += buf.rows.length
    this.inTx += buf.rows.length
    buf.rows = []
  }

  private async insert(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    if (this.db.sqlite) {
      const params = rows.flat().map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v))
      const key = `${table}:${rows.length}`
      let stmt = this.statements.get(key)
      if (!stmt) {
        const one = `(${columns.map(() => '?').join(',')})`
        stmt = this.db.sqlite.prepare(
          `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${Array(rows.length).fill(one).join(',')}`,
        )
        this.statements.set(key, stmt)
      }
      stmt.run(params)
      return
    }
    // Literals rather than bound parameters: pg sends a statement without parameters in the simple
    // protocol, which PostgreSQL parses several times faster than 10,000 bound values. The values
    // are the seed's own numbers and strings, quoted the standard way (standard_conforming_strings).
    const literal = (v: unknown) =>
      v === null ? 'null' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`
    const tuples = rows.map((r) => `(${r.map((v) => literal(typeof v === 'boolean' ? Number(v) : v)).join(',')})`)
    const text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${tuples.join(',')}`
    await (this.trx as ControlledTransaction<Database>).executeQuery(CompiledQuery.raw(text, []))
  }

  private async begin(): Promise<void> {
    if (this.db.sqlite) {
      if (!this.db.sqlite.inTransaction) this.db.sqlite.exec('begin')
      return
    }
    if (this.trx) return
    this.trx = await this.db.kysely.startTransaction().execute()
    if (!this.checked) await this.trx.executeQuery(CompiledQuery.raw('set local session_replication_role = replica'))
  }

  private async commit(): Promise<void> {
    this.inTx = 0
    if (this.db.sqlite) {
      if (this.db.sqlite.inTransaction) this.db.sqlite.exec('commit')
      return
    }
    if (this.trx) {
      await this.trx.commit().execute()
      this.trx = null
    }
  }

  /** Gives up the open transaction (after an error), so a failed seed leaves no half batch. */
  async abort(): Promise<void> {
    if (this.db.sqlite?.inTransaction) this.db.sqlite.exec('rollback')
    if (this.trx) await this.trx.rollback().execute()
    this.trx = null
  }
}
