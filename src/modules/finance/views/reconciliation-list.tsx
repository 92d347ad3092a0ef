import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDate } from '../../../core/i18n/format.js'
import { Card, EmptyState } from '../../../core/ui/components.js'
import { Field, Form, SelectField } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../../core/ui/table.js'
import type { ReconciliationView } from '../reconciliation.service.js'
import { RECONCILIATION_STATUSES, ReconciliationStatusBadge } from './reconciliation-bits.js'

export interface NewStatementValues {
  clientId: string
  currency: string
  from: string
  to: string
}

const TABLE_ID = 'reconciliations-table'

/**
 * Statements of account: a client user's own (with the form to ask for one), or those of the clients
 * in a staff member's scope (with a client picker when `clients` is given).
 */
export function ReconciliationListPage(p: {
  pc: PageContext
  lq: ListQuery
  page: Page<ReconciliationView>
  staff: boolean
  clients: { id: string; name: string }[]
  currencies: string[]
  form: { values: NewStatementValues; errors?: Record<string, string> }
}) {
  const { pc, lq } = p
  const date = (d: string) => formatDate(pc.locale, d)
  const columns: Column<ReconciliationView>[] = [
    {
      key: 'number',
      label: pc.t('finance.reconciliation.number'),
      sortable: true,
      render: (r) => (
        <a href={`/finance/reconciliations/${encodeURIComponent(r.id)}`} class="mono" safe>
          {r.number}
        </a>
      ),
    },
    ...(p.staff
      ? [
          {
            key: 'client',
            label: pc.t('finance.client'),
            sortable: true,
            render: (r: ReconciliationView) => <span safe>{r.clientName}</span>,
          },
        ]
      : []),
    {
      key: 'period',
      label: pc.t('finance.reconciliation.period'),
      render: (r) => <span safe>{`${date(r.from)} – ${date(r.to)} · ${r.currency}`}</span>,
    },
    {
      key: 'status',
      label: pc.t('finance.status'),
      sortable: true,
      render: (r) => <ReconciliationStatusBadge pc={pc} status={r.status} version={r.currentVersion} />,
    },
    {
      key: 'updated_at',
      label: pc.t('finance.reconciliation.updated'),
      sortable: true,
      render: (r) => <span safe>{date(r.updatedAt.slice(0, 10))}</span>,
    },
  ]
  const v = p.form.values
  return (
    <Layout pc={pc} title={pc.t('finance.reconciliation.title')} width="wide">
      <p class="muted" safe>
        {pc.t(p.staff ? 'finance.reconciliation.hint_staff' : 'finance.reconciliation.hint_client')}
      </p>
      <Card title={pc.t(p.staff ? 'finance.reconciliation.new' : 'finance.reconciliation.request')}>
        <Form
          pc={pc}
          action="/finance/reconciliations"
          errors={p.form.errors}
          submit={pc.t(p.staff ? 'finance.reconciliation.issue' : 'finance.reconciliation.request')}
        >
          <div class="fields-row">
            {p.staff ? (
              <SelectField
                pc={pc}
                name="client_id"
                label={pc.t('finance.client')}
                value={v.clientId}
                errors={p.form.errors}
                required
                options={[{ value: '', label: '—' }, ...p.clients.map((c) => ({ value: c.id, label: c.name }))]}
              />
            ) : (
              ''
            )}
            <SelectField
              pc={pc}
              name="currency"
              label={pc.t('finance.currency')}
              value={v.currency}
              errors={p.form.errors}
              options={p.currencies.map((c) => ({ value: c, label: c }))}
            />
            <Field
              pc={pc}
              name="from"
              type="date"
              label={pc.t('finance.from')}
              value={v.from}
              errors={p.form.errors}
              required
            />
            <Field
              pc={pc}
              name="to"
              type="date"
              label={pc.t('finance.to')}
              value={v.to}
              errors={p.form.errors}
              required
            />
          </div>
        </Form>
      </Card>
      <FilterBar pc={pc} path="/finance/reconciliations" target={TABLE_ID}>
        <SearchInput pc={pc} value={lq.q} label={pc.t('finance.reconciliation.search')} />
        <FilterSelect
          name="status"
          label={pc.t('finance.status')}
          value={lq.params.status ?? ''}
          allLabel={pc.t('finance.reconciliation.any_status')}
          options={RECONCILIATION_STATUSES.map((s) => ({
            value: s,
            label: pc.t(`finance.reconciliation.status.${s}`),
          }))}
        />
      </FilterBar>
      <DataTable
        pc={pc}
        id={TABLE_ID}
        path="/finance/reconciliations"
        lq={lq}
        columns={columns}
        rows={p.page.rows}
        total={p.page.total}
        caption={pc.t('finance.reconciliation.title')}
        empty={<EmptyState title={pc.t('finance.reconciliation.empty')} />}
      />
    </Layout>
  )
}
