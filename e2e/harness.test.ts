import assert from 'node:assert/strict'
import fs from 'node:fs'
import test from 'node:test'
import { assertA11y } from './a11y.js'
import { DEMO, DEMO_PASSWORD, e2eSuite, login, NARROW, pageErrors, sidewaysOverflow } from './harness.js'
import { serverErrors, startKabinet } from './kabinet-server.js'

// The harness must be able to fail: each check is shown a page that breaks it.
const e2e = e2eSuite('harness')

test('an uncaught JS error in the page is caught', async (t) => {
  const page = await e2e.newPage(t, 'en')
  await page.goto('/login')
  await page.evaluate("setTimeout(() => { throw new Error('planted e2e error') })")
  await page.waitForTimeout(100)
  const problems = pageErrors(page).take()
  assert.ok(
    problems.some((p) => p.startsWith('pageerror: planted e2e error')),
    problems.join('\n'),
  )
})

test('a CSP violation is caught, both as the event and as the console error', async (t) => {
  const page = await e2e.newPage(t, 'en')
  await page.goto('/login')
  await page.evaluate(
    "document.body.append(Object.assign(document.createElement('script'), { textContent: 'window.planted = 1' }))",
  )
  await page.waitForTimeout(100)
  assert.equal(await page.evaluate('window.planted'), undefined, 'the inline script did not run')
  const problems = pageErrors(page).take()
  assert.ok(
    problems.some((p) => p.startsWith('csp: script-src')),
    problems.join('\n'),
  )
  assert.ok(
    problems.some((p) => p.startsWith('console.error: ') && p.includes('Content Security Policy')),
    problems.join('\n'),
  )
})

test('an allowance that never matches fails the test, so none lingers', async (t) => {
  const page = await e2e.newPage(t, 'en')
  const errors = pageErrors(page)
  errors.allow(/never logged/, 'self-test')
  assert.throws(() => errors.assertNone(), /unused allowance/)
  errors.record('console.error', 'this was never logged anywhere')
  errors.assertNone()
})

test('the accessibility smoke check rejects a second h1 and an unlabelled field', async (t) => {
  const page = await e2e.newPage(t, 'en')
  await page.goto('/login')
  await assertA11y(page)
  await page.evaluate("document.querySelector('main').append(document.createElement('h1'))")
  await assert.rejects(assertA11y(page), /exactly one <h1>/)
  await page.evaluate("document.querySelectorAll('h1')[1].remove()")
  await page.evaluate(
    "document.querySelector('form').append(Object.assign(document.createElement('input'), { name: 'x' }))",
  )
  await assert.rejects(assertA11y(page), /without a label/)
})

test('the sideways-scroll check names the element that sticks out', async (t) => {
  const page = await e2e.newPage(t, 'en', NARROW)
  await login(page, DEMO.managerEn, DEMO_PASSWORD)
  assert.deepEqual(await sidewaysOverflow(page, NARROW.width), [])
  await page.evaluate(
    "document.body.append(Object.assign(document.createElement('pre'), { className: 'planted', textContent: 'x'.repeat(200) }))",
  )
  const found = await sidewaysOverflow(page, NARROW.width)
  assert.ok(
    found.some((f) => f.includes('pre.planted')),
    found.join('; '),
  )
})

test('stopping a server ends its whole process group and removes its data', async () => {
  const server = await startKabinet({ command: 'serve' })
  const res = await fetch(`${server.url}/healthz`)
  assert.deepEqual(await res.json(), { status: 'ok' })
  const pid = Number(new URL(server.url).port) > 0 ? await pidListening(server.url) : 0
  await server.stop()
  assert.equal(fs.existsSync(server.dataDir), false)
  await assert.rejects(fetch(`${server.url}/healthz`), 'nothing answers any more')
  if (pid) assert.throws(() => process.kill(pid, 0), /ESRCH/, `process ${pid} is gone`)
  assert.deepEqual(serverErrors(server.output()), [])
})

test('server errors are found in pino output', () => {
  const lines = [
    '{"level":40,"msg":"slow"}',
    '{"level":50,"msg":"boom"}',
    'plain text',
    '{"level":60,"msg":"fatal"}',
  ].join('\n')
  assert.deepEqual(serverErrors(lines), ['{"level":50,"msg":"boom"}', '{"level":60,"msg":"fatal"}'])
})

/** The pid of the process that holds the server's port, from /proc (Linux). */
async function pidListening(url: string): Promise<number> {
  const port = Number(new URL(url).port)
  const hex = port.toString(16).toUpperCase().padStart(4, '0')
  const inode = fs
    .readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((cols) => cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A')?.[9]
  if (!inode) return 0
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return Number(pid)
      }
    } catch {
      // a process we may not read, or one that just ended
    }
  }
  return 0
}
