import type { Ctx } from '../../core/ctx.js'
import type { PageContext } from '../../core/ui/page-context.js'
import { clientBalances } from './ledger.service.js'
import { FinanceClientDashboard } from './views/finance-dashboard.js'

/** The client's home block: its balance per currency (only with the finance area open to the user). */
export async function financeDashboard(ctx: Ctx, pc: PageContext): Promise<JSX.Element> {
  const clientId = ctx.actor?.clientId
  if (ctx.actor?.role !== 'client' || !clientId || !ctx.can('finance.client')) return ''
  const balances = await clientBalances(ctx, clientId)
  if (balances.length === 0) return ''
  return <FinanceClientDashboard pc={pc} balances={balances} />
}
