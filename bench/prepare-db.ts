// The seeded database a bench run measures: a cached SQLite file keyed by scale, seed, seed format
// and migration set (rebuilt when any of them changes), or the PostgreSQL database given with --db.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { allMigrations } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { type Db, openDatabase } from '../src/core/db/database.js'
import { formatSeedReport, SEED_FORMAT, type SeedReport, seedDatabase } from '../src/tools/seed/seed.js'
import { ROOT } from './processes.js'

export interface PreparedDb {
  url: string
  /** The data directory the seed stored the documents' files in; the server runs on it. */
  dataDir: string
  dialect: 'sqlite' | 'postgres'
  /** The seed run of this database (now or when the cache was built). */
  seed: SeedReport | null
  reused: boolean
}

const migrationsKey = () =>
  createHash('sha256').update(Object.keys(allMigrations()).sort().join('\n')).digest('hex').slice(0, 10)

async function marker(db: Db): Promise<{ clients: number; seed: number; format: number } | null> {
  try {
    const row = await db.kysely.selectFrom('settings').select('value_json').where('key', '=', 'seed').executeTakeFirst()
    return row ? JSON.parse(row.value_json) : null
  } catch {
    return null
  }
}

export async function prepareDatabase(opts: {
  db?: string
  clients: number
  seed: number
  force: boolean
  log: (line: string) => void
}): Promise<PreparedDb> {
  const seedLog = (line: string) => opts.log(`  seed: ${line}`)
  const dir = path.join(ROOT, 'bench-results', 'cache')
  fs.mkdirSync(dir, { recursive: true })
  const configFor = (url: string, dataDir: string) =>
    loadConfig({
      KABINET_DATABASE_URL: url,
      KABINET_DATA_DIR: dataDir,
      KABINET_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    })
  if (opts.db) {
    const dataDir = path.join(dir, `postgres-${createHash('sha256').update(opts.db).digest('hex').slice(0, 10)}.data`)
    const db = openDatabase(opts.db)
    try {
      const m = await marker(db)
      if (m && m.clients === opts.clients && m.seed === opts.seed && m.format === SEED_FORMAT) {
        opts.log(`reusing the seeded database ${opts.db.replace(/\/\/[^@]*@/, '//')}`)
        return { url: opts.db, dataDir, dialect: db.dialect, seed: null, reused: true }
      }
      fs.rmSync(dataDir, { recursive: true, force: true })
      const report = await seedDatabase(db, {
        config: configFor(opts.db, dataDir),
        clients: opts.clients,
        seed: opts.seed,
        force: opts.force,
        log: seedLog,
      })
      opts.log(formatSeedReport(report))
      return { url: opts.db, dataDir, dialect: db.dialect, seed: report, reused: false }
    } finally {
      await db.close()
    }
  }
  const file = path.join(dir, `kabinet-${opts.clients}-${opts.seed}-f${SEED_FORMAT}-${migrationsKey()}.sqlite`)
  const reportFile = `${file}.seed.json`
  const dataDir = `${file}.data`
  if (fs.existsSync(file)) {
    opts.log(`reusing the cached seeded database ${path.relative(ROOT, file)}`)
    const seed = fs.existsSync(reportFile) ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as SeedReport) : null
    return { url: `sqlite:${file}`, dataDir, dialect: 'sqlite', seed, reused: true }
  }
  const tmp = `${file}.building`
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true })
  fs.rmSync(dataDir, { recursive: true, force: true })
  const db = openDatabase(`sqlite:${tmp}`)
  let report: SeedReport
  try {
    report = await seedDatabase(db, {
      config: configFor(`sqlite:${file}`, dataDir),
      clients: opts.clients,
      seed: opts.seed,
      log: seedLog,
    })
  } finally {
    await db.close()
  }
  fs.renameSync(tmp, file)
  fs.writeFileSync(reportFile, JSON.stringify(report, null, 2))
  opts.log(formatSeedReport(report))
  return { url: `sqlite:${file}`, dataDir, dialect: 'sqlite', seed: report, reused: false }
}

/** Reads the SQLite file once so the first measurements do not pay for a cold OS page cache. */
export function warmFile(url: string): void {
  if (!url.startsWith('sqlite:')) return
  const file = url.slice('sqlite:'.length)
  const fd = fs.openSync(file, 'r')
  const buf = Buffer.allocUnsafe(1 << 20)
  while (fs.readSync(fd, buf, 0, buf.length, null) > 0) {
    // reading is the point
  }
  fs.closeSync(fd)
}
