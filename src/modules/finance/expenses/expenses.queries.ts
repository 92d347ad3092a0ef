import { sql } from 'kysely'
import type { Ctx } from '../../../core/ctx.js'
import { containsText } from '../../../core/http/list-query.js'

export interface ExpenseFilters {
  q?: string
  /** A category id; `none` for uncategorised; a parent id takes its children too. */
  category?: string
  source?: string
  currency?: string
  from?: string
  to?: string
}

export const SORT_COLUMNS: Record<string, string> = {
  date: 'expenses.expense_date',
  amount: 'expenses.amount_minor',
  counterparty: 'expenses.counterparty',
}

/** One expense by id, by the importer's key, or the reversal of an id. */
export function findExpense(ctx: Ctx, by: { id?: string; sourceRef?: string; reverses?: string }) {
  let q = ctx.db.selectFrom('expenses').selectAll('expenses')
  if (by.id) q = q.where('expenses.id', '=', by.id)
  if (by.sourceRef) q = q.where('expenses.source_ref', '=', by.sourceRef)
  if (by.reverses) q = q.where('expenses.reverses_expense_id', '=', by.reverses)
  return q.executeTakeFirst()
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Expenses with their category names and reversal, filtered (every filter on an indexed column or a text search). */
export function expensesQuery(ctx: Ctx, f: ExpenseFilters) {
  let q = ctx.db
    .selectFrom('expenses')
    .leftJoin('expense_categories as cat', 'cat.id', 'expenses.category_id')
    .leftJoin('expense_categories as parent', 'parent.id', 'cat.parent_id')
    .leftJoin('expenses as rev', 'rev.reverses_expense_id', 'expenses.id')
    .selectAll('expenses')
    .select(['cat.name as category_name', 'parent.name as parent_name', 'rev.id as reversed_by_id'])
  if (f.q) {
    const text = f.q
    q = q.where((eb) =>
      eb.or([containsText('expenses.counterparty', text), containsText('expenses.description', text)]),
    )
  }
  if (f.category === 'none') q = q.where('expenses.category_id', 'is', null)
  else if (f.category) {
    const id = f.category
    q = q.where((eb) =>
      eb.or([
        eb('expenses.category_id', '=', id),
        eb(
          'expenses.category_id',
          'in',
          sql<string>`(select c.id from expense_categories c where c.parent_id = ${id})`,
        ),
      ]),
    )
  }
  if (f.source === 'manual' || f.source === 'bank') q = q.where('expenses.source', '=', f.source)
  if (f.currency && /^[A-Z]{3}$/.test(f.currency)) q = q.where('expenses.currency', '=', f.currency)
  if (f.from && DATE.test(f.from)) q = q.where('expenses.expense_date', '>=', f.from)
  if (f.to && DATE.test(f.to)) q = q.where('expenses.expense_date', '<=', f.to)
  return q
}
