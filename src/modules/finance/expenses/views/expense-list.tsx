import type { ListQuery, Page } from '../../../../core/http/list-query.js'
import { formatDate, formatMoney } from '../../../../core/i18n/format.js'
import { Badge, EmptyState } from '../../../../core/ui/components.js'
import { Field } from '../../../../core/ui/forms.js'
import { Layout } from '../../../../core/ui/layout.js'
import type { PageContext } from '../../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../../../core/ui/table.js'
import type { ExpenseCategoryView } from '../expense-categories.service.js'
import type { ExpenseListRow } from '../expenses.service.js'

export const PATH = '/finance/expenses'

function Status({ pc, r }: { pc: PageContext; r: ExpenseListRow }) {
  if (r.reversesExpenseId) return <Badge tone="grey" label={pc.t('expenses.status.reversal')} />
  if (r.reversedById) return <Badge tone="grey" label={pc.t('expenses.status.reversed')} />
  return ''
}

/** The head's list of expenses: filter by text, category, source, currency and dates; sort by date, amount, counterparty. */
export function ExpenseListPage(p: {
  pc: PageContext
  lq: ListQuery
  page: Page<ExpenseListRow>
  categories: ExpenseCategoryView[]
}) {
  const { pc, lq } = p
  const columns: Column<ExpenseListRow>[] = [
    {
      key: 'date',
      label: pc.t('finance.date'),
      sortable: true,
      render: (r) => (
        <a href={`${PATH}/${encodeURIComponent(r.id)}`} safe>
          {formatDate(pc.locale, r.date)}
        </a>
      ),
    },
    {
      key: 'counterparty',
      label: pc.t('expenses.counterparty'),
      sortable: true,
      render: (r) => <span safe>{r.counterparty ?? '—'}</span>,
    },
    { key: 'description', label: pc.t('finance.description'), render: (r) => <span safe>{r.description}</span> },
    {
      key: 'category',
      label: pc.t('expenses.category'),
      render: (r) => <span safe>{r.categoryPath ?? pc.t('expenses.uncategorised')}</span>,
    },
    {
      key: 'source',
      label: pc.t('expenses.source'),
      render: (r) => <span safe>{pc.t(`expenses.source.${r.source}`)}</span>,
    },
    {
      key: 'amount',
      label: pc.t('finance.amount'),
      sortable: true,
      align: 'right',
      render: (r) => <span safe>{formatMoney(pc.locale, r.amountMinor, r.currency)}</span>,
    },
    { key: 'status', label: pc.t('expenses.status'), render: (r) => <Status pc={pc} r={r} /> },
  ]
  const v = (k: string) => lq.params[k] ?? ''
  return (
    <Layout
      pc={pc}
      title={pc.t('expenses.title')}
      width="wide"
      actions={
        <a class="btn btn-primary" href={`${PATH}/new`} safe>
          {pc.t('expenses.new')}
        </a>
      }
    >
      <FilterBar pc={pc} path={PATH} target="expenses-table">
        <SearchInput pc={pc} value={lq.q} label={pc.t('expenses.search')} />
        <FilterSelect
          name="category"
          label={pc.t('expenses.category')}
          value={v('category')}
          allLabel={pc.t('expenses.all_categories')}
          options={[
            { value: 'none', label: pc.t('expenses.uncategorised') },
            ...p.categories.map((c) => ({ value: c.id, label: c.path })),
          ]}
        />
        <FilterSelect
          name="source"
          label={pc.t('expenses.source')}
          value={v('source')}
          allLabel={pc.t('expenses.all_sources')}
          options={['manual', 'bank'].map((s) => ({ value: s, label: pc.t(`expenses.source.${s}`) }))}
        />
        <Field
          pc={pc}
          idPrefix="filter-"
          name="currency"
          label={pc.t('finance.currency')}
          value={v('currency')}
          maxlength={3}
        />
        <Field pc={pc} idPrefix="filter-" name="from" type="date" label={pc.t('finance.from')} value={v('from')} />
        <Field pc={pc} idPrefix="filter-" name="to" type="date" label={pc.t('finance.to')} value={v('to')} />
      </FilterBar>
      <DataTable
        pc={pc}
        id="expenses-table"
        path={PATH}
        lq={lq}
        columns={columns}
        rows={p.page.rows}
        total={p.page.total}
        caption={pc.t('expenses.title')}
        empty={
          <EmptyState
            title={pc.t('expenses.empty')}
            hint={pc.t('expenses.empty_hint')}
            action={
              <a class="btn" href={`${PATH}/new`} safe>
                {pc.t('expenses.new')}
              </a>
            }
          />
        }
      />
    </Layout>
  )
}
