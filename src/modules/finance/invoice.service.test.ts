import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { ctxOf, rawSum } from './finance.test-kit.js'
import {
  cancelInvoice,
  createInvoice,
  getInvoiceDetail,
  type InvoiceInput,
  issueInvoice,
  listInvoices,
  requestTopUp,
  unpaidSummary,
} from './invoice.service.js'
import { computeLine, totalsOf } from './invoice-lines.js'
import { recordPayment } from './invoice-payment.service.js'
import { clientBalances } from './ledger.service.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager()
  const client = await w.given.client({ name: 'Számla Kft.', managerId: manager.id })
  return { ...w, manager, client, ctx: ctxOf(w.services, manager) }
}

const input = (overrides: Partial<InvoiceInput> = {}): InvoiceInput => ({
  currency: 'EUR',
  dueDate: null,
  note: '',
  lines: [
    { name: 'Consulting', quantityMilli: 1_500, unit: 'h', unitPriceMinor: 3_333, vatRateBp: 2700 },
    { name: 'Travel', quantityMilli: 1_000, unit: '', unitPriceMinor: 1_001, vatRateBp: 500 },
  ],
  ...overrides,
})

test('VAT per line rounded half-up; totals are the sums of the rounded lines', () => {
  // 1.5 × 33.33 = 49.995 → 50.00; 27% of 50.00 = 13.50
  assert.deepEqual(computeLine({ name: 'a', quantityMilli: 1_500, unit: '', unitPriceMinor: 3_333, vatRateBp: 2700 }), {
    name: 'a',
    quantityMilli: 1_500,
    unit: '',
    unitPriceMinor: 3_333,
    vatRateBp: 2700,
    netMinor: 5_000,
    vatMinor: 1_350,
    totalMinor: 6_350,
  })
  // 5% of 10.01 = 0.5005 → 0.50; 27% of 0.05 = 0.0135 → 0.01; 27% of 0.02 = 0.0054 → 0.01
  assert.equal(
    computeLine({ name: 'b', quantityMilli: 1_000, unit: '', unitPriceMinor: 1_001, vatRateBp: 500 }).vatMinor,
    50,
  )
  const small = [5, 2].map((p) =>
    computeLine({ name: 's', quantityMilli: 1_000, unit: '', unitPriceMinor: p, vatRateBp: 2700 }),
  )
  assert.deepEqual(
    small.map((l) => l.vatMinor),
    [1, 1],
  )
  assert.deepEqual(totalsOf(small), { net: 7, vat: 2, total: 9 })
})

test('a draft gets its number, reference and due date at issue; issuing posts no ledger charge; cancel rules', async (t) => {
  const w = await world(t)
  const draft = await createInvoice(w.ctx, w.client.id, input())
  assert.equal(draft.status, 'draft')
  assert.equal(draft.number, null)
  assert.equal(draft.netMinor, 5_000 + 1_001)
  assert.equal(draft.vatMinor, 1_350 + 50)
  assert.equal(draft.totalMinor, 6_350 + 1_051)
  await assert.rejects(
    createInvoice(
      w.ctx,
      w.client.id,
      input({ lines: [{ name: 'x', quantityMilli: 1000, unit: '', unitPriceMinor: 1, vatRateBp: 1234 }] }),
    ),
    {
      code: 'validation_failed',
    },
  )
  const issued = await issueInvoice(w.ctx, draft.id)
  assert.equal(issued.status, 'issued')
  assert.match(issued.number ?? '', /^PR-\d{4}-000001$/)
  assert.equal(issued.paymentReference, (issued.number ?? '').replace(/-/g, ''))
  assert.ok(issued.dueDate && issued.issueDate && issued.dueDate > issued.issueDate)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 0, 'a payment request is not a charge')
  await assert.rejects(issueInvoice(w.ctx, draft.id), { code: 'not_draft' })

  await recordPayment(w.ctx, issued.id, { amountMinor: 100, date: '2026-06-01', reference: 'BANK-1' })
  await assert.rejects(cancelInvoice(w.ctx, issued.id), { code: 'not_cancellable' })
  const other = await issueInvoice(w.ctx, (await createInvoice(w.ctx, w.client.id, input())).id)
  assert.match(other.number ?? '', /000002$/)
  assert.equal((await cancelInvoice(w.ctx, other.id)).status, 'cancelled')
  await assert.rejects(recordPayment(w.ctx, other.id, { amountMinor: 100, date: '2026-06-01', reference: 'BANK-2' }), {
    code: 'not_payable',
  })
})

test('50 concurrent issues get 50 distinct consecutive numbers', async (t) => {
  const w = await world(t)
  const ids: string[] = []
  for (let i = 0; i < 50; i++) ids.push((await createInvoice(w.ctx, w.client.id, input())).id)
  const issued = await Promise.all(ids.map((id) => issueInvoice(w.ctx, id)))
  const numbers = issued.map((i) => Number((i.number ?? '').slice(-6))).sort((a, b) => a - b)
  assert.deepEqual(
    numbers,
    Array.from({ length: 50 }, (_, i) => i + 1),
  )
})

test('a payment posts to the ledger and updates the request in one transaction; a duplicate leaves neither', async (t) => {
  const w = await world(t)
  const inv = await issueInvoice(w.ctx, (await createInvoice(w.ctx, w.client.id, input())).id)
  const part = await recordPayment(w.ctx, inv.id, { amountMinor: 5_000, date: '2026-06-01', reference: 'TX-1' })
  assert.equal(part.status, 'partially_paid')
  assert.equal(part.paidMinor, 5_000)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 5_000)
  // The same bank transaction again: refused at the payment insert, after the ledger entry and the
  // status change were written — the whole transaction is undone.
  await assert.rejects(recordPayment(w.ctx, inv.id, { amountMinor: 5_000, date: '2026-06-01', reference: 'TX-1' }), {
    code: 'duplicate_payment',
  })
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 5_000)
  const detail = await getInvoiceDetail(w.ctx, inv.id)
  assert.equal(detail.invoice.paidMinor, 5_000)
  assert.equal(detail.invoice.status, 'partially_paid')
  assert.equal(detail.payments.length, 1)
  const entries = await w.services.db.kysely.selectFrom('ledger_entries').selectAll().execute()
  assert.equal(entries.length, 1)
  assert.equal(entries[0]?.source_id, inv.id)
  assert.equal(detail.payments[0]?.ledger_entry_id, entries[0]?.id)

  const rest = await recordPayment(w.ctx, inv.id, {
    amountMinor: inv.totalMinor - 5_000 + 1_000,
    date: '2026-06-02',
    reference: 'TX-2',
  })
  assert.equal(rest.status, 'paid')
  // The overpayment stays as credit on the balance.
  assert.deepEqual(await clientBalances(w.ctx, w.client.id), [
    { currency: 'EUR', balanceMinor: inv.totalMinor + 1_000 },
  ])
})

test('a top-up request is issued at once and credits the balance exactly once', async (t) => {
  const w = await world(t)
  const user = await w.given.clientUser({ client: w.client })
  const uctx = ctxOf(w.services, user)
  await assert.rejects(requestTopUp(uctx, { amountMinor: 999, currency: 'EUR', comment: '' }), {
    code: 'validation_failed',
  })
  const top = await requestTopUp(uctx, { amountMinor: 100_000, currency: 'EUR', comment: 'For March' })
  assert.equal(top.kind, 'top_up')
  assert.equal(top.status, 'issued')
  assert.equal(top.totalMinor, 100_000)
  assert.ok(top.paymentReference)
  const detail = await getInvoiceDetail(uctx, top.id)
  assert.equal(detail.lines.length, 1)
  assert.equal(detail.lines[0]?.name, 'Balance top-up')
  assert.deepEqual(await unpaidSummary(uctx, w.client.id), [{ currency: 'EUR', count: 1, dueMinor: 100_000 }])

  const paid = await recordPayment(w.ctx, top.id, { amountMinor: 100_000, date: '2026-06-01', reference: 'B-1' })
  assert.equal(paid.status, 'paid')
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 100_000)
  await assert.rejects(recordPayment(w.ctx, top.id, { amountMinor: 100_000, date: '2026-06-01', reference: 'B-1' }), {
    code: 'duplicate_payment',
  })
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 100_000)
  // Paid fully a second time (another transfer): the money is the client's, as credit; still paid.
  const twice = await recordPayment(w.ctx, top.id, { amountMinor: 100_000, date: '2026-06-03', reference: 'B-2' })
  assert.equal(twice.status, 'paid')
  assert.equal(twice.paidMinor, 200_000)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 200_000)
  const kinds = await w.services.db.kysely.selectFrom('ledger_entries').select('kind').execute()
  assert.deepEqual(
    kinds.map((k) => k.kind),
    ['top_up', 'top_up'],
  )
  assert.deepEqual(await unpaidSummary(uctx, w.client.id), [])
  // The client user neither records payments nor sees other clients' requests.
  await assert.rejects(recordPayment(uctx, top.id, { amountMinor: 1, date: '2026-06-03', reference: 'X' }), {
    code: 'forbidden',
  })
})

test('overdue: issued and unpaid with a due date before today; client users never see drafts', async (t) => {
  const w = await world(t)
  const a = await issueInvoice(w.ctx, (await createInvoice(w.ctx, w.client.id, input())).id)
  await createInvoice(w.ctx, w.client.id, input())
  await w.services.db.kysely.updateTable('invoices').set({ due_date: '2020-01-01' }).where('id', '=', a.id).execute()
  const lq = parseListQuery({}, { sortable: ['due_date'] })
  const overdue = await listInvoices(w.ctx, lq, { overdue: true })
  assert.deepEqual(
    overdue.rows.map((r) => r.id),
    [a.id],
  )
  assert.equal((await listInvoices(w.ctx, lq)).total, 2)
  const user = await w.given.clientUser({ client: w.client })
  assert.equal((await listInvoices(ctxOf(w.services, user), lq)).total, 1)
})

test('the client’s finance users hear of a request issued and of money received, each in its language', async (t) => {
  const w = await world(t)
  const hu = await w.given.clientUser({ client: w.client, locale: 'hu', areas: ['finance'] })
  const ordersOnly = await w.given.clientUser({ client: w.client, areas: ['orders'] })
  const inv = await createInvoice(w.ctx, w.client.id, input())
  const issued = await issueInvoice(w.ctx, inv.id)
  const mail = (email: string) =>
    w.services.db.kysely
      .selectFrom('outbox')
      .select(['subject', 'body_text'])
      .where('recipient', '=', email)
      .orderBy('created_at')
      .execute()
  const [issuedMail] = await mail(hu.email)
  assert.match(issuedMail?.subject ?? '', new RegExp(`${issued.number} díjbekérő`))
  assert.match(issuedMail?.body_text ?? '', /\/finance\/invoices\//)
  await recordPayment(w.ctx, inv.id, { amountMinor: 1_000, date: '2026-03-01', reference: 'BANK-1' })
  const afterPart = await mail(hu.email)
  assert.equal(afterPart.length, 2)
  assert.match(afterPart[1]?.body_text ?? '', /egy része még nyitott/)
  assert.deepEqual(await mail(ordersOnly.email), [])
})
