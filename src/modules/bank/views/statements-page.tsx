import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatNumber } from '../../../core/i18n/format.js'
import { Badge, EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect } from '../../../core/ui/table.js'
import type { StatementView } from '../bank-history.service.js'
import { BankTabs, crumbs, DateText, Money } from './bank-bits.js'

function columns(pc: PageContext, sortable: boolean): Column<StatementView>[] {
  return [
    {
      key: 'account',
      label: pc.t('bank.tx.account'),
      sortable,
      render: (r) => (
        <>
          <span safe>{r.accountName}</span>
          <div class="muted" safe>
            {r.ref ?? ''}
          </div>
        </>
      ),
    },
    {
      key: 'period_to',
      label: pc.t('bank.statements.period'),
      sortable,
      render: (r) => (
        <>
          <DateText pc={pc} date={r.from} /> – <DateText pc={pc} date={r.to} />
        </>
      ),
    },
    {
      key: 'opening',
      label: pc.t('bank.statements.opening'),
      align: 'right',
      render: (r) => <Money pc={pc} minor={r.openingMinor} currency={r.currency} />,
    },
    {
      key: 'movement',
      label: pc.t('bank.statements.in_out'),
      align: 'right',
      render: (r) => (
        <>
          <Money pc={pc} minor={r.sumInMinor} currency={r.currency} />
          <div class="muted">
            <Money pc={pc} minor={-r.sumOutMinor} currency={r.currency} />
          </div>
          <div class="muted" safe>
            {pc.t('bank.statements.count', { count: formatNumber(pc.locale, r.count) })}
          </div>
        </>
      ),
    },
    {
      key: 'closing',
      label: pc.t('bank.statements.closing'),
      sortable,
      align: 'right',
      render: (r) => <Money pc={pc} minor={r.closingMinor} currency={r.currency} />,
    },
    {
      key: 'check',
      label: pc.t('bank.statements.check'),
      render: (r) =>
        r.mismatch ? (
          <>
            <Badge tone="red" label={pc.t('bank.statements.mismatch')} />
            <div class="muted">
              <span safe>{pc.t('bank.statements.computed')}</span>{' '}
              <Money pc={pc} minor={r.computedClosingMinor} currency={r.currency} />
            </div>
          </>
        ) : r.openingMinor === null || r.closingMinor === null ? (
          <Badge tone="grey" label={pc.t('bank.statements.no_balances')} />
        ) : (
          <Badge tone="green" label={pc.t('bank.statements.ok')} />
        ),
    },
  ]
}

/** A plain table of statements (on an import's page, all of them). */
export function StatementTable({ pc, rows }: { pc: PageContext; rows: StatementView[] }) {
  const lq: ListQuery = { page: 1, per: Math.max(1, rows.length), sort: '', dir: 'asc', q: '', params: {} }
  return (
    <DataTable
      pc={pc}
      id="bank-import-statements"
      path={pc.path}
      lq={lq}
      columns={columns(pc, false)}
      rows={rows}
      total={rows.length}
      caption={pc.t('bank.statements.title')}
      empty={<EmptyState title={pc.t('bank.statements.empty')} />}
    />
  )
}

/** /bank/statements: per own account and period, the file's balances against opening + movements. */
export function StatementsPage(p: {
  pc: PageContext
  lq: ListQuery
  page: Page<StatementView>
  accounts: { id: string; name: string }[]
}) {
  const { pc, lq } = p
  return (
    <Layout
      pc={pc}
      title={pc.t('bank.statements.title')}
      crumbs={crumbs(pc, { label: pc.t('bank.statements.title') })}
      width="wide"
    >
      <BankTabs pc={pc} active="statements" />
      <FilterBar pc={pc} path="/bank/statements" target="bank-statements">
        <FilterSelect
          name="account"
          label={pc.t('bank.tx.account')}
          value={lq.params.account ?? ''}
          options={p.accounts.map((a) => ({ value: a.id, label: a.name }))}
          allLabel={pc.t('bank.all_accounts')}
        />
        <label class="filter-date">
          <span safe>{pc.t('bank.from')}</span>
          <input type="date" name="from" value={lq.params.from ?? ''} />
        </label>
        <label class="filter-date">
          <span safe>{pc.t('bank.to')}</span>
          <input type="date" name="to" value={lq.params.to ?? ''} />
        </label>
        <FilterSelect
          name="mismatch"
          label={pc.t('bank.statements.check')}
          value={lq.params.mismatch ?? ''}
          options={[{ value: '1', label: pc.t('bank.statements.only_mismatch') }]}
          allLabel={pc.t('bank.statements.any_check')}
        />
      </FilterBar>
      <DataTable
        pc={pc}
        id="bank-statements"
        path="/bank/statements"
        lq={lq}
        columns={columns(pc, true)}
        rows={p.page.rows}
        total={p.page.total}
        caption={pc.t('bank.statements.title')}
        empty={<EmptyState title={pc.t('bank.statements.empty')} />}
      />
    </Layout>
  )
}
