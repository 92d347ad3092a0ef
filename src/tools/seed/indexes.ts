import { sql } from 'kysely'
import type { Db } from '../../core/db/database.js'

export interface DroppedIndex {
  name: string
  ddl: string
}

/**
 * Drops every secondary index (primary keys stay), so bulk inserts write only the table; building
 * an index once over the loaded rows is several times quicker than keeping it up to date row by row.
 * A unique index that the data would break fails when it is built again, so the seed still proves it.
 */
export async function dropSecondaryIndexes(db: Db): Promise<DroppedIndex[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await sql<DroppedIndex>`select name, sql as ddl from sqlite_master where type = 'index' and sql is not null`.execute(
          db.kysely,
        )
      : await sql<DroppedIndex>`select indexname as name, indexdef as ddl from pg_indexes
          where schemaname = current_schema()
            and indexname not in (select conname from pg_constraint where conindid <> 0)`.execute(db.kysely)
  for (const r of rows.rows) await sql.raw(`drop index "${r.name}"`).execute(db.kysely)
  return rows.rows
}

export async function recreateIndexes(db: Db, dropped: DroppedIndex[]): Promise<void> {
  for (const r of dropped) {
    if (db.sqlite) db.sqlite.exec(r.ddl)
    else
      await db.kysely.transaction().execute(async (trx) => {
        await sql`set local maintenance_work_mem = '256MB'`.execute(trx)
        await sql.raw(r.ddl).execute(trx)
      })
  }
}
