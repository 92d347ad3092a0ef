import type { ClientListColumn } from '../../core/module.js'
import { balancesFor } from './accounts.service.js'
import { BalanceCell } from './views/balance-cell.js'

/** The balance in the staff client list, linking to the client's ledger: one grouped SUM per page. */
export const financeClientColumns: ClientListColumn[] = [
  {
    key: 'balance',
    label: 'finance.balance',
    align: 'right',
    cells: async (ctx, pc, clientIds) => {
      const cells = new Map<string, JSX.Element>()
      if (!ctx.can('finance.read')) return cells
      const balances = await balancesFor(ctx, clientIds)
      for (const id of clientIds) {
        cells.set(
          id,
          <a href={`/finance/clients/${encodeURIComponent(id)}/ledger`}>
            <BalanceCell pc={pc} balances={balances.get(id) ?? []} />
          </a>,
        )
      }
      return cells
    },
  },
]
