import assert from 'node:assert/strict'
import test from 'node:test'
import type { Page } from 'playwright-core'
import { demoClientUsers } from '../src/core/demo/demo-data.js'
import { downloadOf, zipEntryNames } from './downloads.js'
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

const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? ''
const flash = async (page: Page) => ((await page.locator('.flash').textContent()) ?? '').trim()

/** Clicks a form's submit button and waits for the page the server answers with. */
async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForEvent('load'), page.click(selector)])
}

/** A real PDF: the header, the end-of-file marker, served as application/pdf. */
function assertPdf(file: { status: number; contentType: string; bytes: Buffer }, what: string) {
  assert.equal(file.status, 200, what)
  assert.equal(file.contentType, 'application/pdf', what)
  assert.equal(file.bytes.subarray(0, 5).toString('latin1'), '%PDF-', `${what} starts with %PDF-`)
  assert.ok(file.bytes.subarray(-1024).toString('latin1').includes('%%EOF'), `${what} ends with %%EOF`)
}

test('a client user follows its balance, orders and payment requests, tops up and gets an answer from support', async (t) => {
  const hu = tr('hu')
  const page = await e2e.newPage(t, 'hu')
  await login(page, DEMO.clientAdminHu, DEMO_PASSWORD)
  // The tests above leave another language saved on client01's account.
  await switchLocale(page, 'hu')

  // The home page: the balance and the current orders.
  const balance = page.locator('.finance-dashboard .stat-card').first()
  assert.match((await balance.locator('.stat-label').textContent()) ?? '', /HUF/)
  assert.match((await balance.locator('.stat-value').textContent()) ?? '', /\d.*Ft/)
  const current = page.locator('section.card', { hasText: hu('orders.dashboard.my_current') })
  const orders = current.locator('tbody tr')
  assert.ok((await orders.count()) > 0, 'current orders are listed')
  await e2e.shot(page, '10-home-balance-hu')

  // An order's history, newest first.
  const orderNumber = ((await orders.first().locator('a').textContent()) ?? '').trim()
  await submit(page, `section.card tbody tr a >> nth=0`)
  assert.equal(await page.locator('h1').textContent(), hu('orders.order_title', { number: orderNumber }))
  assert.ok((await page.locator('ol.timeline li').count()) >= 2, 'the status history is shown')
  await e2e.shot(page, '11-order-history-hu')

  // A payment request as PDF.
  await page.goto('/finance/invoices/mine')
  await submit(page, '#invoices-table tbody tr a >> nth=0')
  await e2e.shot(page, '12-request-hu')
  const pdf = await downloadOf(page, '/pdf', () => page.click('main a[href^="/documents/payment-requests/"]'))
  assertPdf(pdf, 'the payment request PDF')

  // A top-up: the request is issued at once, with the company's bank details.
  await page.click('nav.crumbs a[href="/finance/invoices/mine"]')
  await page.click('main a[href="/finance/top-up"]')
  await page.fill('input[name=amount]', '50000')
  await page.fill('textarea[name=comment]', 'Előleg a decemberi szállításokra')
  await e2e.shot(page, '13-top-up-hu')
  await submit(page, 'form[action="/finance/top-up"] button[type=submit]')
  const topUp = (await flash(page)).match(/PR-\d{4}-\d+/)?.[0]
  assert.ok(topUp, 'the flash names the new request')
  assert.equal(await flash(page), hu('finance.top_up_flash', { number: topUp }))
  assert.match(await mainText(page), /PR\d{10}/, 'with the payment reference')
  await e2e.shot(page, '14-top-up-issued-hu')

  // A support request with an attachment.
  await page.goto('/support/mine')
  await page.click('main a[href="/support/new"]')
  const subject = `Sérült raklap érkezett ${Date.now().toString(36)}`
  await page.selectOption('select[name=category_id]', { index: 1 })
  await page.fill('input[name=subject]', subject)
  await page.fill('textarea[name=body]', 'A mai szállítmány egyik raklapja sérült. Fotót csatolok.')
  await page.setInputFiles('input[name=attachments]', {
    name: 'raklap.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Raklap sérülés: 2 karton összenyomódott.\n'),
  })
  await e2e.shot(page, '15-support-new-hu')
  await submit(page, 'form[action^="/support"] button[type=submit]')
  const requestUrl = new URL(page.url()).pathname
  const requestNumber = (await flash(page)).match(/REQ-\d{4}-\d+/)?.[0]
  assert.ok(requestNumber, 'the flash names the request')
  assert.equal(await page.locator('main a[href^="/support/attachments/"]').count(), 1, 'the attachment is listed')
  await e2e.shot(page, '16-support-sent-hu')

  // The client's manager writes an internal note and a public reply.
  const note = 'Belső: a fuvarozó felelőssége, kárigényt indítunk.'
  const reply = 'Köszönjük, holnap új raklapot küldünk díjmentesen.'
  const manager = await e2e.newPage(t, 'hu')
  await login(manager, DEMO.managerHu, DEMO_PASSWORD)
  await manager.goto(requestUrl)
  await manager.fill('textarea[name=body]', note)
  await manager.check('input[name=internal]')
  await submit(manager, 'form[action*="/messages"] button[type=submit]')
  await manager.fill('textarea[name=body]', reply)
  await submit(manager, 'form[action*="/messages"] button[type=submit]')

  // The client reads the reply; the note stays with the staff.
  await page.reload()
  const thread = await mainText(page)
  assert.ok(thread.includes(reply), 'the reply is shown to the client')
  assert.ok(!thread.includes(note), 'the internal note is not')
  await e2e.shot(page, '17-support-reply-hu')
})

test('a client user asks for a statement of account and disputes a line; downloads documents one by one and as a ZIP', async (t) => {
  const hu = tr('hu')
  const page = await e2e.newPage(t, 'hu')
  await login(page, DEMO.clientAdminHu, DEMO_PASSWORD)
  await switchLocale(page, 'hu')

  // A statement of this year so far, in forints.
  await page.goto('/finance/reconciliations')
  await page.selectOption('select[name=currency]', 'HUF')
  await e2e.shot(page, '20-statements-hu')
  await submit(page, 'form[action="/finance/reconciliations"] button[type=submit]')
  const number = (await flash(page)).match(/RS-\d{4}-\d+/)?.[0]
  assert.ok(number, 'the flash names the statement')
  assert.equal(await flash(page), hu('finance.reconciliation.issued', { number }))
  await e2e.shot(page, '21-statement-hu')

  // Its PDF…
  const statementPdf = await downloadOf(page, '/pdf', () =>
    page.click('main a[href*="/finance/reconciliations/"][href*="/pdf"]'),
  )
  assertPdf(statementPdf, 'the statement PDF')

  // …and a disputed line, with the client's own figure.
  const line = page.locator('input[name=line]').first()
  await line.check()
  const entryId = await line.getAttribute('value')
  await page.fill(`input[name="amount_${entryId}"]`, '1000')
  await page.fill('#dispute-comment, textarea[name=comment]', 'Nálunk ez a tétel 1000 Ft.')
  await e2e.shot(page, '22-statement-dispute-hu')
  await submit(page, 'form#dispute-form button[type=submit]')
  assert.equal(await flash(page), hu('finance.reconciliation.disputed', { number }))
  assert.match(await mainText(page), new RegExp(hu('finance.reconciliation.status.disputed')))
  await e2e.shot(page, '23-statement-disputed-hu')

  // Documents: one PDF, then two in a ZIP.
  await Promise.all([page.waitForURL(/\/documents$/), page.click('#sidenav a[href="/documents"]')])
  assert.equal(await page.locator('h1').textContent(), hu('nav.my_documents'))
  await e2e.shot(page, '24-documents-hu')
  const one = await downloadOf(page, '/pdf', () => page.click('#documents-table tbody tr a[href$="/pdf"] >> nth=0'))
  assertPdf(one, 'a document')
  const boxes = page.locator('#documents-table tbody input[name=ids]')
  await boxes.nth(0).check()
  await boxes.nth(1).check()
  const zip = await downloadOf(page, '/documents/zip', () => page.click('form#documents-selection button[type=submit]'))
  assert.equal(zip.status, 200)
  assert.equal(zip.contentType, 'application/zip')
  const names = zipEntryNames(zip.bytes)
  assert.equal(names.length, 2, `two files in the ZIP: ${names.join(', ')}`)
  for (const n of names) assert.match(n, /\.pdf$/)
})
