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
const sumOf = (col: string) => sql<string | number>`sum(${sql.ref(col)})`

/** A sum of one day, ledger kind (`expense` for expenses) and category. */
export interface DayRow {
  day: string
  kind: string
  category_id: string | null
  total: number
}

const toRows = (rows: { day: string; kind: string; category_id?: string | null; total: string | number }[]) =>
  rows.map((r) => ({ day: r.day, kind: r.kind, category_id: r.category_id ?? null, total: Number(r.total) }))

// Rows are grouped by day, not by month: the grouping then follows the index order (currency
// fixed, entry_date, kind, category_id), so the database aggregates while it scans instead of
// sorting a year of rows; a few thousand day rows are folded into months and periods in code.

/**
 * Income-side ledger sums per day, kind and income category over the given disjoint ranges
 * (see mergeRanges), reversals counted as their originals' kind and category: one statement.
 */
export async function incomeByDay(ctx: Ctx, currency: string, ranges: Range[], basis: Basis): Promise<DayRow[]> {
  const kinds = [...INCOME_KINDS[basis]] as EntryKind[]
  const arms = ranges.flatMap((r) => [
    ctx.db
      .selectFrom('ledger_entries')
      .select([
        'ledger_entries.entry_date as day',
        'ledger_entries.kind',
        'ledger_entries.category_id',
        sumOf('ledger_entries.amount_minor').as('total'),
      ])
      .where('ledger_entries.currency', '=', currency)
      .where('ledger_entries.entry_date', '>=', r.from)
      .where('ledger_entries.entry_date', '<=', r.to)
      .where('ledger_entries.kind', 'in', kinds)
      .groupBy(['ledger_entries.entry_date', 'ledger_entries.kind', 'ledger_entries.category_id']),
    // The literal 'reversal' (not a parameter) lets SQLite use the partial index of reversals.
    ctx.db
      .selectFrom('ledger_entries')
      .innerJoin('ledger_entries as o', 'o.id', 'ledger_entries.reverses_entry_id')
      .select([
        'ledger_entries.entry_date as day',
        'o.kind as kind',
        'o.category_id as category_id',
        sumOf('ledger_entries.amount_minor').as('total'),
      ])
      .where('ledger_entries.currency', '=', currency)
      .where('ledger_entries.entry_date', '>=', r.from)
      .where('ledger_entries.entry_date', '<=', r.to)
      .where(sql<SqlBool>`${le('kind')} = 'reversal'`)
      .where('o.kind', 'in', kinds)
      .groupBy(['ledger_entries.entry_date', 'o.kind', 'o.category_id']),
  ])
  const [first, ...rest] = arms
  if (!first) return []
  return toRows(await rest.reduce((q, arm) => q.unionAll(arm as never), first).execute())
}

/** Expense sums per day and category over disjoint ranges (a reversal is a negative row in its original's category). */
export async function expensesByDay(ctx: Ctx, currency: string, ranges: Range[]): Promise<DayRow[]> {
  const arms = ranges.map((r) =>
    ctx.db
      .selectFrom('expenses')
      .select([
        'expenses.expense_date as day',
        sql<string>`'expense'`.as('kind'),
        'expenses.category_id',
        sumOf('expenses.amount_minor').as('total'),
      ])
      .where('expenses.currency', '=', currency)
      .where('expenses.expense_date', '>=', r.from)
      .where('expenses.expense_date', '<=', r.to)
      .groupBy(['expenses.expense_date', 'expenses.category_id']),
  )
  const [first, ...rest] = arms
  if (!first) return []
  return toRows(await rest.reduce((q, arm) => q.unionAll(arm as never), first).execute())
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
