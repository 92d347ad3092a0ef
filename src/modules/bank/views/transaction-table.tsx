import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { EmptyState } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable } from '../../../core/ui/table.js'
import type { TransactionView } from '../bank-review.service.js'
import { DateText, SignedMoney, StatusBadge } from './bank-bits.js'

/** Bank transactions with what became of them; each links to its review page. */
export function TransactionTable(p: {
  pc: PageContext
  lq: ListQuery
  page: Page<TransactionView>
  path: string
  id: string
}) {
  const { pc } = p
  const columns: Column<TransactionView>[] = [
    { key: 'date', label: pc.t('bank.tx.date'), sortable: true, render: (r) => <DateText pc={pc} date={r.date} /> },
    {
      key: 'counterparty',
      label: pc.t('bank.tx.counterparty'),
      sortable: true,
      render: (r) => (
        <>
          <a href={`/bank/review/${encodeURIComponent(r.id)}`} safe>
            {r.counterpartyName ?? pc.t('bank.tx.no_name')}
          </a>
          <div class="muted" safe>
            {(r.purpose ?? r.reference ?? '').slice(0, 140)}
          </div>
        </>
      ),
    },
    {
      key: 'amount',
      label: pc.t('bank.tx.amount'),
      sortable: true,
      align: 'right',
      render: (r) => <SignedMoney pc={pc} minor={r.amountMinor} currency={r.currency} direction={r.direction} />,
    },
    {
      key: 'status',
      label: pc.t('bank.tx.status'),
      sortable: true,
      render: (r) => (
        <span class="badge-stack">
          <StatusBadge pc={pc} status={r.status} />
          {r.reviewReason ? (
            <span class="muted" safe>
              {pc.t(`bank.reason.${r.reviewReason}`)}
            </span>
          ) : (
            ''
          )}
        </span>
      ),
    },
    {
      key: 'client',
      label: pc.t('bank.tx.client'),
      render: (r) =>
        r.clientName ? (
          <>
            <span safe>{r.clientName}</span>
            {r.invoiceNumber ? (
              <div class="muted" safe>
                {r.invoiceNumber}
              </div>
            ) : (
              ''
            )}
          </>
        ) : (
          <span class="muted">—</span>
        ),
    },
    { key: 'account', label: pc.t('bank.tx.account'), render: (r) => <span safe>{r.accountName}</span> },
  ]
  return (
    <DataTable
      pc={pc}
      id={p.id}
      path={p.path}
      lq={p.lq}
      columns={columns}
      rows={p.page.rows}
      total={p.page.total}
      caption={pc.t('bank.tx.caption')}
      empty={<EmptyState title={pc.t('bank.tx.empty')} />}
    />
  )
}
