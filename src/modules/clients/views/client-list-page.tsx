import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatNumber } from '../../../core/i18n/format.js'
import { EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, listHref, SearchInput } from '../../../core/ui/table.js'
import { CLIENT_STATUSES } from '../clients.constants.js'
import type { ClientListRow, ManagerOption } from '../clients.queries.js'
import { StatusBadge } from './client-bits.js'

export interface ClientListPageProps {
  pc: PageContext
  lq: ListQuery
  page: Page<ClientListRow>
  groups: string[]
  /** Offered in the manager filter; empty for a manager who sees only its own clients. */
  managers: ManagerOption[]
  canManage: boolean
  /** Columns of other enabled modules (the finance balance), already filled for this page. */
  moduleColumns?: Column<ClientListRow>[]
}

const TABLE_ID = 'clients-table'

/** The client list: search, status/group/manager filters, sortable columns, counts, export and import. */
export function ClientListPage({ pc, lq, page, groups, managers, canManage, moduleColumns = [] }: ClientListPageProps) {
  const n = (v: number | null | undefined) => formatNumber(pc.locale, Number(v ?? 0))
  const columns: Column<ClientListRow>[] = [
    {
      key: 'name',
      label: pc.t('clients.col.client'),
      sortable: true,
      render: (r) => (
        <>
          <a href={`/clients/${r.id}`} safe>
            {r.short_name || r.name}
          </a>
          {r.short_name && !r.name.startsWith(r.short_name) ? (
            <>
              <br />
              <span class="muted" safe>
                {r.name}
              </span>
            </>
          ) : (
            ''
          )}
          {/* The tax number under the name rather than in a column of its own: the table fits at 1280 px. */}
          {r.tax_id ? (
            <>
              <br />
              <span class="muted mono" safe>
                {r.kpp ? `${r.tax_id} / ${r.kpp}` : r.tax_id}
              </span>
            </>
          ) : (
            ''
          )}
        </>
      ),
    },
    {
      key: 'status',
      label: pc.t('clients.field.status'),
      sortable: true,
      render: (r) => <StatusBadge pc={pc} status={r.status} />,
    },
    {
      key: 'group',
      label: pc.t('clients.field.group'),
      sortable: true,
      render: (r) => <span safe>{r.client_group ?? ''}</span>,
    },
    // A manager who sees only its own clients gets no manager column: its own name on every row.
    ...(managers.length
      ? [
          {
            key: 'manager',
            label: pc.t('clients.field.manager'),
            sortable: true,
            render: (r: ClientListRow) => <span safe>{r.manager_name ?? '—'}</span>,
          },
        ]
      : []),
    {
      key: 'contacts',
      label: pc.t('clients.col.contacts'),
      sortable: true,
      align: 'right',
      render: (r) => n(r.contact_count),
    },
    { key: 'users', label: pc.t('clients.col.users'), sortable: true, align: 'right', render: (r) => n(r.user_count) },
    ...moduleColumns,
  ]
  const filtered = Boolean(lq.q || lq.params.status || lq.params.group || lq.params.manager)
  const exportHref = (ext: string) => listHref(`/clients/export.${ext}`, lq, { page: null })
  // The export links and the filter form's sort fields sit outside the table that htmx swaps; as
  // out-of-band swaps they follow every filter, sort and page change, so an export is what is shown.
  const actions = (
    <>
      <span id="clients-export" hx-swap-oob="true">
        <a class="btn" href={exportHref('csv')} download="" safe>
          {pc.t('clients.export_csv')}
        </a>{' '}
        <a class="btn" href={exportHref('xlsx')} download="" safe>
          {pc.t('clients.export_xlsx')}
        </a>
      </span>
      {canManage ? (
        <>
          <a class="btn" href="/clients/import" safe>
            {pc.t('clients.import.title')}
          </a>
          <a class="btn btn-primary" href="/clients/new" safe>
            {pc.t('clients.new')}
          </a>
        </>
      ) : (
        ''
      )}
    </>
  )
  return (
    <Layout pc={pc} title={pc.t('clients.title')} width="wide" actions={actions}>
      <FilterBar pc={pc} path="/clients" target={TABLE_ID}>
        <SearchInput pc={pc} value={lq.q} label={pc.t('clients.search')} />
        <FilterSelect
          name="status"
          label={pc.t('clients.field.status')}
          value={lq.params.status ?? ''}
          allLabel={pc.t('clients.filter.current')}
          options={[
            ...CLIENT_STATUSES.map((s) => ({ value: s, label: pc.t(`clients.status.${s}`) })),
            { value: 'any', label: pc.t('clients.filter.any_status') },
          ]}
        />
        {groups.length ? (
          <FilterSelect
            name="group"
            label={pc.t('clients.field.group')}
            value={lq.params.group ?? ''}
            allLabel={pc.t('clients.filter.all_groups')}
            options={groups.map((g) => ({ value: g, label: g }))}
          />
        ) : (
          ''
        )}
        {managers.length ? (
          <FilterSelect
            name="manager"
            label={pc.t('clients.field.manager')}
            value={lq.params.manager ?? ''}
            allLabel={pc.t('clients.filter.all_managers')}
            options={[
              ...managers.map((m) => ({ value: m.id, label: m.name })),
              { value: 'none', label: pc.t('clients.no_manager') },
            ]}
          />
        ) : (
          ''
        )}
        <span id="clients-sort" hx-swap-oob="true">
          <input type="hidden" name="sort" value={lq.sort} />
          <input type="hidden" name="dir" value={lq.dir} />
        </span>
      </FilterBar>
      <DataTable
        pc={pc}
        id={TABLE_ID}
        path="/clients"
        lq={lq}
        columns={columns}
        rows={page.rows}
        total={page.total}
        caption={pc.t('clients.title')}
        empty={
          filtered ? (
            <EmptyState
              title={pc.t('list.no_results')}
              hint={pc.t('list.clear_filters')}
              action={
                <a class="btn" href="/clients" safe>
                  {pc.t('list.all')}
                </a>
              }
            />
          ) : (
            <EmptyState
              title={pc.t('clients.empty')}
              hint={canManage ? pc.t('clients.empty_hint') : undefined}
              action={
                canManage ? (
                  <a class="btn btn-primary" href="/clients/new" safe>
                    {pc.t('clients.new')}
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
