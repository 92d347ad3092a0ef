import type { Ctx } from '../../core/ctx.js'
import { parseListQuery } from '../../core/http/list-query.js'
import type { PageContext } from '../../core/ui/page-context.js'
import { companyToday } from './finance-settings.js'
import { listInvoices, unpaidSummary } from './invoice.service.js'
import { clientBalances } from './ledger.service.js'
import { FinanceClientDashboard, OverdueDashboard } from './views/finance-dashboard.js'

/**
 * Home blocks: a client user with the finance area sees its balance and unpaid payment requests;
 * the head sees the overdue payment requests of every client.
 */
export async function financeDashboard(ctx: Ctx, pc: PageContext): Promise<JSX.Element> {
  const clientId = ctx.actor?.clientId
  if (ctx.actor?.role === 'client') {
    if (!clientId || !ctx.can('finance.client')) return ''
    const balances = await clientBalances(ctx, clientId)
    const unpaid = await unpaidSummary(ctx, clientId)
    if (balances.length === 0 && unpaid.length === 0) return ''
    return <FinanceClientDashboard pc={pc} balances={balances} unpaid={unpaid} />
  }
  if (ctx.actor?.role !== 'head' || !ctx.can('finance.read')) return ''
  const lq = parseListQuery({ per: '5' }, { sortable: ['due_date'], defaultSort: 'due_date', defaultDir: 'asc' })
  const overdue = await listInvoices(ctx, lq, { overdue: true })
  return <OverdueDashboard pc={pc} overdue={overdue.rows} total={overdue.total} today={await companyToday(ctx)} />
}
