import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { allMigrations } from '../../src/app.js'
import { type Db, openDatabase } from '../../src/core/db/database.js'
import { migrateToLatest } from '../../src/core/db/migrator.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * A hash of every migration file and of the registered migrations: a template database is rebuilt
 * whenever a file changes or a module is registered (its files may have been on disk before).
 */
function migrationsHash(): string {
  const hash = createHash('sha256')
  hash.update(Object.keys(allMigrations()).sort().join('\n'))
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name)
      if (fs.statSync(full).isDirectory()) walk(full)
      else if (full.includes(`${path.sep}migrations${path.sep}`) && name.endsWith('.ts')) {
        hash.update(full.slice(root.length)).update(fs.readFileSync(full))
      }
    }
  }
  walk(path.join(root, 'src'))
  return hash.digest('hex').slice(0, 16)
}

export const PG_URL = process.env.KABINET_TEST_DATABASE_URL || ''
export const dialectUnderTest = PG_URL ? 'postgres' : 'sqlite'

let sqliteTemplate: Promise<string> | null = null

/** Migrates one template file per migration set; tests copy it instead of migrating each time. */
function sqliteTemplateFile(): Promise<string> {
  sqliteTemplate ??= (async () => {
    const file = path.join(os.tmpdir(), `kabinet-tpl-${migrationsHash()}.sqlite`)
    if (fs.existsSync(file)) return file
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
    const db = openDatabase(`sqlite:${tmp}`)
    await migrateToLatest(db, allMigrations())
    db.sqlite?.pragma('wal_checkpoint(TRUNCATE)')
    db.sqlite?.pragma('journal_mode = DELETE')
    await db.close()
    fs.renameSync(tmp, file)
    return file
  })()
  return sqliteTemplate
}

let pgTemplate: Promise<string> | null = null

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/** One migrated template database per migration set, created under an advisory lock. */
function pgTemplateName(): Promise<string> {
  pgTemplate ??= (async () => {
    const name = `kabinet_tpl_${migrationsHash()}`
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    try {
      await admin.query('select pg_advisory_lock(4242)')
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name])
      if (exists.rowCount === 0) {
        await admin.query(`create database "${name}_building"`).catch(async () => {
          await admin.query(`drop database "${name}_building" with (force)`)
          await admin.query(`create database "${name}_building"`)
        })
        const db = openDatabase(withDatabase(PG_URL, `${name}_building`), { poolSize: 1 })
        await migrateToLatest(db, allMigrations())
        await db.close()
        await admin.query(`alter database "${name}_building" rename to "${name}"`)
      }
      await admin.query('select pg_advisory_unlock(4242)')
    } finally {
      await admin.end()
    }
    return name
  })()
  return pgTemplate
}

/** A fresh, migrated database for one test, dropped after it. */
export interface FreshDatabase {
  db: Db
  url: string
  dataDir: string
  /** Run before the database is closed and dropped (close the app first). */
  disposers: (() => Promise<void>)[]
}

export async function freshDatabase(t: TestContext): Promise<FreshDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kabinet-test-'))
  const disposers: (() => Promise<void>)[] = []
  let drop: (() => Promise<void>) | null = null
  let db: Db | null = null
  t.after(async () => {
    for (const d of disposers.reverse()) await d()
    await db?.close().catch(() => undefined)
    await drop?.()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
  if (!PG_URL) {
    const file = path.join(dataDir, 'kabinet.sqlite')
    fs.copyFileSync(await sqliteTemplateFile(), file)
    const url = `sqlite:${file}`
    db = openDatabase(url)
    return { db, url, dataDir, disposers }
  }
  const template = await pgTemplateName()
  const name = `kt_${process.pid}_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  // Postgres refuses a template with open connections; retry briefly if another test is copying it.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database "${name}" template "${template}"`)
      break
    } catch (err) {
      if (attempt > 20) throw err
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  await admin.end()
  const url = withDatabase(PG_URL, name)
  db = openDatabase(url, { poolSize: 5 })
  drop = async () => {
    const cleanup = new pg.Client({ connectionString: PG_URL })
    await cleanup.connect()
    await cleanup.query(`drop database if exists "${name}" with (force)`)
    await cleanup.end()
  }
  return { db, url, dataDir, disposers }
}
