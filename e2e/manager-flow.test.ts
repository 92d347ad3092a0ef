import assert from 'node:assert/strict'
import test from 'node:test'
import type { Page } from 'playwright-core'
import { writeCamt053 } from '../src/modules/bank/index.js'
import { DEMO, DEMO_PASSWORD, e2eSuite, login, tr } from './harness.js'

const e2e = e2eSuite('manager-flow')
const en = tr('en')

// Unique per run, so the flow also works against a server that ran it before (KABINET_E2E_SERVER_URL).
const run = Date.now().toString(36).slice(-5)
const CLIENT = `Kestrel Freight ${run} Ltd`
const CONTACT = { name: `Maya Lindqvist ${run}`, email: `maya.${run}@kestrel.example` }
// The demo company's own account: statements of it are the company's.
const OWN_IBAN = 'HU97117730090000000012345678'
const UNKNOWN_PAYER = `Nobody Known ${run} Kft.`

const idFromUrl = (page: Page) => new URL(page.url()).pathname.split('/').pop() ?? ''
const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? ''

/** Submits a form by its primary button and waits for the page the server answers with. */
async function submit(page: Page, form: string) {
  await Promise.all([page.waitForEvent('load'), page.click(`${form} button.btn-primary[type=submit] >> nth=-1`)])
}

/** Moves the order to `to` through its status form (the form sits in a collapsed <details>). */
async function moveOrder(page: Page, to: string) {
  const form = page.locator(`form.status-action:has(input[name=to][value="${to}"])`)
  await page.locator('details', { has: form }).locator('summary').click()
  await Promise.all([page.waitForEvent('load'), form.locator('button[type=submit]').click()])
}

test('a manager takes a new client from its card to a shipped order, a payment request and a bank payment', async (t) => {
  const page = await e2e.newPage(t, 'en')
  await login(page, DEMO.managerEn, DEMO_PASSWORD)

  // A new client…
  await page.click('#sidenav a[href="/clients"]')
  await page.click('main a[href="/clients/new"]')
  await page.fill('input[name=name]', CLIENT)
  await page.fill('input[name=country]', 'GB')
  await e2e.shot(page, '01-client-form-en')
  await submit(page, 'form[action="/clients"]')
  assert.equal(await page.locator('h1').textContent(), CLIENT)
  assert.equal((await page.locator('.flash').textContent())?.trim(), en('clients.created', { name: CLIENT }))
  const clientId = idFromUrl(page)
  await e2e.shot(page, '02-client-card-en')

  // …with a contact person, invited to the portal.
  await page.click('main a[href$="/contacts/new"]')
  await page.fill('input[name=name]', CONTACT.name)
  await page.fill('input[name=email]', CONTACT.email)
  await e2e.shot(page, '03-contact-form-en')
  await submit(page, 'form.form')
  assert.equal(
    (await page.locator('.flash').textContent())?.trim(),
    en('clients.contacts.added', { name: CONTACT.name }),
  )
  const row = page.locator('tr', { hasText: CONTACT.name })
  await row.locator(`button:has-text("${en('clients.contacts.give_access')}")`).click()
  await Promise.all([page.waitForEvent('load'), page.locator('dialog .btn-danger').click()])
  assert.match((await page.locator('.flash').textContent()) ?? '', new RegExp(CONTACT.email.replace(/\./g, '\\.')))
  assert.match(
    (await page.locator('tr', { hasText: CONTACT.name }).first().textContent()) ?? '',
    new RegExp(en('clients.contacts.has_login')),
  )
  await e2e.shot(page, '04-card-invited-en')

  // A contract.
  await page.goto('/contracts/new')
  await page.selectOption('select[name=client_id]', clientId)
  await page.fill('input[name=number]', `KF-${run}`)
  await page.fill('input[name=subject]', 'Freight forwarding and storage')
  await page.fill('input[name=signed_on]', '2026-01-15')
  await page.fill('input[name=valid_from]', '2026-02-01')
  await e2e.shot(page, '05-contract-form-en')
  await submit(page, 'form[action="/contracts"]')
  assert.equal(
    (await page.locator('.flash').textContent())?.trim(),
    en('contracts.created_flash', { number: `KF-${run}` }),
  )
  await e2e.shot(page, '06-contract-en')

  // An order, moved through its statuses to shipped.
  await page.click('#sidenav a[href="/orders"]')
  await page.click('main a[href="/orders/new"]')
  await page.selectOption('select[name=client_id]', clientId)
  await page.fill('input[name=line_name_0]', 'Pallet racking, 3 m')
  await page.fill('input[name=line_qty_0]', '4')
  await page.fill('input[name=line_unit_0]', 'pcs')
  await page.fill('input[name=line_price_0]', '25000')
  await e2e.shot(page, '07-order-form-en')
  await submit(page, 'form[action="/orders"]')
  const orderNumber = ((await page.locator('.flash').textContent()) ?? '').match(/ORD-\d{4}-\d+/)?.[0]
  assert.ok(orderNumber, 'the flash names the new order')
  await e2e.shot(page, '08-order-new-en')
  for (const to of ['confirmed', 'in_progress', 'shipped']) await moveOrder(page, to)
  await e2e.shot(page, '09-order-shipped-en')
  assert.match(await mainText(page), new RegExp(en('orders.shipments')))

  // The shipment is a charge on the client's ledger.
  await page.goto(`/finance/clients/${clientId}/ledger`)
  const ledger = await mainText(page)
  assert.match(ledger, new RegExp(orderNumber))
  await e2e.shot(page, '10-ledger-en')

  // A payment request, issued: it gets its number and a payment reference.
  await page.goto('/finance/invoices/new')
  await page.selectOption('select[name=client_id]', clientId)
  await page.fill('input[name=line_0_name]', 'Storage, December')
  await page.fill('input[name=line_0_price]', '100000')
  await e2e.shot(page, '11-request-form-en')
  await submit(page, 'form[action="/finance/invoices"]')
  assert.equal((await page.locator('.flash').textContent())?.trim(), en('finance.created_flash'))
  await page.click(`form[action$="/issue"] button`)
  await Promise.all([page.waitForEvent('load'), page.locator('dialog .btn-danger').click()])
  const requestUrl = page.url()
  const requestNumber = ((await page.locator('.flash').textContent()) ?? '').match(/PR-\d{4}-\d+/)?.[0]
  assert.ok(requestNumber, 'the flash names the issued request')
  const reference = (await mainText(page)).match(/PR\d{10}/)?.[0]
  assert.equal(reference, requestNumber.replace(/-/g, ''), 'the payment reference is on the page')
  await e2e.shot(page, '12-request-issued-en')

  // The client's documents so far (the delivery note of the shipment, the payment request) go to the client.
  await page.click('#sidenav a[href="/documents"]')
  await page.selectOption('select[name=client]', clientId)
  await page.waitForURL(/client=/)
  await page.waitForFunction(`document.querySelectorAll('#documents-table tbody input[name=ids]').length >= 2`)
  await e2e.shot(page, '13-documents-en')
  for (const box of await page.locator('#documents-table tbody input[name=ids]').all()) await box.check()
  await Promise.all([page.waitForEvent('load'), page.click(`button:has-text("${en('documents.send_selected')}")`)])
  assert.match((await page.locator('.flash').textContent()) ?? '', /\d/)
  assert.equal(
    (await page.locator('.flash').textContent())?.trim(),
    en('documents.sent_flash', { count: 2 }),
    'the delivery note and the payment request are sent',
  )

  // A support request: an internal note, then a public reply.
  await page.click('#sidenav a[href="/support"]')
  await page.click('main table tbody tr a[href^="/support/"] >> nth=0')
  const note = `Checked the warehouse log (${run}).`
  const reply = `The missing parcel leaves tomorrow (${run}).`
  await page.fill('textarea[name=body]', note)
  await page.check('input[name=internal]')
  await submit(page, 'form[action*="/messages"]')
  await page.fill('textarea[name=body]', reply)
  await submit(page, 'form[action*="/messages"]')
  const thread = await mainText(page)
  assert.ok(thread.includes(note) && thread.includes(reply), 'both messages are in the thread')
  await e2e.shot(page, '14-support-answered-en')

  // The head imports the bank statement: the request paid by its reference, and a payer nobody knows.
  const head = await e2e.newPage(t, 'en')
  await login(head, DEMO.head, DEMO_PASSWORD)
  const today = new Date().toISOString().slice(0, 10)
  const camt = writeCamt053([
    {
      id: `E2E-${run}`,
      iban: OWN_IBAN,
      currency: 'HUF',
      openingMinor: 0,
      entries: [
        {
          date: today,
          amountMinor: 12_700_000,
          direction: 'in',
          name: CLIENT,
          purpose: `Payment ${reference}`,
          bankRef: `E2E-${run}-1`,
        },
        {
          date: today,
          amountMinor: 4_200_000,
          direction: 'in',
          name: UNKNOWN_PAYER,
          purpose: 'Advance',
          bankRef: `E2E-${run}-2`,
        },
      ],
    },
  ])
  await head.click('#sidenav a[href="/bank"]')
  await head.setInputFiles('input[name=files]', {
    name: `statement-${run}.xml`,
    mimeType: 'application/xml',
    buffer: Buffer.from(camt),
  })
  await e2e.shot(head, '15-bank-upload-en')
  await submit(head, 'form[action^="/bank/imports"]')
  await e2e.shot(head, '16-bank-imported-en')
  assert.match(await mainText(head), /camt\.053/)

  // The request is paid.
  await page.goto(requestUrl)
  assert.match(await mainText(page), new RegExp(en('finance.status.paid')))
  await e2e.shot(page, '17-request-paid-en')

  // The unknown payer waits in review; the manager assigns it to the client.
  await page.click('#sidenav a[href="/bank/review"]')
  await page.fill('input[name=q]', UNKNOWN_PAYER)
  await page.waitForURL(/q=/)
  // The demo has a review item of its own: wait for the search's table, not the first one.
  const found = page.locator('main table tbody tr', { hasText: UNKNOWN_PAYER })
  await found.waitFor()
  assert.equal(await page.locator('main table tbody tr').count(), 1)
  await e2e.shot(page, '18-bank-review-en')
  await Promise.all([page.waitForURL(/\/bank\/review\/[0-9a-z]{26}$/), found.locator('a').first().click()])
  assert.equal(await page.locator('h1').textContent(), UNKNOWN_PAYER)
  await page.selectOption('select[name=client_id]', clientId)
  await e2e.shot(page, '19-bank-assign-en')
  await submit(page, 'form[action$="/assign"]')
  assert.equal((await page.locator('.flash').textContent())?.trim(), en('bank.review.assigned'))
  await e2e.shot(page, '20-bank-assigned-en')

  // Both payments are on the client's ledger.
  await page.goto(`/finance/clients/${clientId}/ledger`)
  const after = await mainText(page)
  for (const amount of ['127,000.00', '42,000.00']) assert.ok(after.includes(amount), `${amount} on the ledger`)
  await e2e.shot(page, '21-ledger-paid-en')
})
