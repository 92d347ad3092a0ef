import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDateTime } from '../../../core/i18n/format.js'
import { EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../../core/ui/table.js'
import type { RequestView } from '../support.service.js'
import { StatusBadge, statusOptions } from './support-bits.js'

/** A client user's requests (its company's, or only its own where the company keeps them personal). */
export function MyRequestsPage({ pc, lq, page }: { pc: PageContext; lq: ListQuery; page: Page<RequestView> }) {
  const columns: Column<RequestView>[] = [
    {
      key: 'number',
      label: pc.t('support.number_subject'),
      sortable: true,
      render: (r) => (
        <>
          <a href={`/support/${encodeURIComponent(r.id)}`} safe>
            {r.number}
          </a>
          <div class="muted" safe>
            {r.subject}
          </div>
        </>
      ),
    },
    { key: 'category', label: pc.t('support.category'), render: (r) => <span safe>{r.categoryName || '—'}</span> },
    {
      key: 'status',
      label: pc.t('support.status'),
      sortable: true,
      render: (r) => <StatusBadge pc={pc} status={r.status} />,
    },
    {
      key: 'created_at',
      label: pc.t('support.opened'),
      sortable: true,
      render: (r) => (
        <span class="nowrap" safe>
          {formatDateTime(pc.locale, r.createdAt, pc.timeZone)}
        </span>
      ),
    },
    {
      key: 'updated',
      label: pc.t('support.last_activity'),
      sortable: true,
      render: (r) => (
        <span class="nowrap" safe>
          {formatDateTime(pc.locale, r.lastMessageAt, pc.timeZone)}
        </span>
      ),
    },
  ]
  const newButton = (
    <a class="btn btn-primary" href="/support/new" safe>
      {pc.t('support.new')}
    </a>
  )
  return (
    <Layout pc={pc} title={pc.t('support.my_title')} actions={newButton}>
      <FilterBar pc={pc} path="/support/mine" target="my-requests">
        <SearchInput pc={pc} value={lq.q} label={pc.t('support.search')} />
        <FilterSelect
          name="status"
          label={pc.t('support.status')}
          value={lq.params.status ?? ''}
          options={[...statusOptions(pc), { value: 'all', label: pc.t('support.any_status') }]}
          allLabel={pc.t('support.open_statuses')}
        />
      </FilterBar>
      <DataTable
        pc={pc}
        id="my-requests"
        path="/support/mine"
        lq={lq}
        columns={columns}
        rows={page.rows}
        total={page.total}
        caption={pc.t('support.my_title')}
        empty={<EmptyState title={pc.t('support.my_empty')} hint={pc.t('support.my_empty_hint')} action={newButton} />}
      />
    </Layout>
  )
}
