import { Command, InvalidArgumentError } from 'commander'
import { type AppConfig, ConfigError, loadConfig, loadDotEnv } from './config.js'
import { createApiToken } from './core/auth/api-tokens.js'
import { normaliseEmail } from './core/auth/login.service.js'
import { backupDatabase } from './core/db/backup.js'
import type { Role } from './core/db/core-tables.js'
import { openDatabase } from './core/db/database.js'
import { randomToken } from './core/db/ids.js'
import { migrateToLatest } from './core/db/migrator.js'
import { ROLES } from './core/users/users.service.js'
import { registerBankCli } from './modules/bank/bank.cli.js'

function config(): AppConfig {
  loadDotEnv()
  try {
    return loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`kabinet: invalid configuration: ${err.message}\n`)
      process.exit(2)
    }
    throw err
  }
}

// The application (every module, PDF fonts, spreadsheet writer…) loads only for the commands that
// need it: `--help`, a bad configuration and `import bank --dry-run` answer without it.
const allMigrations = async () => (await import('./app.js')).allMigrations()

function fail(message: string): never {
  process.stderr.write(`kabinet: ${message}\n`)
  process.exit(1)
}

const program = new Command()
program.name('kabinet').description('Kabinet — client portal and back office').showHelpAfterError()

program
  .command('serve')
  .description('start the web server (migrates the database first)')
  .action(async () => {
    const { serve } = await import('./server.js')
    await serve(config())
  })

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    const db = openDatabase(config().databaseUrl)
    try {
      const result = await migrateToLatest(db, await allMigrations())
      const applied = (result.results ?? []).map((r) => r.migrationName)
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n')
    } finally {
      await db.close()
    }
  })

program
  .command('demo')
  .description('load the demo company into an empty database, print the logins and serve')
  .option('--no-serve', 'load the demo data and exit')
  .action(async (opts: { serve: boolean }) => {
    const cfg = config()
    const db = openDatabase(cfg.databaseUrl)
    try {
      await migrateToLatest(db, await allMigrations())
      const { loadDemo } = await import('./core/demo/demo.js')
      await loadDemo(cfg, db)
    } catch (err) {
      await db.close()
      fail(err instanceof Error ? err.message : String(err))
    }
    await db.close()
    if (!opts.serve) {
      ;(await import('./core/demo/demo.js')).printDemoLogins(cfg.baseUrl)
      return
    }
    const [{ serve }, { printDemoLogins }] = await Promise.all([import('./server.js'), import('./core/demo/demo.js')])
    await serve(cfg, { banner: (_app, url) => printDemoLogins(url) })
  })

const parseRole = (value: string): Role => {
  if (!ROLES.includes(value as Role)) throw new InvalidArgumentError(`role must be one of ${ROLES.join(', ')}`)
  return value as Role
}

const user = program.command('user').description('manage users')
user
  .command('create')
  .description('create a user; prints it as JSON (with a generated password when none is given)')
  .requiredOption('--email <email>', 'e-mail address (the login)')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole)
  .option('--name <name>', 'display name (default: the part of the e-mail before @)')
  .option('--client <id-or-name>', 'the client a client user belongs to')
  .option('--client-admin', 'the client user administers its colleagues')
  .option('--all-clients', 'a manager who sees all clients')
  .option('--password <password>', 'initial password (default: generated and printed)')
  .option('--locale <locale>', 'en, hu or ru')
  .action(async (opts) => {
    const cfg = config()
    const db = openDatabase(cfg.databaseUrl)
    try {
      await migrateToLatest(db, await allMigrations())
      const password = opts.password ?? randomToken(12)
      const { createUserFromCli } = await import('./core/users/cli-users.js')
      const created = await createUserFromCli(cfg, db, {
        email: opts.email,
        name: opts.name ?? normaliseEmail(opts.email).split('@')[0],
        role: opts.role,
        client: opts.client,
        isClientAdmin: Boolean(opts.clientAdmin),
        allClients: Boolean(opts.allClients),
        password,
        locale: opts.locale ?? null,
      })
      const out = { ...created, ...(opts.password ? {} : { password }) }
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err))
    } finally {
      await db.close()
    }
  })

const token = program.command('token').description('manage API tokens')
token
  .command('create')
  .description('create an API token for a user; the token is printed once')
  .requiredOption('--email <email>', 'the user the token acts as')
  .option('--name <name>', 'what the token is for', 'cli')
  .option('--days <days>', 'expire after this many days', (v) => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('days must be a positive whole number')
    return n
  })
  .option('--json', 'print JSON instead of the bare token')
  .action(async (opts: { email: string; name: string; days?: number; json?: boolean }) => {
    const cfg = config()
    const db = openDatabase(cfg.databaseUrl)
    try {
      await migrateToLatest(db, await allMigrations())
      const row = await db.kysely
        .selectFrom('users')
        .select(['id', 'status'])
        .where('email', '=', normaliseEmail(opts.email))
        .executeTakeFirst()
      if (!row) fail(`no user with e-mail ${opts.email}`)
      if (row.status !== 'active') fail(`user ${opts.email} is ${row.status}`)
      const expires = opts.days ? new Date(Date.now() + opts.days * 86400_000).toISOString() : null
      const created = await createApiToken(db.kysely, row.id, opts.name, expires)
      await db.kysely
        .insertInto('audit_log')
        .values({
          id: created.id,
          at: new Date().toISOString(),
          actor_id: null,
          actor_label: 'system: cli',
          action: 'api_token.created',
          entity: 'api_token',
          entity_id: created.id,
          client_id: null,
          before_json: null,
          after_json: JSON.stringify({ user_id: row.id, name: opts.name, expires_at: expires }),
          ip: null,
          request_id: null,
        })
        .execute()
      process.stdout.write(
        opts.json
          ? `${JSON.stringify({ id: created.id, token: created.token, expiresAt: expires })}\n`
          : `${created.token}\n`,
      )
    } finally {
      await db.close()
    }
  })

const wholeNumber = (min: number) => (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number of at least ${min}`)
  return n
}

program
  .command('seed')
  .description('fill an empty database with a synthetic company for benchmarks (docs/performance.md)')
  .option(
    '--scale <clients>',
    'number of clients; 10000 gives 1M ledger entries, 200k orders, …',
    wholeNumber(1),
    10_000,
  )
  .option('--seed <number>', 'the same seed number gives the same data', wholeNumber(0), 1)
  .option('--force', 'empty a database that already holds data first (deletes everything in it)')
  .action(async (opts: { scale: number; seed: number; force?: boolean }) => {
    const cfg = config()
    const db = openDatabase(cfg.databaseUrl)
    try {
      const { seedDatabase, formatSeedReport } = await import('./tools/seed/seed.js')
      const report = await seedDatabase(db, {
        config: cfg,
        clients: opts.scale,
        seed: opts.seed,
        force: Boolean(opts.force),
        log: (line) => process.stdout.write(`${line}\n`),
      })
      process.stdout.write(`${formatSeedReport(report)}\n`)
    } catch (err) {
      await db.close()
      if (err instanceof (await import('./tools/seed/seed.js')).SeedRefused) fail(err.message)
      throw err
    }
    await db.close()
  })

program
  .command('backup')
  .description('write a consistent copy of the SQLite database to FILE (online; PostgreSQL: use pg_dump)')
  .argument('<file>', 'where to write the backup')
  .action(async (file: string) => {
    const cfg = config()
    if (!cfg.databaseUrl.startsWith('sqlite:')) {
      process.stderr.write(
        'kabinet backup copies the embedded SQLite database only. For PostgreSQL use its own tool, e.g.\n' +
          `  pg_dump --format=custom --file=${file} "$KABINET_DATABASE_URL"\n` +
          'and back up the data directory (uploaded files) alongside.\n',
      )
      process.exit(1)
    }
    const db = openDatabase(cfg.databaseUrl)
    try {
      const info = await backupDatabase(db, file)
      process.stdout.write(`backup written: ${file} (${info.pages} pages)\n`)
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err))
    } finally {
      await db.close()
    }
  })

registerBankCli(program)

await program.parseAsync(process.argv)
