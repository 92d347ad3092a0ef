import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../../test/helpers/test-app.js'
import { ctxOf } from '../finance.test-kit.js'
import { saveFinanceSettings } from '../finance-settings.service.js'
import { recordCharge } from '../ledger.service.js'
import {
  listExpenseCategories,
  saveExpenseCategory,
  saveIncomeCategory,
  setExpenseCategoryArchived,
} from './expense-categories.service.js'
import { listExpenses, recordExpense, reverseExpense, setExpenseCategory } from './expenses.service.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager()
  const head = await w.given.head()
  return { ...w, manager, head, mctx: ctxOf(w.services, manager), hctx: ctxOf(w.services, head) }
}

const base = {
  date: '2026-05-10',
  amountMinor: 12_345,
  currency: 'EUR',
  categoryId: null,
  counterparty: 'Office Rent Kft.',
  description: 'May rent',
  source: 'manual' as const,
}

test('categories form a tree of two levels at most, sorted under their parents', async (t) => {
  const w = await world(t)
  const office = await saveExpenseCategory(w.hctx, null, { name: 'Office' })
  const rent = await saveExpenseCategory(w.hctx, null, { name: 'Rent', parentId: office.id })
  await saveExpenseCategory(w.hctx, null, { name: 'Cleaning', parentId: office.id })
  await saveExpenseCategory(w.hctx, null, { name: 'Bank fees', code: '5391' })
  await assert.rejects(saveExpenseCategory(w.hctx, null, { name: 'Deep', parentId: rent.id }), {
    fields: { parent_id: 'expenses.error.two_levels' },
  })
  const other = await saveExpenseCategory(w.hctx, null, { name: 'Other' })
  await assert.rejects(saveExpenseCategory(w.hctx, office.id, { name: 'Office', parentId: other.id }), {
    fields: { parent_id: 'expenses.error.has_children' },
  })
  await assert.rejects(saveExpenseCategory(w.hctx, null, { name: '  ' }), { fields: { name: 'form.required' } })
  await assert.rejects(saveExpenseCategory(w.mctx, null, { name: 'By a manager' }), { name: 'ForbiddenError' })
  const tree = await listExpenseCategories(w.mctx)
  assert.deepEqual(
    tree.map((c) => c.path),
    ['Bank fees', 'Office', 'Office › Cleaning', 'Office › Rent', 'Other'],
  )
  const audits = await w.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity', '=', 'expense_category')
    .execute()
  assert.equal(audits.length, 5)
})

test('an expense is recorded, audited, idempotent by source ref, classified and reversed once', async (t) => {
  const w = await world(t)
  const cat = await saveExpenseCategory(w.hctx, null, { name: 'Rent' })
  const other = await saveExpenseCategory(w.hctx, null, { name: 'Utilities' })
  const e = await recordExpense(w.mctx, { ...base, categoryId: cat.id, source: 'bank', sourceRef: 'tx-1' })
  assert.equal(e.amountMinor, 12_345)
  const again = await recordExpense(w.mctx, { ...base, amountMinor: 999, source: 'bank', sourceRef: 'tx-1' })
  assert.equal(again.id, e.id, 'the same source ref records nothing new')
  const count = await w.db.kysely.selectFrom('expenses').select(w.db.kysely.fn.countAll().as('n')).executeTakeFirst()
  assert.equal(Number(count?.n), 1)

  await assert.rejects(recordExpense(w.mctx, { ...base, amountMinor: 0 }), {
    fields: { amount: 'finance.error.amount_positive' },
  })
  await assert.rejects(recordExpense(w.mctx, { ...base, date: '2026-02-30' }), {
    fields: { date: 'finance.error.date' },
  })
  await assert.rejects(recordExpense(w.mctx, { ...base, categoryId: 'nope' }), {
    fields: { category_id: 'expenses.error.category' },
  })

  const moved = await setExpenseCategory(w.mctx, e.id, other.id)
  assert.equal(moved.categoryId, other.id)
  await assert.rejects(reverseExpense(w.mctx, e.id, 'wrong'), { name: 'ForbiddenError' })
  const rev = await reverseExpense(w.hctx, e.id, 'Paid twice', { date: '2026-06-01' })
  assert.equal(rev.amountMinor, -12_345)
  assert.equal(rev.categoryId, other.id)
  await assert.rejects(reverseExpense(w.hctx, e.id, 'again'), { code: 'already_reversed' })
  await assert.rejects(reverseExpense(w.hctx, rev.id, 'again'), { code: 'reversal_of_reversal' })
  await assert.rejects(setExpenseCategory(w.hctx, rev.id, cat.id), { code: 'expense_is_reversal' })
  // Reclassifying the original moves its reversal along: the pair still nets to zero per category.
  await setExpenseCategory(w.hctx, e.id, cat.id)
  const rows = await w.db.kysely.selectFrom('expenses').select(['id', 'category_id', 'amount_minor']).execute()
  assert.deepEqual(new Set(rows.map((r) => r.category_id)), new Set([cat.id]))

  const actions = await w.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity', '=', 'expense')
    .orderBy('at')
    .orderBy('id')
    .execute()
  assert.deepEqual(actions.map((a) => a.action).sort(), [
    'finance.expense_classified',
    'finance.expense_classified',
    'finance.expense_recorded',
    'finance.expense_reversed',
  ])
  // The database itself refuses a second reversal and a negative expense.
  await assert.rejects(
    w.db.kysely
      .insertInto('expenses')
      .values({ ...rowOf(e.id), id: 'x2', reverses_expense_id: e.id, amount_minor: -1 })
      .execute(),
  )
  await assert.rejects(
    w.db.kysely
      .insertInto('expenses')
      .values({ ...rowOf('x3'), amount_minor: -5 })
      .execute(),
  )
})

const rowOf = (id: string) => ({
  id,
  expense_date: '2026-05-10',
  amount_minor: 100,
  currency: 'EUR',
  category_id: null,
  counterparty: null,
  counterparty_tax_id: null,
  counterparty_account: null,
  description: 'raw',
  source: 'manual' as const,
  source_ref: null,
  reverses_expense_id: null,
  created_by: null,
  created_at: '2026-05-10T00:00:00.000Z',
})

test('the period lock holds for expenses: before it only the head records, classifies or reverses', async (t) => {
  const w = await world(t)
  await saveFinanceSettings(w.hctx, { lockDate: '2026-03-31', paymentDays: '8', topUpMin: '10' }, 'EUR', '.')
  w.services.settings.invalidate()
  await assert.rejects(recordExpense(w.mctx, { ...base, date: '2026-03-31' }), { code: 'period_locked' })
  const old = await recordExpense(w.hctx, { ...base, date: '2026-03-01' })
  const cat = await saveExpenseCategory(w.hctx, null, { name: 'Rent' })
  await assert.rejects(setExpenseCategory(w.mctx, old.id, cat.id), { code: 'period_locked' })
  await setExpenseCategory(w.hctx, old.id, cat.id)
  const fresh = await recordExpense(w.mctx, { ...base, date: '2026-04-01' })
  assert.equal(fresh.date, '2026-04-01')
})

test('archived categories take no new expenses; the list filters by category (parent takes children), source and text', async (t) => {
  const w = await world(t)
  const office = await saveExpenseCategory(w.hctx, null, { name: 'Office' })
  const rent = await saveExpenseCategory(w.hctx, null, { name: 'Rent', parentId: office.id })
  const fees = await saveExpenseCategory(w.hctx, null, { name: 'Fees' })
  await recordExpense(w.hctx, { ...base, categoryId: rent.id })
  await recordExpense(w.hctx, { ...base, categoryId: office.id, counterparty: 'Paper Bt.', description: 'Paper' })
  await recordExpense(w.hctx, {
    ...base,
    categoryId: fees.id,
    source: 'bank',
    counterparty: 'Bank',
    description: 'Fee',
  })
  await recordExpense(w.hctx, { ...base, counterparty: null, description: 'Coffee 100%' })
  await setExpenseCategoryArchived(w.hctx, fees.id, true)
  await assert.rejects(recordExpense(w.hctx, { ...base, categoryId: fees.id }), {
    fields: { category_id: 'expenses.error.category' },
  })
  const lq = { page: 1, per: 10, sort: 'date', dir: 'asc' as const, q: '', params: {} }
  const names = async (f: Parameters<typeof listExpenses>[2]) =>
    (await listExpenses(w.hctx, lq, f)).rows.map((r) => r.description).sort()
  assert.deepEqual(await names({ category: office.id }), ['May rent', 'Paper'])
  assert.deepEqual(await names({ category: 'none' }), ['Coffee 100%'])
  assert.deepEqual(await names({ source: 'bank' }), ['Fee'])
  assert.deepEqual(await names({ q: '100%' }), ['Coffee 100%'])
  assert.deepEqual(await names({ q: 'paper' }), ['Paper'])
  const page = await listExpenses(w.hctx, lq, { category: rent.id })
  assert.equal(page.rows[0]?.categoryPath, 'Office › Rent')
  await assert.rejects(listExpenses(w.mctx, lq, {}), { name: 'ForbiddenError' })
})

test('a service charge may name an income category; other charges and archived categories are refused', async (t) => {
  const w = await world(t)
  const client = await w.given.client({ managerId: w.manager.id })
  const hosting = await saveIncomeCategory(w.hctx, null, { name: 'Hosting' })
  const charge = { kind: 'service' as const, amountMinor: 5000, currency: 'EUR', date: '2026-05-01', description: 'x' }
  const e = await recordCharge(w.mctx, client.id, { ...charge, categoryId: hosting.id })
  const row = await w.db.kysely
    .selectFrom('ledger_entries')
    .select('category_id')
    .where('id', '=', e.id)
    .executeTakeFirst()
  assert.equal(row?.category_id, hosting.id)
  await assert.rejects(recordCharge(w.mctx, client.id, { ...charge, kind: 'fee', categoryId: hosting.id }), {
    fields: { category_id: 'expenses.error.category_service_only' },
  })
  await assert.rejects(recordCharge(w.mctx, client.id, { ...charge, categoryId: 'unknown' }), {
    fields: { category_id: 'expenses.error.category' },
  })
})
