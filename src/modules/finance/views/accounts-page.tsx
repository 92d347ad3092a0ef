import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, SearchInput } from '../../../core/ui/table.js'
import type { AccountRow } from '../accounts.service.js'
import { BalanceCell } from './balance-cell.js'

/** Staff: the clients in scope with their balances, each linking to its account (ledger). */
export function AccountsPage({ pc, lq, page }: { pc: PageContext; lq: ListQuery; page: Page<AccountRow> }) {
  const columns: Column<AccountRow>[] = [
    {
      key: 'name',
      label: pc.t('finance.client'),
      sortable: true,
      render: (a) => (
        <a href={`/finance/clients/${encodeURIComponent(a.clientId)}/ledger`} safe>
          {a.clientName}
        </a>
      ),
    },
    {
      key: 'balance',
      label: pc.t('finance.balance'),
      align: 'right',
      render: (a) => <BalanceCell pc={pc} balances={a.balances} />,
    },
  ]
  return (
    <Layout pc={pc} title={pc.t('finance.accounts_title')} width="wide">
      <p class="muted" safe>
        {pc.t('finance.accounts_hint')}
      </p>
      <FilterBar pc={pc} path="/finance/clients" target="accounts-table">
        <SearchInput pc={pc} value={lq.q} label={pc.t('finance.accounts_search')} />
      </FilterBar>
      <DataTable
        pc={pc}
        id="accounts-table"
        path="/finance/clients"
        lq={lq}
        columns={columns}
        rows={page.rows}
        total={page.total}
        caption={pc.t('finance.accounts_title')}
        empty={<EmptyState title={pc.t('list.no_results')} />}
      />
    </Layout>
  )
}
