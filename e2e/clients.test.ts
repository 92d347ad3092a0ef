import assert from 'node:assert/strict'
import test from 'node:test'
import { DEMO, DEMO_PASSWORD, e2eSuite, login, pageErrors, tr } from './harness.js'

const e2e = e2eSuite('clients')

test('a manager finds a client, adds a contact person and gives them portal access', async (t) => {
  const hu = tr('hu')
  const page = await e2e.newPage(t, 'hu')
  await login(page, DEMO.managerHu, DEMO_PASSWORD)
  await page.click(`#sidenav a[href="/clients"]`)
  assert.equal(await page.locator('h1').textContent(), hu('clients.title'))
  await e2e.shot(page, '01-list-hu')

  // The search box filters as one types (htmx swaps the table and pushes the URL).
  await page.fill('input[name=q]', 'árvíztűrő')
  await page.waitForURL(/q=/)
  await page.waitForFunction("document.querySelectorAll('#clients-table tbody tr').length === 1")
  await page.click('#clients-table tbody tr a')
  assert.equal(await page.locator('h1').textContent(), 'Árvíztűrő')
  await e2e.shot(page, '02-card-hu')

  await page.click('a[href$="/contacts/new"]')
  await page.fill('input[name=name]', 'Fekete Zsófia')
  await page.fill('input[name=email]', 'zsofia.fekete@arvizturo.example')
  await page.selectOption('select[name=relationship_role]', 'accountant')
  await e2e.shot(page, '03-contact-form-hu')
  await page.click('form.form button.btn-primary')
  await page.waitForURL(/\/clients\/[^/]+$/)
  assert.match((await page.locator('.flash').textContent()) ?? '', /Fekete Zsófia/)

  // One click (and a confirmation) invites the person to the portal.
  const row = page.locator('tr', { hasText: 'Fekete Zsófia' })
  await row.locator(`button:has-text("${hu('clients.contacts.give_access')}")`).click()
  await page.locator('dialog .btn-danger').click()
  await page.waitForLoadState('load')
  assert.match((await page.locator('.flash').textContent()) ?? '', /zsofia\.fekete@arvizturo\.example/)
  assert.match(
    (await page.locator('tr', { hasText: 'Fekete Zsófia' }).first().textContent()) ?? '',
    new RegExp(hu('clients.contacts.has_login')),
  )
  await e2e.shot(page, '04-card-after-invite-hu')
})

test('a wrong tax number is named next to the field and what was typed stays', async (t) => {
  const en = tr('en')
  const page = await e2e.newPage(t, 'en')
  pageErrors(page).allow(/status of 422/, 'a refused form comes back as 422, which Chromium logs for every document')
  await login(page, DEMO.managerEn, DEMO_PASSWORD)
  await page.goto('/clients/new')
  await page.fill('input[name=name]', 'Typo Trading Kft.')
  await page.fill('input[name=country]', 'HU')
  await page.fill('input[name=tax_id]', '10625791-4-44')
  await page.click('form.form button.btn-primary')
  await page.waitForLoadState('load')
  assert.equal(await page.locator('#f-tax_id-error').textContent(), en('clients.tax_id.hu_checksum'))
  assert.equal(await page.inputValue('input[name=name]'), 'Typo Trading Kft.')
  await e2e.shot(page, '05-form-error-en')
})

test('the head reassigns a client; the client admin keeps its company’s contact details', async (t) => {
  const hu = tr('hu') // the demo head and client01 saved Hungarian on their accounts
  const head = await e2e.newPage(t, 'en')
  await login(head, DEMO.head, DEMO_PASSWORD)
  await head.goto('/clients?q=client02')
  await head.waitForFunction("document.querySelectorAll('#clients-table tbody tr').length === 1")
  await head.click('#clients-table tbody tr a')
  const current =
    (await head.locator('select[name=manager_id] option:not([value=""])').first().getAttribute('value')) ?? ''
  await head.selectOption('select[name=manager_id]', current)
  await head.fill('input[name=comment]', 'Holiday cover')
  await head.click('form[action$="/reassign"] button.btn-primary')
  await head.waitForLoadState('load')
  assert.equal((await head.locator('.flash').textContent())?.trim(), hu('clients.reassigned'))
  assert.match((await head.locator('main').textContent()) ?? '', /Holiday cover/)
  await e2e.shot(head, '06-card-reassigned')

  const client = await e2e.newPage(t, 'en')
  await login(client, DEMO.clientAdminHu, DEMO_PASSWORD)
  await client.click('#sidenav a[href="/company"]')
  await client.fill('input[name=phone]', '+36 1 234 5678')
  await client.click('form[action="/company"] button.btn-primary')
  await client.waitForLoadState('load')
  assert.equal(await client.inputValue('input[name=phone]'), '+36 1 234 5678')
  assert.doesNotMatch(await client.locator('main').innerHTML(), /name="name"/, 'the legal name is not editable')
  await e2e.shot(client, '07-company-client-admin')
  assert.equal(
    await client.locator('h1').textContent(),
    tr('hu')('clients.company.title'),
    'in the language saved on the account',
  )
})
