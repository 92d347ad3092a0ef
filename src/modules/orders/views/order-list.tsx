import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../../core/ui/table.js'
import type { Workflow } from '../order-workflow.js'
import type { OrderView } from '../orders.service.js'
import { DateRange, dateText, OrderStatusBadge, orderTotalText, statusOptions, ViewTabs } from './order-bits.js'

export interface OrderListProps {
  pc: PageContext
  lq: ListQuery
  page: Page<OrderView>
  view: 'current' | 'archive'
  workflow: Workflow
  /** Clients for the filter; null when the book is too large for a select (the `client` parameter still works). */
  clients: { id: string; name: string }[] | null
  canManage: boolean
}

/** Staff orders: current or archive, searchable by number and item, filtered by status, client and dates. */
export function OrderListPage({ pc, lq, page, view, workflow, clients, canManage }: OrderListProps) {
  const p = lq.params
  const filtered = Boolean(lq.q || p.status || p.client || p.from || p.to)
  const newHref = p.client ? `/orders/new?client=${encodeURIComponent(p.client)}` : '/orders/new'
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
      key: 'client',
      label: pc.t('orders.client'),
      sortable: true,
      render: (o) => (
        <a href={`/clients/${encodeURIComponent(o.clientId)}`} safe>
          {o.clientName}
        </a>
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
      key: 'desired_date',
      label: pc.t('orders.desired_short'),
      sortable: true,
      render: (o) => (
        <span class="nowrap" safe>
          {dateText(pc, o.desiredDate)}
        </span>
      ),
    },
  ]
  return (
    <Layout
      pc={pc}
      title={pc.t('orders.title')}
      width="wide"
      actions={
        canManage ? (
          <a class="btn btn-primary" href={newHref} safe>
            {pc.t('orders.new')}
          </a>
        ) : (
          ''
        )
      }
    >
      <ViewTabs pc={pc} path="/orders" view={view} keep={p} />
      <FilterBar pc={pc} path="/orders" target="orders-table">
        {view === 'archive' ? <input type="hidden" name="view" value="archive" /> : ''}
        <SearchInput pc={pc} value={lq.q} label={pc.t('orders.search')} />
        <FilterSelect
          name="status"
          label={pc.t('orders.status')}
          value={p.status ?? ''}
          options={statusOptions(pc, workflow, view === 'current')}
          allLabel={pc.t('orders.all_statuses')}
        />
        {clients ? (
          <FilterSelect
            name="client"
            label={pc.t('orders.client')}
            value={p.client ?? ''}
            options={clients.map((c) => ({ value: c.id, label: c.name }))}
            allLabel={pc.t('orders.all_clients')}
          />
        ) : p.client ? (
          <input type="hidden" name="client" value={p.client} />
        ) : (
          ''
        )}
        <DateRange pc={pc} from={p.from ?? ''} to={p.to ?? ''} />
      </FilterBar>
      <DataTable
        pc={pc}
        id="orders-table"
        path="/orders"
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
                <a class="btn" href={view === 'archive' ? '/orders?view=archive' : '/orders'} safe>
                  {pc.t('list.all')}
                </a>
              }
            />
          ) : (
            <EmptyState
              title={pc.t(view === 'archive' ? 'orders.archive_empty' : 'orders.empty')}
              hint={view === 'archive' ? undefined : pc.t('orders.empty_hint')}
              action={
                canManage && view === 'current' ? (
                  <a class="btn btn-primary" href={newHref} safe>
                    {pc.t('orders.new')}
                  </a>
                ) : undefined
              }
            />
          )
        }
      />
    </Layout>
  )
}
