import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import { dateInZone } from '../../core/i18n/format.js'
import type { PageContext } from '../../core/ui/page-context.js'
import { countOverdueRequests } from '../support/index.js'
import { presetRange } from './periods.js'
import { expensesByDay, INCOME_SIGN, incomeByDay } from './pnl.queries.js'
import { REPORTS } from './pnl.service.js'
import { HeadDashboard, type KeyFigures } from './views/head-dashboard.js'

/** This month against last month (income on accrual, expenses, result), client debt and what is overdue. */
export async function keyFigures(ctx: Ctx, now: Date = new Date()): Promise<KeyFigures> {
  const company = await ctx.services.settings.get('company')
  const currency = company.defaultCurrency
  const today = dateInZone(now, company.timeZone)
  const cur = presetRange('this_month', today)
  const last = presetRange('last_month', today)
  const range = { from: last.from, to: cur.to }
  const income = await incomeByDay(ctx, currency, [range], 'accrual')
  const expenses = await expensesByDay(ctx, currency, [range])
  const sumFor = (rows: { day: string; total: number }[], month: string, sign: number) =>
    rows.filter((r) => r.day.startsWith(month)).reduce((s, r) => s + sign * r.total, 0)
  const m = (r: { from: string }) => r.from.slice(0, 7)
  // Debt: the sum of the negative balances (clients in credit do not offset those who owe).
  const debts = await ctx.db
    .selectFrom('ledger_entries')
    .select(sql<string | number>`sum(${sql.ref('ledger_entries.amount_minor')})`.as('balance'))
    .where('ledger_entries.currency', '=', currency)
    .groupBy('ledger_entries.client_id')
    .having(sql<boolean>`sum(${sql.ref('ledger_entries.amount_minor')}) < 0`)
    .execute()
  const debtMinor = debts.reduce((s, d) => s - Number(d.balance), 0)
  const overdueInvoices = await ctx.db
    .selectFrom('invoices')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<string | number>`coalesce(sum(${sql.ref('invoices.total_minor')} - ${sql.ref('invoices.paid_minor')}), 0)`.as(
        'due',
      ),
    ])
    .where('invoices.status', 'in', ['issued', 'partially_paid'])
    .where('invoices.due_date', '<', today)
    .where('invoices.currency', '=', currency)
    .executeTakeFirst()
  const support = ctx.services.isEnabled('support') ? await countOverdueRequests(ctx, now.toISOString()) : null
  const inc = { cur: sumFor(income, m(cur), INCOME_SIGN.accrual), last: sumFor(income, m(last), INCOME_SIGN.accrual) }
  const exp = { cur: sumFor(expenses, m(cur), 1), last: sumFor(expenses, m(last), 1) }
  return {
    currency,
    thisMonth: cur,
    lastMonth: last,
    income: inc,
    expenses: exp,
    result: { cur: inc.cur - exp.cur, last: inc.last - exp.last },
    debtMinor,
    overdueInvoices: Number(overdueInvoices?.n ?? 0),
    overdueInvoicesMinor: Number(overdueInvoices?.due ?? 0),
    overdueRequests: support,
  }
}

/** The head's home block; nothing for anyone else. */
export async function reportsDashboard(ctx: Ctx, pc: PageContext): Promise<JSX.Element> {
  if (!ctx.can(REPORTS)) return ''
  return <HeadDashboard pc={pc} k={await keyFigures(ctx)} />
}
