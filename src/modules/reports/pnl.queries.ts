import { type Expression, type SqlBool, sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import type { EntryKind } from '../finance/index.js'
import type { Range } from './periods.js'

// Every figure of the P&L is a GROUP BY over an index: ledger entries by (currency, entry_date,
// kind, category_id, client_id, amount_minor), expenses by (currency, expense_date, category_id,
// amount_minor). A reversal carries kind 'reversal'; it counts as its original's kind and category,
// in the period of the reversal's own date.

export type Basis = 'accrual' | 'cash'
export const BASES: readonly Basis[] = ['accrual', 'cash']

/** Ledger kinds that make income: charges (and credit notes against them) on accrual, money received on cash. */
export const INCOME_KINDS: Record<Basis, readonly string[]> = {
  accrual: ['shipment', 'service', 'fee', 'credit_note'],
  cash: ['payment', 'top_up'],
}
/** Income is the negated sum of charges (negative entries) on accrual, the plain sum of receipts on cash. */
export const INCOME_SIGN: Record<Basis, number> = { accrual: -1, cash: 1 }

const le = (c: string) => sql.ref(`ledger_entries.${c}`)
const monthOf = (col: string) => sql<string>`substr(${sql.ref(col)}, 1, 7)`
const sumOf = (col: string) => sql<string | number>`sum(${sql.ref(col)})`

export interface MonthRow {
  month: string
  kind: string
  category_id: string | null
  total: number
}

const toRows = (rows: { month: string; kind: string; category_id: string | null; total: string | number }[]) =>
  rows.map((r) => ({ ...r, total: Number(r.total) }))

/** Income-side ledger sums per month, kind and income category (reversals as their originals). */
export async function incomeByMonth(ctx: Ctx, currency: string, r: Range, basis: Basis): Promise<MonthRow[]> {
  const kinds = [...INCOME_KINDS[basis]] as EntryKind[]
  const direct = await ctx.db
    .selectFrom('ledger_entries')
    .select([
      monthOf('ledger_entries.entry_date').as('month'),
      'ledger_entries.kind',
      'ledger_entries.category_id',
      sumOf('ledger_entries.amount_minor').as('total'),
    ])
    .where('ledger_entries.currency', '=', currency)
    .where('ledger_entries.entry_date', '>=', r.from)
    .where('ledger_entries.entry_date', '<=', r.to)
    .where('ledger_entries.kind', 'in', kinds)
    .groupBy([monthOf('ledger_entries.entry_date'), 'ledger_entries.kind', 'ledger_entries.category_id'])
    .execute()
  const reversed = await ctx.db
    .selectFrom('ledger_entries')
    .innerJoin('ledger_entries as o', 'o.id', 'ledger_entries.reverses_entry_id')
    .select([
      monthOf('ledger_entries.entry_date').as('month'),
      'o.kind as kind',
      'o.category_id as category_id',
      sumOf('ledger_entries.amount_minor').as('total'),
    ])
    .where('ledger_entries.currency', '=', currency)
    .where('ledger_entries.entry_date', '>=', r.from)
    .where('ledger_entries.entry_date', '<=', r.to)
    .where('ledger_entries.kind', '=', 'reversal')
    .where('o.kind', 'in', kinds)
    .groupBy([monthOf('ledger_entries.entry_date'), 'o.kind', 'o.category_id'])
    .execute()
  return toRows([...direct, ...reversed] as never)
}

/** Expense sums per month and category (reversals are negative rows in their original's category). */
export async function expensesByMonth(ctx: Ctx, currency: string, r: Range): Promise<MonthRow[]> {
  const rows = await ctx.db
    .selectFrom('expenses')
    .select([
      monthOf('expenses.expense_date').as('month'),
      'expenses.category_id',
      sumOf('expenses.amount_minor').as('total'),
    ])
    .where('expenses.currency', '=', currency)
    .where('expenses.expense_date', '>=', r.from)
    .where('expenses.expense_date', '<=', r.to)
    .groupBy([monthOf('expenses.expense_date'), 'expenses.category_id'])
    .execute()
  return rows.map((x) => ({ month: x.month, kind: 'expense', category_id: x.category_id, total: Number(x.total) }))
}

/** What an income line of the P&L holds: one ledger kind, and for services one category (null = none). */
export interface IncomeSelector {
  kinds: readonly string[]
  /** undefined: any category; null: uncategorised; a string: that category. */
  categoryId?: string | null
}

const categoryCond = (ref: string, categoryId: string | null | undefined): Expression<SqlBool> | null =>
  categoryId === undefined
    ? null
    : categoryId === null
      ? sql<SqlBool>`${sql.ref(ref)} is null`
      : sql<SqlBool>`${sql.ref(ref)} = ${categoryId}`

/**
 * Entries of an income selection: the entries of those kinds, and the reversals of such entries
 * (found through the reversal's link, so a reversal follows its original's kind and category).
 */
export function incomeSelection(sel: IncomeSelector): Expression<SqlBool> {
  const kinds = sql.join(sel.kinds.map((k) => sql`${k}`))
  const own = categoryCond('ledger_entries.category_id', sel.categoryId)
  const orig = categoryCond('o.category_id', sel.categoryId)
  return sql<SqlBool>`((${le('kind')} in (${kinds})${own ? sql` and ${own}` : sql``}) or (${le(
    'kind',
  )} = 'reversal' and exists (select 1 from ledger_entries o where o.id = ${le('reverses_entry_id')} and o.kind in (${kinds})${
    orig ? sql` and ${orig}` : sql``
  })))`
}

/** Income per client over a range (sign-adjusted), best first, one page; with the client's name and manager. */
export async function incomeByClient(
  ctx: Ctx,
  currency: string,
  r: Range,
  basis: Basis,
  page: { limit: number; offset: number; managerId?: string | null },
) {
  const income = sql<string | number>`${INCOME_SIGN[basis]} * sum(${le('amount_minor')})`
  let q = ctx.db
    .selectFrom('ledger_entries')
    .innerJoin('clients', 'clients.id', 'ledger_entries.client_id')
    .where('ledger_entries.currency', '=', currency)
    .where('ledger_entries.entry_date', '>=', r.from)
    .where('ledger_entries.entry_date', '<=', r.to)
    .where(incomeSelection({ kinds: INCOME_KINDS[basis] }))
  if (page.managerId === null) q = q.where('clients.manager_id', 'is', null)
  else if (page.managerId) q = q.where('clients.manager_id', '=', page.managerId)
  const totalRow = await q
    .select([
      sql<number>`count(distinct ${le('client_id')})`.as('n'),
      sql<string | number>`sum(${le('amount_minor')})`.as('s'),
    ])
    .executeTakeFirst()
  const rows = await q
    .select(['ledger_entries.client_id', 'clients.name', 'clients.manager_id', income.as('income')])
    .groupBy(['ledger_entries.client_id', 'clients.name', 'clients.manager_id'])
    .orderBy(income, 'desc')
    .orderBy('ledger_entries.client_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return {
    total: Number(totalRow?.n ?? 0),
    sum: INCOME_SIGN[basis] * Number(totalRow?.s ?? 0),
    rows: rows.map((x) => ({
      clientId: x.client_id,
      name: x.name,
      managerId: x.manager_id,
      incomeMinor: Number(x.income),
    })),
  }
}

/** Income per manager of the client (null: clients without a manager) over a range, best first. */
export async function incomeByManager(ctx: Ctx, currency: string, r: Range, basis: Basis) {
  const income = sql<string | number>`${INCOME_SIGN[basis]} * sum(${le('amount_minor')})`
  const rows = await ctx.db
    .selectFrom('ledger_entries')
    .innerJoin('clients', 'clients.id', 'ledger_entries.client_id')
    .leftJoin('users', 'users.id', 'clients.manager_id')
    .select([
      'clients.manager_id',
      'users.name',
      income.as('income'),
      sql<number>`count(distinct ${le('client_id')})`.as('clients'),
    ])
    .where('ledger_entries.currency', '=', currency)
    .where('ledger_entries.entry_date', '>=', r.from)
    .where('ledger_entries.entry_date', '<=', r.to)
    .where(incomeSelection({ kinds: INCOME_KINDS[basis] }))
    .groupBy(['clients.manager_id', 'users.name'])
    .orderBy(income, 'desc')
    .execute()
  return rows.map((x) => ({
    managerId: x.manager_id,
    name: x.name,
    incomeMinor: Number(x.income),
    clients: Number(x.clients),
  }))
}
