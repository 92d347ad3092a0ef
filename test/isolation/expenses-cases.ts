import { Ctx } from '../../src/core/ctx.js'
import { recordExpense } from '../../src/modules/finance/index.js'
import type { IsolationCase, IsolationCases } from './world.js'

// Expenses are the company's, not a client's: their routes are the head's alone, so a client user
// and a manager (of any client) must be refused, and the head must find the record.
const system = (w: Parameters<IsolationCase>[0]) => Ctx.system(w.services, 'isolation test')

const anExpense: IsolationCase = async (w) => {
  const e = await recordExpense(system(w), {
    date: '2026-03-01',
    amountMinor: 10_000,
    currency: 'EUR',
    categoryId: null,
    counterparty: 'Landlord',
    description: 'Rent',
    source: 'manual',
  })
  return { params: { id: e.id } }
}

const categoryOf = (table: 'expense_categories' | 'income_categories'): IsolationCase => {
  return async (w) => {
    const id = `cat${Math.random().toString(36).slice(2, 12)}`
    await w.services.db.kysely
      .insertInto(table)
      .values({ id, name: `Category ${id}`, code: null, archived: 0, created_at: new Date().toISOString() })
      .execute()
    return { params: { id }, body: { name: 'Renamed', code: '', archived: '1' } }
  }
}

/** Id-taking routes of finance expenses and categories. */
export const expensesCases: IsolationCases = {
  'GET /finance/expenses/:id': anExpense,
  'POST /finance/expenses/:id/category': async (w) => ({ ...(await anExpense(w)), body: { category_id: '' } }),
  'POST /finance/expenses/:id/reverse': async (w) => ({ ...(await anExpense(w)), body: { reason: 'Wrong' } }),
  'POST /finance/expense-categories/:id': categoryOf('expense_categories'),
  'POST /finance/expense-categories/:id/archive': categoryOf('expense_categories'),
  'POST /finance/income-categories/:id': categoryOf('income_categories'),
  'POST /finance/income-categories/:id/archive': categoryOf('income_categories'),
}
