import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDate } from '../../../core/i18n/format.js'
import { EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../../core/ui/table.js'
import type { ContractView } from '../contracts.service.js'
import { amountText, EndingBadge, StatusBadge, statusOptions, typeOptions } from './contract-bits.js'

export interface ContractListProps {
  pc: PageContext
  lq: ListQuery
  page: Page<ContractView>
  /** Clients for the filter; null when the book is too large for a select (the `client` parameter still works). */
  clients: { id: string; name: string }[] | null
  today: string
  canManage: boolean
}

export const ENDING_CHOICES = [7, 14, 30, 60, 90]

/** All contracts the caller may see: search, filters, sortable columns, pages. */
export function ContractListPage({ pc, lq, page, clients, today, canManage }: ContractListProps) {
  const filtered = Boolean(lq.q || lq.params.status || lq.params.type || lq.params.client || lq.params.ending)
  const newHref = lq.params.client ? `/contracts/new?client=${encodeURIComponent(lq.params.client)}` : '/contracts/new'
  const columns: Column<ContractView>[] = [
    {
      key: 'number',
      label: pc.t('contracts.number_subject'),
      sortable: true,
      render: (c) => (
        <>
          <a href={`/contracts/${encodeURIComponent(c.id)}`} safe>
            {c.number}
          </a>
          <div class="muted" safe>
            {c.subject}
          </div>
        </>
      ),
    },
    {
      key: 'client',
      label: pc.t('contracts.client'),
      sortable: true,
      render: (c) => (
        <a href={`/clients/${encodeURIComponent(c.clientId)}`} safe>
          {c.clientName}
        </a>
      ),
    },
    {
      key: 'signed_on',
      label: pc.t('contracts.signed_on'),
      sortable: true,
      render: (c) => <span safe>{formatDate(pc.locale, c.signedOn)}</span>,
    },
    {
      key: 'valid_to',
      label: pc.t('contracts.valid_to'),
      sortable: true,
      render: (c) => <span safe>{c.validTo ? formatDate(pc.locale, c.validTo) : pc.t('contracts.open_ended')}</span>,
    },
    {
      key: 'amount',
      label: pc.t('contracts.amount'),
      align: 'right',
      render: (c) => <span safe>{amountText(pc, c.amount)}</span>,
    },
    {
      key: 'status',
      label: pc.t('contracts.status'),
      sortable: true,
      render: (c) => (
        <>
          <StatusBadge pc={pc} status={c.status} />{' '}
          <EndingBadge pc={pc} status={c.status} validTo={c.validTo} today={today} />
        </>
      ),
    },
  ]
  return (
    <Layout
      pc={pc}
      title={pc.t('contracts.title')}
      width="wide"
      actions={
        canManage ? (
          <a class="btn btn-primary" href={newHref} safe>
            {pc.t('contracts.new')}
          </a>
        ) : (
          ''
        )
      }
    >
      <FilterBar pc={pc} path="/contracts" target="contracts-table">
        <SearchInput pc={pc} value={lq.q} label={pc.t('contracts.search')} />
        <FilterSelect
          name="status"
          label={pc.t('contracts.status')}
          value={lq.params.status ?? ''}
          options={statusOptions(pc)}
          allLabel={pc.t('contracts.all_statuses')}
        />
        <FilterSelect
          name="type"
          label={pc.t('contracts.type')}
          value={lq.params.type ?? ''}
          options={typeOptions(pc)}
          allLabel={pc.t('contracts.all_types')}
        />
        {clients ? (
          <FilterSelect
            name="client"
            label={pc.t('contracts.client')}
            value={lq.params.client ?? ''}
            options={clients.map((c) => ({ value: c.id, label: c.name }))}
            allLabel={pc.t('contracts.all_clients')}
          />
        ) : lq.params.client ? (
          <input type="hidden" name="client" value={lq.params.client} />
        ) : (
          ''
        )}
        <FilterSelect
          name="ending"
          label={pc.t('contracts.ending_filter')}
          value={lq.params.ending ?? ''}
          options={[
            ...new Set([...ENDING_CHOICES, ...(Number(lq.params.ending) > 0 ? [Number(lq.params.ending)] : [])]),
          ]
            .sort((a, b) => a - b)
            .map((d) => ({ value: String(d), label: pc.t('contracts.ending_within', { days: d }) }))}
          allLabel={pc.t('contracts.any_end')}
        />
      </FilterBar>
      <DataTable
        pc={pc}
        id="contracts-table"
        path="/contracts"
        lq={lq}
        columns={columns}
        rows={page.rows}
        total={page.total}
        caption={pc.t('contracts.title')}
        empty={
          filtered ? (
            <EmptyState
              title={pc.t('list.no_results')}
              hint={pc.t('list.clear_filters')}
              action={
                <a class="btn" href="/contracts" safe>
                  {pc.t('list.all')}
                </a>
              }
            />
          ) : (
            <EmptyState
              title={pc.t('contracts.empty')}
              hint={pc.t('contracts.empty_hint')}
              action={
                canManage ? (
                  <a class="btn btn-primary" href={newHref} safe>
                    {pc.t('contracts.new')}
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
