import assert from 'node:assert/strict'
import test from 'node:test'
import { DEMO_CLIENTS, DEMO_STAFF } from '../src/core/demo/demo-data.js'
import { assertNav, DEMO, DEMO_PASSWORD, e2eSuite, login, tr } from './harness.js'

const e2e = e2eSuite('manager')
const managers = DEMO_STAFF.filter((s) => s.role === 'manager')

test('a manager signs in and sees its own clients on the home page', async (t) => {
  const mark = managers.find((m) => m.email === DEMO.managerEn)
  assert.ok(mark)
  const en = tr('en')
  const page = await e2e.newPage(t, 'en')
  await login(page, DEMO.managerEn, DEMO_PASSWORD)
  assert.equal(await page.locator('h1').textContent(), en('home.greeting', { name: mark.name }))
  // The demo deals the clients out to the managers in turn.
  const mine = DEMO_CLIENTS.filter((_, i) => managers[i % managers.length] === mark).length
  const card = page.locator('.stat-card', { hasText: en('home.my_clients') })
  const shown = Number(await card.locator('.stat-value').textContent())
  assert.ok(shown > 0 && shown <= mine, `${shown} of the ${mine} clients dealt to ${mark.name} (less any archived)`)
  await assertNav(page, 'en', { main: [en('nav.home')] }, [
    en('nav.users'),
    en('nav.settings'),
    en('nav.audit'),
    en('nav.company_users'),
  ])
  await e2e.shot(page, '01-home-en')
})

test('a Russian-speaking manager gets the home page in Russian', async (t) => {
  const ivan = managers.find((m) => m.email === DEMO.managerRu)
  assert.ok(ivan)
  const page = await e2e.newPage(t, 'en')
  await login(page, DEMO.managerRu, DEMO_PASSWORD)
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru')
  assert.equal(await page.locator('h1').textContent(), tr('ru')('home.greeting', { name: ivan.name }))
  await e2e.shot(page, '02-home-ru')
})
