import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../../test/helpers/agent.js'
import { testApp } from '../../../../test/helpers/test-app.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const head = await w.given.head()
  const manager = await w.given.manager()
  return {
    ...w,
    head: await Agent.signedIn(w.app, await w.given.sessionCookie(head)),
    manager: await Agent.signedIn(w.app, await w.given.sessionCookie(manager)),
  }
}

test('the head manages categories and enters an expense; a bad form keeps what was typed', async (t) => {
  const w = await world(t)
  assert.equal((await w.head.get('/finance/expense-categories')).statusCode, 200)
  let res = await w.head.post('/finance/expense-categories', { name: 'Office', code: '52' })
  assert.equal(res.statusCode, 303)
  const office = await w.db.kysely.selectFrom('expense_categories').selectAll().executeTakeFirstOrThrow()
  res = await w.head.post('/finance/expense-categories', { name: 'Rent', parent_id: office.id })
  assert.equal(res.statusCode, 303)
  const page = await w.head.get('/finance/expense-categories')
  assert.match(page.body, /↳ Rent/)

  await w.head.get('/finance/expenses/new')
  res = await w.head.post('/finance/expenses', {
    date: '2026-05-02',
    amount: '12x',
    currency: 'EUR',
    category_id: office.id,
    counterparty: 'Landlord <b>Kft</b>',
    description: 'May rent',
  })
  assert.equal(res.statusCode, 422)
  assert.match(res.body, /value="Landlord (<|&lt;)b(>|&gt;)Kft/)
  assert.match(res.body, /May rent/)
  res = await w.head.post('/finance/expenses', {
    date: '2026-05-02',
    amount: '1,234.50',
    currency: 'EUR',
    category_id: office.id,
    counterparty: 'Landlord Kft',
    description: 'May rent',
  })
  assert.equal(res.statusCode, 303)
  const e = await w.db.kysely.selectFrom('expenses').selectAll().executeTakeFirstOrThrow()
  assert.equal(Number(e.amount_minor), 123_450)
  const list = await w.head.get('/finance/expenses?sort=amount&dir=desc')
  assert.equal(list.statusCode, 200)
  assert.match(list.body, /Landlord Kft/)
  const detail = await w.head.get(`/finance/expenses/${e.id}`)
  assert.equal(detail.statusCode, 200)
  res = await w.head.post(`/finance/expenses/${e.id}/reverse`, { reason: 'Wrong month' })
  assert.equal(res.statusCode, 303)
  const reversal = await w.db.kysely
    .selectFrom('expenses')
    .select('amount_minor')
    .where('reverses_expense_id', '=', e.id)
    .executeTakeFirstOrThrow()
  assert.equal(Number(reversal.amount_minor), -123_450)
})

test('managers reach none of the expense pages', async (t) => {
  const w = await world(t)
  for (const url of [
    '/finance/expenses',
    '/finance/expenses/new',
    '/finance/expense-categories',
    '/finance/income-categories',
  ]) {
    const res = await w.manager.get(url)
    assert.equal(res.statusCode, 403, url)
  }
})
