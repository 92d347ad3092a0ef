import assert from 'node:assert/strict'
import test from 'node:test'
import { demoClientUsers } from '../src/core/demo/demo-data.js'
import { assertNav, DEMO, DEMO_PASSWORD, e2eSuite, login, logout, switchLocale, tr } from './harness.js'

const e2e = e2eSuite('client')
const client01 = demoClientUsers(0).find((u) => u.email === DEMO.clientAdminHu)
assert.ok(client01, 'demo client01 exists')

test('a client user signs in, is greeted in its language, switches language, signs out', async (t) => {
  const page = await e2e.newPage(t, 'en')
  await page.goto('/login')
  assert.equal(await page.locator('h1').textContent(), tr('en')('auth.login_title'))
  await e2e.shot(page, '01-login-en')

  await login(page, DEMO.clientAdminHu, DEMO_PASSWORD)
  // client01 saved Hungarian on its account: that wins over the browser's English.
  assert.equal(new URL(page.url()).pathname, '/')
  assert.equal(await page.locator('html').getAttribute('lang'), 'hu')
  assert.equal(await page.locator('h1').textContent(), tr('hu')('home.greeting', { name: client01.name }))
  await e2e.shot(page, '02-home-hu')

  await switchLocale(page, 'ru')
  assert.equal(new URL(page.url()).pathname, '/', 'the switch brings the person back to the same page')
  assert.equal(await page.locator('h1').textContent(), tr('ru')('home.greeting', { name: client01.name }))
  assert.equal(await page.locator('#sidenav a[aria-current="page"]').textContent(), tr('ru')('nav.home'))
  await e2e.shot(page, '03-home-ru')

  await logout(page)
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru', 'the language stays after signing out')
  assert.equal(await page.locator('.flash').textContent(), tr('ru')('auth.logged_out'))
  await e2e.shot(page, '04-logged-out-ru')
  await page.goto('/')
  assert.equal(new URL(page.url()).pathname, '/login', 'the session is gone')

  // The choice was saved on the account, so a fresh browser in Hungarian still gets Russian.
  const again = await e2e.newPage(t, 'hu')
  await login(again, DEMO.clientAdminHu, DEMO_PASSWORD)
  assert.equal(await again.locator('h1').textContent(), tr('ru')('home.greeting', { name: client01.name }))
  await switchLocale(again, 'hu')
  assert.equal(await again.locator('h1').textContent(), tr('hu')('home.greeting', { name: client01.name }))
  await e2e.shot(again, '05-home-hu-again')
  await logout(again)
  assert.equal(await again.locator('.flash').textContent(), tr('hu')('auth.logged_out'))
})

test("a client admin sees its colleagues card, and its company's users and audit log in the navigation", async (t) => {
  const page = await e2e.newPage(t, 'en')
  await login(page, DEMO.clientAdminHu, DEMO_PASSWORD)
  await switchLocale(page, 'en')
  const en = tr('en')
  // A client admin reads its own company's audit log (CORE_CLIENT_ADMIN_PERMISSIONS), under Settings.
  await assertNav(page, 'en', { main: [en('nav.home'), en('nav.company_users')], settings: [en('nav.audit')] }, [
    en('nav.users'),
    en('nav.settings'),
  ])
  const card = page.locator('.stat-card', { hasText: en('home.colleagues') })
  assert.equal(await card.locator('.stat-value').textContent(), String(demoClientUsers(0).length))
  await e2e.shot(page, '06-home-en')
})

test('a client colleague without admin rights has no Colleagues entry', async (t) => {
  const page = await e2e.newPage(t, 'en')
  await login(page, DEMO.clientHu, DEMO_PASSWORD)
  const hu = tr('hu')
  await assertNav(page, 'hu', { main: [hu('nav.home')] }, [
    hu('nav.company_users'),
    hu('nav.audit'),
    hu('nav.users'),
    hu('nav.settings'),
  ])
  await e2e.shot(page, '07-colleague-home-hu')
})
