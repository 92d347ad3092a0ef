import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDate } from '../../../core/i18n/format.js'
import { EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../../core/ui/table.js'
import type { InvoiceView } from '../invoice.service.js'
import { InvoiceStatusBadge, money, STATUS_ORDER } from './invoice-bits.js'

/** Payment requests: the staff list (all clients in scope, overdue filter) or the client's own. */
export function InvoiceListPage(p: {
  pc: PageContext
  lq: ListQuery
  page: Page<InvoiceView>
  today: string
  mine: boolean
  canManage: boolean
}) {
  const { pc } = p
  const path = p.mine ? '/finance/invoices/mine' : '/finance/invoices'
  const columns: Column<InvoiceView>[] = [
    {
      key: 'number',
      label: pc.t('finance.number'),
      sortable: true,
      render: (i) => (
        <a href={`/finance/invoices/${encodeURIComponent(i.id)}`} safe>
          {i.number ?? pc.t('finance.status.draft')}
        </a>
      ),
    },
    ...(p.mine
      ? []
      : [
          {
            key: 'client',
            label: pc.t('finance.client'),
            sortable: true,
            render: (i: InvoiceView) => <span safe>{i.clientName}</span>,
          },
        ]),
    {
      key: 'kind',
      label: pc.t('finance.invoice_kind'),
      render: (i) => <span safe>{pc.t(`finance.invoice_kind.${i.kind}`)}</span>,
    },
    {
      key: 'issue_date',
      label: pc.t('finance.issue_date'),
      sortable: true,
      render: (i) => <span safe>{formatDate(pc.locale, i.issueDate)}</span>,
    },
    {
      key: 'due_date',
      label: pc.t('finance.due_date'),
      sortable: true,
      render: (i) => <span safe>{formatDate(pc.locale, i.dueDate)}</span>,
    },
    {
      key: 'total',
      label: pc.t('finance.total'),
      sortable: true,
      align: 'right',
      render: (i) => <span safe>{money(pc, i.totalMinor, i.currency)}</span>,
    },
    {
      key: 'paid',
      label: pc.t('finance.paid'),
      align: 'right',
      render: (i) => <span safe>{money(pc, i.paidMinor, i.currency)}</span>,
    },
    {
      key: 'status',
      label: pc.t('finance.status'),
      sortable: true,
      render: (i) => <InvoiceStatusBadge pc={pc} invoice={i} today={p.today} />,
    },
  ]
  const statuses = (p.mine ? STATUS_ORDER.filter((s) => s !== 'draft') : STATUS_ORDER).map((s) => ({
    value: s,
    label: pc.t(`finance.status.${s}`),
  }))
  const title = p.mine ? pc.t('finance.my_invoices_title') : pc.t('finance.invoices_title')
  return (
    <Layout
      pc={pc}
      title={title}
      width="wide"
      actions={
        p.canManage ? (
          <a class="btn btn-primary" href="/finance/invoices/new" safe>
            {pc.t('finance.invoice_new')}
          </a>
        ) : p.mine ? (
          <a class="btn btn-primary" href="/finance/top-up" safe>
            {pc.t('finance.top_up_title')}
          </a>
        ) : undefined
      }
    >
      <p class="muted" safe>
        {pc.t('finance.invoice_not_tax')}
      </p>
      <FilterBar pc={pc} path={path} target="invoices-table">
        <SearchInput pc={pc} value={p.lq.q} label={pc.t('finance.invoices_search')} />
        <FilterSelect
          name="status"
          label={pc.t('finance.status')}
          value={p.lq.params.status ?? ''}
          options={statuses}
          allLabel={pc.t('finance.all_statuses')}
        />
        <FilterSelect
          name="overdue"
          label={pc.t('finance.overdue')}
          value={p.lq.params.overdue ?? ''}
          options={[{ value: '1', label: pc.t('finance.overdue_only') }]}
          allLabel={pc.t('finance.all_statuses')}
        />
      </FilterBar>
      <DataTable
        pc={pc}
        id="invoices-table"
        path={path}
        lq={p.lq}
        columns={columns}
        rows={p.page.rows}
        total={p.page.total}
        caption={title}
        empty={
          <EmptyState
            title={pc.t('finance.invoices_empty')}
            hint={p.mine ? undefined : pc.t('finance.invoices_empty_hint')}
          />
        }
      />
    </Layout>
  )
}
