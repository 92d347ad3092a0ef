import assert from 'node:assert/strict'
import test from 'node:test'
import ExcelJS from 'exceljs'
import { Secret, TOTP } from 'otpauth'
import type { Page } from 'playwright-core'
import { DEMO_CLIENTS, DEMO_STAFF } from '../src/core/demo/demo-data.js'
import { downloadOf, zipEntryNames } from './downloads.js'
import { assertNav, DEMO, DEMO_PASSWORD, e2eSuite, login, logout, switchLocale, tr } from './harness.js'

const e2e = e2eSuite('head')
const head = DEMO_STAFF.find((s) => s.role === 'head')
assert.ok(head, 'the demo has a head')
const hu = tr('hu')

/** Follows a side-navigation link and checks the page it opens is that entry's own page. */
async function openFromNav(page: Page, label: string, href: string) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === href),
    page.click(`#sidenav a[href="${href}"]`),
  ])
  await page.waitForLoadState('load')
  assert.equal(new URL(page.url()).pathname, href)
  assert.equal(response.status(), 200, `${href} answers ${response.status()}`)
  assert.equal(
    (await page.locator('#sidenav a[aria-current="page"]').textContent())?.trim(),
    label,
    'the entry is marked current',
  )
}

test('the head signs in and sees the company view with the Settings group', async (t) => {
  const page = await e2e.newPage(t, 'ru')
  await page.goto('/login')
  assert.equal(
    await page.locator('h1').textContent(),
    tr('ru')('auth.login_title'),
    'the login page follows the browser',
  )
  await e2e.shot(page, '01-login-ru')
  await login(page, DEMO.head, DEMO_PASSWORD)
  assert.equal(
    await page.locator('h1').textContent(),
    hu('home.greeting', { name: head.name }),
    'the head saved Hungarian',
  )
  // The head sees every client: the demo's, less any it archives.
  const card = page.locator('.stat-card', { hasText: hu('home.clients') }).locator('.stat-value')
  const clients = Number(await card.textContent())
  assert.ok(clients > DEMO_CLIENTS.length / 2 && clients <= DEMO_CLIENTS.length, `the head sees ${clients} clients`)
  // Modules add their own entries and groups; the core's must be there, the client-only one not.
  await assertNav(
    page,
    'hu',
    { main: [hu('nav.home')], settings: [hu('nav.users'), hu('nav.settings'), hu('nav.audit')] },
    [hu('nav.company_users')],
  )
  await e2e.shot(page, '02-home-hu')
})

test('the head opens Settings from the navigation', async (t) => {
  const page = await e2e.newPage(t, 'hu')
  await login(page, DEMO.head, DEMO_PASSWORD)
  await openFromNav(page, hu('nav.settings'), '/settings')
  await e2e.shot(page, '03-settings-hu')
  // The company's settings as the demo saved them, ready to edit.
  assert.equal(await page.locator('input[name="legal_name"]').inputValue(), 'Demo Kereskedelmi Kft.')
})

test('the head opens Users from the navigation and finds the demo staff', async (t) => {
  const page = await e2e.newPage(t, 'hu')
  await login(page, DEMO.head, DEMO_PASSWORD)
  await openFromNav(page, hu('nav.users'), '/users')
  await e2e.shot(page, '04-users-hu')
  const main = (await page.locator('main').textContent()) ?? ''
  for (const email of [DEMO.admin, DEMO.managerEn]) assert.ok(main.includes(email), `${email} is listed`)
})

test('the head opens the Audit log from the navigation and finds its own sign-in', async (t) => {
  const page = await e2e.newPage(t, 'hu')
  await login(page, DEMO.head, DEMO_PASSWORD)
  await openFromNav(page, hu('nav.audit'), '/audit')
  await e2e.shot(page, '05-audit-hu')
  assert.ok(((await page.locator('main table').textContent()) ?? '').includes(head.name), 'the sign-in is logged')
})

/** The authenticator app: the code for `secret` now, or for the next 30-second step when told. */
const totpCode = (secret: string, stepsAhead = 0) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  })

// Last in the file: once the head has TOTP on, signing in takes the second step.
test('the head turns on TOTP, signs in with a code, reads last quarter’s P&L, drills down, exports XLSX and opens the overdue report', async (t) => {
  const ru = tr('ru')
  const page = await e2e.newPage(t, 'ru')
  await login(page, DEMO.head, DEMO_PASSWORD)
  await switchLocale(page, 'ru')
  await page.goto('/account/2fa')
  if ((await page.locator('#totp-secret').count()) === 0) {
    await Promise.all([page.waitForEvent('load'), page.click('form[action="/account/2fa/begin"] button')])
  }
  const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s+/g, '')
  assert.match(secret, /^[A-Z2-7]{16,}$/, 'the page shows the secret for typing in by hand')
  await e2e.shot(page, '06-totp-enrol-ru')
  await page.fill('input[name=code]', totpCode(secret))
  await Promise.all([page.waitForEvent('load'), page.click('form[action="/account/2fa/confirm"] button[type=submit]')])
  assert.equal((await page.locator('.flash').textContent())?.trim(), ru('account.totp_enabled'))
  await logout(page)

  // The password alone is not enough any more: the second step asks for the code.
  await page.goto('/login')
  await page.fill('input[name="email"]', DEMO.head)
  await page.fill('input[name="password"]', DEMO_PASSWORD)
  await Promise.all([page.waitForURL(/\/login\/totp/), page.click('form[action="/login"] button[type="submit"]')])
  assert.equal(await page.locator('h1').textContent(), ru('auth.totp_title'))
  await e2e.shot(page, '07-totp-login-ru')
  await page.fill('input[name=code]', totpCode(secret))
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.click('form[action^="/login/totp"] button[type=submit]'),
  ])
  assert.equal(await page.locator('h1').textContent(), ru('home.greeting', { name: head.name }))

  // The P&L of last quarter, by month.
  await page.click('#sidenav a[href="/reports/pnl"]')
  await page.selectOption('select[name=preset]', 'last_quarter')
  await Promise.all([page.waitForEvent('load'), page.click('form[action="/reports/pnl"] button[type=submit]')])
  assert.match(page.url(), /preset=last_quarter/)
  assert.equal(await page.locator('h1').textContent(), ru('reports.pnl.title'))
  await e2e.shot(page, '08-pnl-last-quarter-ru')

  // A figure opens the entries behind it.
  const cell = page.locator('main table a[href^="/reports/pnl/entries"]').first()
  const figure = ((await cell.textContent()) ?? '').trim()
  await Promise.all([page.waitForEvent('load'), cell.click()])
  assert.equal(new URL(page.url()).pathname, '/reports/pnl/entries')
  assert.ok((await page.locator('main table tbody tr').count()) > 0, `entries behind ${figure}`)
  await e2e.shot(page, '09-pnl-drill-ru')
  await page.goBack()

  // The same report as an Excel workbook.
  const xlsx = await downloadOf(page, '/reports/pnl.xlsx', () => page.click('main a[href^="/reports/pnl.xlsx"]'))
  assert.equal(xlsx.status, 200)
  assert.equal(xlsx.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK', 'an xlsx is a zip')
  assert.ok(zipEntryNames(xlsx.bytes).includes('xl/workbook.xml'))
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
  assert.ok((book.worksheets[0]?.rowCount ?? 0) > 3, 'the sheet holds the report')

  // The overdue support requests report.
  await Promise.all([
    page.waitForURL(/\/support\/reports\/overdue$/),
    page.click('#sidenav a[href="/support/reports/overdue"]'),
  ])
  assert.equal(await page.locator('h1').textContent(), ru('support.report.title'))
  assert.ok((await page.locator('main table').count()) > 0)
  await e2e.shot(page, '10-overdue-report-ru')
})
