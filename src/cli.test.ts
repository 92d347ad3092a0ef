import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import SQLite from 'better-sqlite3'
import { freshDatabase, PG_URL } from '../test/helpers/test-db.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, KABINET_LOG_LEVEL: 'silent', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

async function cliEnv(t: import('node:test').TestContext) {
  const fresh = await freshDatabase(t)
  await fresh.db.close()
  return {
    fresh,
    env: {
      KABINET_DATA_DIR: fresh.dataDir,
      KABINET_DATABASE_URL: fresh.url,
      KABINET_SECRET: 'cli-test-secret-cli-test-secret-0123456',
    },
  }
}

test('user create prints the user as JSON with a generated password, and refuses a duplicate', async (t) => {
  const { env } = await cliEnv(t)
  const res = await run(['user', 'create', '--email', 'Boss@Example.test', '--role', 'head', '--name', 'Boss'], env)
  assert.equal(res.code, 0, res.stderr)
  const out = JSON.parse(res.stdout)
  assert.equal(out.email, 'boss@example.test')
  assert.equal(out.role, 'head')
  assert.equal(out.clientId, null)
  assert.ok(out.password.length >= 12)
  const again = await run(['user', 'create', '--email', 'boss@example.test', '--role', 'head'], env)
  assert.notEqual(again.code, 0)
  assert.match(again.stderr, /email/)
  const badRole = await run(['user', 'create', '--email', 'x@example.test', '--role', 'king'], env)
  assert.notEqual(badRole.code, 0)
  assert.match(badRole.stderr, /role must be one of/)
})

test('token create prints a token once for an existing active user', async (t) => {
  const { env } = await cliEnv(t)
  const created = await run(
    ['user', 'create', '--email', 'api@example.test', '--role', 'admin', '--password', 'long enough password'],
    env,
  )
  assert.equal(created.code, 0, created.stderr)
  const res = await run(['token', 'create', '--email', 'api@example.test', '--name', 'erp', '--json'], env)
  assert.equal(res.code, 0, res.stderr)
  const out = JSON.parse(res.stdout)
  assert.match(out.token, /^kab_/)
  const missing = await run(['token', 'create', '--email', 'nobody@example.test'], env)
  assert.notEqual(missing.code, 0)
  assert.match(missing.stderr, /no user/)
})

test('demo --no-serve loads once, prints one login per line, and refuses a database with real accounts', async (t) => {
  const { env } = await cliEnv(t)
  const res = await run(['demo', '--no-serve'], env)
  assert.equal(res.code, 0, res.stderr)
  const logins = res.stdout.split('\n').filter((l) => /^(client|manager|head|admin) {2}\S+@\S+ {2}\S+$/.test(l))
  assert.ok(logins.some((l) => l.startsWith('head  ')))
  assert.ok(logins.some((l) => l.startsWith('admin  ')))
  assert.equal(logins.filter((l) => l.startsWith('manager  ')).length, 3)
  assert.ok(logins.filter((l) => l.startsWith('client  ')).length >= 30)
  const again = await run(['demo', '--no-serve'], env)
  assert.equal(again.code, 0, again.stderr)

  const { env: other } = await cliEnv(t)
  await run(['user', 'create', '--email', 'real@example.test', '--role', 'head'], other)
  const refused = await run(['demo', '--no-serve'], other)
  assert.notEqual(refused.code, 0)
  assert.match(refused.stderr, /already holds accounts/)
})

test('backup writes a consistent SQLite copy, or explains pg_dump on PostgreSQL', async (t) => {
  const { env, fresh } = await cliEnv(t)
  const target = path.join(fresh.dataDir, 'backup', 'copy.sqlite')
  const res = await run(['backup', target], env)
  if (PG_URL) {
    assert.equal(res.code, 1)
    assert.match(res.stderr, /pg_dump/)
    return
  }
  assert.equal(res.code, 0, res.stderr)
  const copy = new SQLite(target, { readonly: true })
  const row = copy.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'users'").get() as {
    n: number
  }
  copy.close()
  assert.equal(row.n, 1)
  const twice = await run(['backup', target], env)
  assert.notEqual(twice.code, 0)
  assert.ok(fs.existsSync(target))
})

test('migrate reports an up-to-date database', async (t) => {
  const { env } = await cliEnv(t)
  const res = await run(['migrate'], env)
  assert.equal(res.code, 0, res.stderr)
  assert.match(res.stdout, /up to date|applied/)
})

test('serve answers /healthz and shuts down cleanly on SIGTERM', async (t) => {
  const { env } = await cliEnv(t)
  const port = String(20000 + Math.floor(Math.random() * 20000))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: root,
    env: { ...process.env, ...env, KABINET_LOG_LEVEL: 'silent', KABINET_PORT: port, KABINET_HOST: '127.0.0.1' },
  })
  let stdout = ''
  child.stdout.on('data', (d) => (stdout += d))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  let healthy = false
  for (let i = 0; i < 150 && !healthy; i++) {
    await new Promise((r) => setTimeout(r, 200))
    healthy = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.ok)
      .catch(() => false)
  }
  assert.ok(healthy, 'the server never answered /healthz')
  assert.match(stdout, /one-time link to create the first head account:\n\s+http:\/\/\S+\/setup\/\S+/)
  child.kill('SIGTERM')
  assert.equal(await exited, 0)
  await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`))
})
