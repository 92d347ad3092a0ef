import assert from 'node:assert/strict'
import test from 'node:test'
import { DEMO, DEMO_PASSWORD, e2eSuite, login, NARROW, tr, WIDE } from './harness.js'

const e2e = e2eSuite('responsive')
const hu = tr('hu')

test('at 390 px the navigation hides behind the menu button and opens when it is pressed', async (t) => {
  const page = await e2e.newPage(t, 'hu', NARROW)
  await login(page, DEMO.head, DEMO_PASSWORD)
  const nav = page.locator('#sidenav')
  const toggle = page.locator('.menu-toggle')
  assert.equal(await nav.isVisible(), false, 'the navigation is folded away')
  assert.equal(await toggle.isVisible(), true)
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false')
  await e2e.shotAsIs(page, '01-nav-closed')

  await toggle.click()
  assert.equal(await nav.isVisible(), true, 'the button opens it')
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true')
  await e2e.shotAsIs(page, '02-nav-open')

  await nav.getByRole('link', { name: hu('nav.users') }).click()
  await page.waitForURL((url) => url.pathname === '/users')
  assert.equal(await nav.isVisible(), false, 'the next page starts folded again')
  await e2e.shot(page, '03-users')

  await toggle.click()
  await toggle.click()
  assert.equal(await nav.isVisible(), false, 'a second press closes it')
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false')
})

test('at 1280 px the navigation is always shown and the menu button is not', async (t) => {
  const page = await e2e.newPage(t, 'hu', WIDE)
  await login(page, DEMO.head, DEMO_PASSWORD)
  assert.equal(await page.locator('#sidenav').isVisible(), true)
  assert.equal(await page.locator('.menu-toggle').isVisible(), false)
})

test('without JavaScript the menu button still opens the navigation', async (t) => {
  const page = await e2e.newPage(t, 'hu', NARROW, { javaScriptEnabled: false })
  await login(page, DEMO.head, DEMO_PASSWORD)
  assert.equal(await page.locator('#sidenav').isVisible(), false)
  await page.locator('.menu-toggle').click()
  assert.equal(new URL(page.url()).hash, '#sidenav')
  assert.equal(await page.locator('#sidenav').isVisible(), true, 'the :target rule shows it')
  await e2e.shotAsIs(page, '04-nav-open-without-js')
})
