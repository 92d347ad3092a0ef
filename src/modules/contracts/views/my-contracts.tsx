import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../../core/ui/table.js'
import type { ContractView } from '../contracts.service.js'
import { amountText, EndingBadge, parameterDisplay, StatusBadge, statusOptions, validityText } from './contract-bits.js'

/** A client user's own contracts: number, subject, validity, amount, status, the signed scan. */
export function MyContractsPage({
  pc,
  lq,
  page,
  today,
}: {
  pc: PageContext
  lq: ListQuery
  page: Page<ContractView>
  today: string
}) {
  const filtered = Boolean(lq.q || lq.params.status)
  const columns: Column<ContractView>[] = [
    { key: 'number', label: pc.t('contracts.number'), sortable: true, render: (c) => <strong safe>{c.number}</strong> },
    {
      key: 'subject',
      label: pc.t('contracts.subject'),
      render: (c) => (
        <>
          <span safe>{c.subject}</span>
          {c.parameters.length ? (
            <details>
              <summary safe>{pc.t('contracts.parameters')}</summary>
              <dl class="details">
                {c.parameters.map((p) => (
                  <div>
                    <dt safe>{p.key}</dt>
                    <dd safe>{parameterDisplay(pc, p)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          ) : (
            ''
          )}
        </>
      ),
    },
    {
      key: 'type',
      label: pc.t('contracts.type'),
      sortable: true,
      render: (c) => <span safe>{pc.t(`contracts.type.${c.type}`)}</span>,
    },
    {
      key: 'valid_to',
      label: pc.t('contracts.validity'),
      sortable: true,
      render: (c) => <span safe>{validityText(pc, c.validFrom, c.validTo)}</span>,
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
    {
      key: 'scan',
      label: pc.t('contracts.scan'),
      render: (c) =>
        c.scanSha256 ? (
          <a
            href={`/contracts/${encodeURIComponent(c.id)}/scan`}
            aria-label={pc.t('contracts.scan_download_of', { number: c.number })}
            safe
          >
            {pc.t('contracts.scan_pdf')}
          </a>
        ) : (
          <span class="muted" safe>
            {pc.t('contracts.scan_none_short')}
          </span>
        ),
    },
  ]
  return (
    <Layout pc={pc} title={pc.t('contracts.mine_title')} width="wide">
      <FilterBar pc={pc} path="/contracts/mine" target="my-contracts-table">
        <SearchInput pc={pc} value={lq.q} label={pc.t('contracts.search')} />
        <FilterSelect
          name="status"
          label={pc.t('contracts.status')}
          value={lq.params.status ?? ''}
          options={statusOptions(pc).filter((o) => o.value !== 'draft')}
          allLabel={pc.t('contracts.all_statuses')}
        />
      </FilterBar>
      <DataTable
        pc={pc}
        id="my-contracts-table"
        path="/contracts/mine"
        lq={lq}
        columns={columns}
        rows={page.rows}
        total={page.total}
        caption={pc.t('contracts.mine_title')}
        empty={
          filtered ? (
            <EmptyState
              title={pc.t('list.no_results')}
              hint={pc.t('list.clear_filters')}
              action={
                <a class="btn" href="/contracts/mine" safe>
                  {pc.t('list.all')}
                </a>
              }
            />
          ) : (
            <EmptyState title={pc.t('contracts.mine_empty')} hint={pc.t('contracts.mine_empty_hint')} />
          )
        }
      />
    </Layout>
  )
}
