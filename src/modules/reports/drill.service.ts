import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import { ValidationError } from '../../core/errors.js'
import { fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import type { Range } from './periods.js'
import { type Basis, INCOME_KINDS, type IncomeSelector, incomeSelection } from './pnl.queries.js'
import { checkParams, REPORTS } from './pnl.service.js'

export interface DrillParams extends Range {
  line: string
  basis: Basis
  currency: string
  clientId?: string
}

export interface DrillRow {
  id: string
  date: string
  amountMinor: number
  currency: string
  /** Ledger kind (a reversal says so) or `expense`. */
  kind: string
  description: string
  /** Client name (income) or counterparty (expenses). */
  party: string | null
  href: string | null
}

const SERVICE = /^svc:(.+)$/
const EXPENSE = /^exp(p?):(.+)$/

/** The ledger kinds and category a line key selects, or null for an expense line. */
export function incomeSelector(line: string, basis: Basis): IncomeSelector | null {
  const simple: Record<string, string> = {
    goods: 'shipment',
    fee: 'fee',
    credit: 'credit_note',
    payment: 'payment',
    top_up: 'top_up',
  }
  if (line === 'income') return { kinds: INCOME_KINDS[basis] }
  if (simple[line]) return { kinds: [simple[line] as string] }
  const m = SERVICE.exec(line)
  if (m) return { kinds: ['service'], categoryId: m[1] === 'none' ? null : m[1] }
  return null
}

/**
 * The entries behind one cell of the P&L: ledger entries (with reversals of matching entries) for
 * an income line, expenses for an expense line; one sorted page.
 */
export async function drillEntries(
  ctx: Ctx,
  p: DrillParams,
  lq: ListQuery,
): Promise<Page<DrillRow> & { side: 'income' | 'expense' }> {
  ctx.require(REPORTS)
  checkParams({ ...p, group: 'month' })
  const sel = incomeSelector(p.line, p.basis)
  if (sel) {
    let q = ctx.db
      .selectFrom('ledger_entries')
      .innerJoin('clients', 'clients.id', 'ledger_entries.client_id')
      .select([
        'ledger_entries.id',
        'ledger_entries.entry_date',
        'ledger_entries.amount_minor',
        'ledger_entries.currency',
        'ledger_entries.kind',
        'ledger_entries.description',
        'ledger_entries.client_id',
        'clients.name',
      ])
      .where('ledger_entries.currency', '=', p.currency)
      .where('ledger_entries.entry_date', '>=', p.from)
      .where('ledger_entries.entry_date', '<=', p.to)
      .where(incomeSelection(sel))
    if (p.clientId) q = q.where('ledger_entries.client_id', '=', p.clientId)
    const page = await fetchPage(
      q,
      lq,
      { date: 'ledger_entries.entry_date', amount: 'ledger_entries.amount_minor' },
      'ledger_entries.id',
    )
    return {
      ...page,
      side: 'income',
      rows: page.rows.map((r) => ({
        id: r.id,
        date: r.entry_date,
        amountMinor: Number(r.amount_minor),
        currency: r.currency,
        kind: r.kind,
        description: r.description,
        party: r.name,
        href: `/finance/clients/${encodeURIComponent(r.client_id)}/ledger?currency=${r.currency}&from=${r.entry_date}&to=${r.entry_date}`,
      })),
    }
  }
  const m = EXPENSE.exec(p.line)
  if (!m && p.line !== 'expense') throw new ValidationError({ line: 'form.invalid_choice' })
  let q = ctx.db
    .selectFrom('expenses')
    .select([
      'expenses.id',
      'expenses.expense_date',
      'expenses.amount_minor',
      'expenses.currency',
      'expenses.description',
      'expenses.counterparty',
      'expenses.reverses_expense_id',
    ])
    .where('expenses.currency', '=', p.currency)
    .where('expenses.expense_date', '>=', p.from)
    .where('expenses.expense_date', '<=', p.to)
  if (m?.[2] === 'none') q = q.where('expenses.category_id', 'is', null)
  else if (m && m[1] === 'p') {
    const id = m[2] as string
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
  } else if (m) q = q.where('expenses.category_id', '=', m[2] as string)
  const page = await fetchPage(q, lq, { date: 'expenses.expense_date', amount: 'expenses.amount_minor' }, 'expenses.id')
  return {
    ...page,
    side: 'expense',
    rows: page.rows.map((r) => ({
      id: r.id,
      date: r.expense_date,
      amountMinor: Number(r.amount_minor),
      currency: r.currency,
      kind: r.reverses_expense_id ? 'reversal' : 'expense',
      description: r.description,
      party: r.counterparty,
      href: `/finance/expenses/${encodeURIComponent(r.id)}`,
    })),
  }
}
