import assert from 'node:assert/strict'
import test from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO_CLIENTS, DEMO_STAFF } from '../src/core/demo/demo-data.js'
import { assertNav, DEMO, DEMO_PASSWORD, e2eSuite, login, tr } from './harness.js'

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
