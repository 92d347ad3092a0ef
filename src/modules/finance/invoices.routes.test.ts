import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { ctxOf, rawSum } from './finance.test-kit.js'
import { createInvoice, issueInvoice } from './invoice.service.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager({ name: 'Mira Manager' })
  const client = await w.given.client({ name: 'Árvíztűrő Kft.', managerId: manager.id })
  const company = await w.services.settings.get('company')
  await w.services.settings.put(
    w.services.db.kysely,
    'company',
    {
      ...company,
      legalName: 'Demo Zrt.',
      bankAccounts: [
        { bankName: 'OTP Bank', account: 'HU42 1177 3016 1111 1018 0000 0000', bic: 'OTPVHUHB', currency: 'EUR' },
      ],
    },
    null,
  )
  return { ...w, manager, client, ctx: ctxOf(w.services, manager) }
}

const lines = (overrides: Record<string, string> = {}) => ({
  line_0_name: 'Könyvelés',
  line_0_quantity: '1.5',
  line_0_unit: 'h',
  line_0_price: '33.33',
  line_0_vat: '2700',
  line_1_name: '',
  line_1_quantity: '1',
  line_1_unit: '',
  line_1_price: '',
  line_1_vat: '2700',
  ...overrides,
})

test('a manager drafts a payment request (errors by the field, input kept), issues it and records payments', async (t) => {
  const w = await world(t)
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(w.manager))
  const form = await agent.get('/finance/invoices/new')
  assert.equal(form.statusCode, 200)
  assert.match(form.body, /Árvíztűrő Kft\./)
  assert.match(form.body, /not a tax invoice/)

  const bad = await agent.post('/finance/invoices', {
    client_id: w.client.id,
    currency: 'EUR',
    due_date: '',
    note: '',
    ...lines({ line_0_quantity: '0', line_1_name: 'Travel', line_1_price: '1', line_1_vat: '1234' }),
  })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /Enter a quantity greater than zero/)
  assert.match(bad.body, /Choose one of the company’s VAT rates/)
  assert.match(bad.body, /value="Könyvelés"/)

  const ok = await agent.post('/finance/invoices', {
    client_id: w.client.id,
    currency: 'EUR',
    due_date: '',
    note: 'March',
    ...lines(),
  })
  assert.equal(ok.statusCode, 303)
  const url = ok.headers.location as string
  const draft = await agent.get(url)
  assert.match(draft.body, /Draft payment request/)
  assert.match(draft.body, /€63\.50/) // 1.5 × 33.33 = 50.00 net + 13.50 VAT
  const id = url.split('/').pop() as string
  const issued = await agent.post(`${url}/issue`, { version: '1' })
  assert.equal(issued.statusCode, 303)
  const page = await agent.get(url)
  assert.match(page.body, /Payment request PR-\d{4}-000001/)
  assert.match(page.body, /PR\d{4}000001/)
  assert.match(page.body, /OTP Bank/)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 0)

  const paid = await agent.post(`${url}/payments`, { amount: '20.00', date: '2026-06-01', reference: 'BANK-77' })
  assert.equal(paid.statusCode, 303)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 2_000)
  const dup = await agent.post(`${url}/payments`, { amount: '20.00', date: '2026-06-01', reference: 'BANK-77' })
  assert.equal(dup.statusCode, 422)
  assert.match(dup.body, /already been recorded/)
  assert.match(dup.body, /value="BANK-77"/)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 2_000)
  assert.match((await agent.get(url)).body, /Partially paid/)

  const list = await agent.get('/finance/invoices')
  assert.match(list.body, new RegExp(`/finance/invoices/${id}`))
  const cancel = await agent.post(`${url}/cancel`, { version: '3' })
  assert.equal(cancel.statusCode, 303)
  assert.match((await agent.get(url)).body, /Only a draft or an issued request with nothing paid can be cancelled/)
})

test('a client user asks for a top-up, sees it with bank details and reference; home shows unpaid; drafts stay hidden', async (t) => {
  const w = await world(t)
  const draft = await createInvoice(w.ctx, w.client.id, {
    currency: 'EUR',
    dueDate: null,
    note: '',
    lines: [{ name: 'Hidden', quantityMilli: 1000, unit: '', unitPriceMinor: 100, vatRateBp: 0 }],
  })
  const user = await w.given.clientUser({ client: w.client })
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(user))
  assert.equal((await agent.get(`/finance/invoices/${draft.id}`)).statusCode, 404)
  assert.equal((await agent.get('/finance/top-up')).statusCode, 200)
  const low = await agent.post('/finance/top-up', { amount: '5', comment: 'x' })
  assert.equal(low.statusCode, 422)
  assert.match(low.body, /below the smallest top-up/)
  const ok = await agent.post('/finance/top-up', { amount: '250', comment: 'Április' })
  assert.equal(ok.statusCode, 303)
  const page = await agent.get(ok.headers.location as string)
  assert.match(page.body, /Top-up request/)
  assert.match(page.body, /Balance top-up/)
  assert.match(page.body, /HU42 1177 3016/)
  assert.match(page.body, /PR\d{4}000001/)
  assert.doesNotMatch(page.body, /Record a payment/)
  const home = await agent.get('/')
  assert.match(home.body, /Unpaid requests \(EUR\)/)
  assert.match(home.body, /1 · €250\.00/)
  const mine = await agent.get('/finance/invoices/mine')
  assert.equal(mine.statusCode, 200)
  assert.doesNotMatch(mine.body, /Hidden|Draft/)
  // A client user cannot record a payment.
  const id = (ok.headers.location as string).split('/').pop() as string
  assert.equal(
    (await agent.post(`/finance/invoices/${id}/payments`, { amount: '250', date: '2026-06-01', reference: 'x' }))
      .statusCode,
    403,
  )
})

test('overdue requests: listed for managers and on the head’s home page', async (t) => {
  const w = await world(t)
  const inv = await issueInvoice(
    w.ctx,
    (
      await createInvoice(w.ctx, w.client.id, {
        currency: 'EUR',
        dueDate: null,
        note: '',
        lines: [{ name: 'Old work', quantityMilli: 1000, unit: '', unitPriceMinor: 10_000, vatRateBp: 0 }],
      })
    ).id,
  )
  await w.services.db.kysely.updateTable('invoices').set({ due_date: '2020-02-01' }).where('id', '=', inv.id).execute()
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(w.manager))
  const list = await agent.get('/finance/invoices?overdue=1')
  assert.match(list.body, new RegExp(inv.number as string))
  assert.match(list.body, /Overdue/)
  const head = await Agent.signedIn(w.app, await w.given.sessionCookie(await w.given.head()))
  const home = await head.get('/')
  assert.match(home.body, /Overdue payment requests/)
  assert.match(home.body, new RegExp(inv.number as string))
})

test('an issued request links to its PDF, which the client downloads; a draft has no PDF link', async (t) => {
  const w = await world(t)
  const draft = await createInvoice(w.ctx, w.client.id, {
    currency: 'EUR',
    dueDate: null,
    note: '',
    lines: [{ name: 'Könyvelés', quantityMilli: 1000, unit: 'h', unitPriceMinor: 10_000, vatRateBp: 2700 }],
  })
  const staff = await Agent.signedIn(w.app, await w.given.sessionCookie(w.manager))
  assert.doesNotMatch((await staff.get(`/finance/invoices/${draft.id}`)).body, /payment-requests\/[^/]+\/pdf/)
  const issued = await issueInvoice(w.ctx, draft.id)
  const user = await w.given.clientUser({ client: w.client })
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(user))
  const page = await agent.get(`/finance/invoices/${issued.id}`)
  const href = /href="(\/documents\/payment-requests\/[^"]+\/pdf)"/.exec(page.body)?.[1]
  assert.ok(href, 'PDF link on the request page')
  const pdf = await agent.get(href)
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
})
