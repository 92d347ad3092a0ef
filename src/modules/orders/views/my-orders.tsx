import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../../core/ui/table.js'
import type { Workflow } from '../order-workflow.js'
import type { OrderView } from '../orders.service.js'
import { DateRange, dateText, OrderStatusBadge, orderTotalText, statusOptions, ViewTabs } from './order-bits.js'

export interface MyOrdersProps {
  pc: PageContext
  lq: ListQuery
  page: Page<OrderView>
  view: 'current' | 'archive'
  workflow: Workflow
  /** The company lets client users place orders. */
  mayOrder: boolean
}

/** A client user's own orders: current ones with their live status, or the archive. */
export function MyOrdersPage({ pc, lq, page, view, workflow, mayOrder }: MyOrdersProps) {
  const p = lq.params
  const filtered = Boolean(lq.q || p.status || p.from || p.to)
  const path = '/orders/mine'
  const columns: Column<OrderView>[] = [
    {
      key: 'number',
      label: pc.t('orders.number'),
      sortable: true,
      render: (o) => (
        <a class="nowrap" href={`/orders/${encodeURIComponent(o.id)}`} safe>
          {o.number}
        </a>
      ),
    },
    {
      key: 'status',
      label: pc.t('orders.status'),
      sortable: true,
      render: (o) => <OrderStatusBadge pc={pc} w={workflow} status={o.status} />,
    },
    {
      key: 'total',
      label: pc.t('orders.total'),
      sortable: true,
      align: 'right',
      render: (o) => (
        <span class="nowrap" safe>
          {orderTotalText(pc, o)}
        </span>
      ),
    },
    {
      key: 'order_date',
      label: pc.t('orders.order_date'),
      sortable: true,
      render: (o) => (
        <span class="nowrap" safe>
          {dateText(pc, o.orderDate)}
        </span>
      ),
    },
    {
      key: 'desired_date',
      label: pc.t('orders.desired_short'),
      sortable: true,
      render: (o) => (
        <span class="nowrap" safe>
          {dateText(pc, o.desiredDate)}
        </span>
      ),
    },
    {
      key: 'items',
      label: pc.t('orders.items'),
      align: 'right',
      render: (o) => <span safe>{String(o.lineCount)}</span>,
    },
  ]
  const newButton = mayOrder ? (
    <a class="btn btn-primary" href="/orders/mine/new" safe>
      {pc.t('orders.place')}
    </a>
  ) : undefined
  return (
    <Layout pc={pc} title={pc.t('orders.mine_title')} width="wide" actions={newButton ?? ''}>
      <ViewTabs pc={pc} path={path} view={view} keep={p} />
      <FilterBar pc={pc} path={path} target="my-orders-table">
        {view === 'archive' ? <input type="hidden" name="view" value="archive" /> : ''}
        <SearchInput pc={pc} value={lq.q} label={pc.t('orders.search')} />
        <FilterSelect
          name="status"
          label={pc.t('orders.status')}
          value={p.status ?? ''}
          options={statusOptions(pc, workflow, view === 'current')}
          allLabel={pc.t('orders.all_statuses')}
        />
        <DateRange pc={pc} from={p.from ?? ''} to={p.to ?? ''} />
      </FilterBar>
      <DataTable
        pc={pc}
        id="my-orders-table"
        path={path}
        lq={lq}
        columns={columns}
        rows={page.rows}
        total={page.total}
        caption={pc.t(`orders.view.${view}`)}
        empty={
          filtered ? (
            <EmptyState
              title={pc.t('list.no_results')}
              hint={pc.t('list.clear_filters')}
              action={
                <a class="btn" href={view === 'archive' ? `${path}?view=archive` : path} safe>
                  {pc.t('list.all')}
                </a>
              }
            />
          ) : (
            <EmptyState
              title={pc.t(view === 'archive' ? 'orders.mine_archive_empty' : 'orders.mine_empty')}
              hint={
                view === 'current'
                  ? pc.t(mayOrder ? 'orders.mine_empty_hint_order' : 'orders.mine_empty_hint')
                  : undefined
              }
              action={view === 'current' ? newButton : undefined}
            />
          )
        }
      />
    </Layout>
  )
}
