import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { ConfigError, loadConfig, loadDotEnv, parseDotEnv } from './config.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kabinet-config-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

const BAD: [string, string][] = [
  ['KABINET_PORT', 'abc'],
  ['KABINET_PORT', '70000'],
  ['KABINET_PORT', '-1'],
  ['KABINET_DATABASE_URL', 'mysql://x'],
  ['KABINET_DATABASE_URL', 'sqlite:'],
  ['KABINET_BASE_URL', 'notaurl'],
  ['KABINET_BASE_URL', 'ftp://example.test'],
  ['KABINET_SECRET', 'too-short'],
  ['KABINET_SMTP_URL', 'http://x'],
  ['KABINET_LOG_LEVEL', 'loud'],
  ['KABINET_SESSION_IDLE_MINUTES', '1'],
  ['KABINET_SESSION_MAX_DAYS', 'forever'],
  ['KABINET_MAX_UPLOAD_MB', '0'],
  ['KABINET_TRUST_PROXY', 'maybe'],
  ['KABINET_JOBS', 'sometimes'],
  ['KABINET_MAIL_FROM', 'nobody'],
  ['KABINET_DISABLED_MODULES', 'orders,Bad Name'],
]

for (const [name, value] of BAD) {
  test(`${name}=${value} is refused with a ConfigError naming the variable`, (t) => {
    const dir = tempDir(t)
    assert.throws(
      () => loadConfig({ KABINET_DATA_DIR: dir, [name]: value }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError, String(err))
        assert.equal(err.variable, name)
        assert.ok(err.message.startsWith(`${name}:`), err.message)
        assert.ok(!err.message.includes('\n'), 'one line')
        return true
      },
    )
  })
}

test('defaults: SQLite in the data directory, port 3000, a generated secret kept across starts', (t) => {
  const dir = tempDir(t)
  const config = loadConfig({ KABINET_DATA_DIR: dir })
  assert.equal(config.databaseUrl, `sqlite:${path.join(dir, 'kabinet.sqlite')}`)
  assert.equal(config.port, 3000)
  assert.equal(config.baseUrl, 'http://localhost:3000')
  assert.equal(config.smtpUrl, null)
  assert.equal(config.logLevel, 'info')
  assert.ok(config.secret.length >= 32)
  assert.equal((fs.statSync(path.join(dir, 'secret')).mode & 0o777).toString(8), '600')
  assert.equal(loadConfig({ KABINET_DATA_DIR: dir }).secret, config.secret)
  assert.ok(Object.isFrozen(config))
})

test('good values are taken as given', (t) => {
  const dir = tempDir(t)
  const config = loadConfig({
    KABINET_DATA_DIR: dir,
    KABINET_PORT: '8080',
    KABINET_DATABASE_URL: 'postgres://kabinet@db.example.test:5432/kabinet',
    KABINET_BASE_URL: 'https://portal.example.test/',
    KABINET_SECRET: 's'.repeat(32),
    KABINET_SMTP_URL: 'smtps://user:pass@mail.example.test',
    KABINET_LOG_LEVEL: 'warn',
    KABINET_SESSION_IDLE_MINUTES: '60',
    KABINET_TRUST_PROXY: 'yes',
    KABINET_DISABLED_MODULES: 'forum, onec',
  })
  assert.equal(config.port, 8080)
  assert.equal(config.databaseUrl, 'postgres://kabinet@db.example.test:5432/kabinet')
  assert.equal(config.baseUrl, 'https://portal.example.test')
  assert.equal(config.secret, 's'.repeat(32))
  assert.equal(config.smtpUrl, 'smtps://user:pass@mail.example.test')
  assert.equal(config.mailFrom, 'Kabinet <no-reply@portal.example.test>')
  assert.equal(config.sessionIdleMinutes, 60)
  assert.equal(config.trustProxy, true)
  assert.deepEqual(config.disabledModules, ['forum', 'onec'])
})

test('.env parsing: comments, quotes, export, spaces', () => {
  const parsed = parseDotEnv(
    [
      '# a comment',
      '',
      'KABINET_PORT=4000',
      'export KABINET_BASE_URL = https://x.example.test  ',
      'KABINET_MAIL_FROM="Kabinet Portal <mail@x.example.test>"',
      "KABINET_SECRET='with # hash inside and spaces  '",
      'KABINET_LOG_LEVEL=debug # trailing comment',
      'KABINET_EMPTY=',
      'KABINET_QUOTED_COMMENT="quoted value" # said why',
      'not a variable line',
      'WINDOWS_LINE=crlf\r',
    ].join('\n'),
  )
  assert.deepEqual(parsed, {
    KABINET_PORT: '4000',
    KABINET_BASE_URL: 'https://x.example.test',
    KABINET_MAIL_FROM: 'Kabinet Portal <mail@x.example.test>',
    KABINET_SECRET: 'with # hash inside and spaces  ',
    KABINET_LOG_LEVEL: 'debug',
    KABINET_EMPTY: '',
    KABINET_QUOTED_COMMENT: 'quoted value',
    WINDOWS_LINE: 'crlf',
  })
})

test('loadDotEnv fills only what the real environment does not set', (t) => {
  const dir = tempDir(t)
  const file = path.join(dir, '.env')
  fs.writeFileSync(file, 'KABINET_TEST_DOTENV_A=from-file\nKABINET_TEST_DOTENV_B=from-file\n')
  process.env.KABINET_TEST_DOTENV_B = 'from-env'
  t.after(() => {
    delete process.env.KABINET_TEST_DOTENV_A
    delete process.env.KABINET_TEST_DOTENV_B
  })
  loadDotEnv(file)
  assert.equal(process.env.KABINET_TEST_DOTENV_A, 'from-file')
  assert.equal(process.env.KABINET_TEST_DOTENV_B, 'from-env')
  loadDotEnv(path.join(dir, 'missing.env'))
})

/** Runs `kabinet serve` with `env` in `cwd`; gives up (and fails) if it is still running after 20 s. */
function runServe(env: Record<string, string>, cwd = root) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KABINET_')))
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), 'serve'], {
      cwd,
      env: { ...clean, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`kabinet serve kept running (it should have refused to start): ${stdout}${stderr}`))
      // Generous: on a loaded 2-core machine loading every module can take tens of seconds.
    }, 90_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

for (const [name, value] of [
  ['KABINET_PORT', 'abc'],
  ['KABINET_DATABASE_URL', 'mysql://x'],
] as const) {
  test(`kabinet serve with ${name}=${value} exits non-zero with one line naming it`, async (t) => {
    const dir = tempDir(t)
    const res = await runServe({ KABINET_DATA_DIR: dir, [name]: value })
    assert.notEqual(res.code, 0)
    assert.equal(res.stdout, '')
    const lines = res.stderr.split('\n').filter((l) => l.trim() !== '')
    assert.equal(lines.length, 1, res.stderr)
    assert.match(lines[0] as string, new RegExp(`${name}`))
    assert.ok(!fs.existsSync(path.join(dir, 'kabinet.sqlite')), 'no database was opened')
  })
}

test('kabinet serve reads a bad value from .env in the working directory and refuses too', async (t) => {
  const dir = tempDir(t)
  fs.writeFileSync(path.join(dir, '.env'), `KABINET_DATA_DIR=${dir}\nKABINET_LOG_LEVEL=loud\n`)
  // tsx is resolved from the working directory, so run from the project with .env given by path.
  const res = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KABINET_')))
    const child = spawn(
      process.execPath,
      ['--import', path.join(root, 'node_modules/tsx/dist/esm/index.mjs'), path.join(root, 'src/cli.ts'), 'serve'],
      { cwd: dir, env: clean, stdio: ['ignore', 'ignore', 'pipe'] },
    )
    let stderr = ''
    child.stderr.on('data', (d) => {
      stderr += d
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stderr })
    })
  })
  assert.notEqual(res.code, 0)
  assert.match(res.stderr.trim(), /^kabinet: invalid configuration: KABINET_LOG_LEVEL: /)
  assert.equal(res.stderr.trim().split('\n').length, 1)
})
