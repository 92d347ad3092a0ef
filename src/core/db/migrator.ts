import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely'
import type { Database, Db } from './database.js'

export type MigrationMap = Record<string, Migration>

/** Runs every pending migration of core and all modules (enabled or not: foreign keys must hold). */
export async function migrateToLatest(db: Db, migrations: MigrationMap): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: db.kysely as Kysely<unknown> as Kysely<Database>,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kabinet_migrations',
    migrationLockTableName: 'kabinet_migrations_lock',
    // Modules arrive over time with their own dated migrations; an installation that already ran a
    // later-dated one must still take an earlier-dated migration of a newly added module.
    allowUnorderedMigrations: true,
  })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    const reason = result.error instanceof Error ? result.error.message : String(result.error)
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`)
  }
  return result
}

/** Merges migration maps, refusing a name defined twice. */
export function collectMigrations(...maps: MigrationMap[]): MigrationMap {
  const out: MigrationMap = {}
  for (const map of maps) {
    for (const [name, migration] of Object.entries(map)) {
      if (out[name]) throw new Error(`migration ${name} is defined twice`)
      out[name] = migration
    }
  }
  return out
}
