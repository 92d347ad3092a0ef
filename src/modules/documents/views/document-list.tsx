import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDate, formatMoney } from '../../../core/i18n/format.js'
import { Badge, EmptyState } from '../../../core/ui/components.js'
import { Csrf } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../../core/ui/table.js'
import { DOCUMENT_KINDS } from '../documents.constants.js'
import type { DocumentView } from '../documents.service.js'

const FORM_ID = 'documents-selection'

export const docHref = (d: { id: string }) => `/documents/${encodeURIComponent(d.id)}`

export function DocumentStateBadge({ pc, doc }: { pc: PageContext; doc: DocumentView }) {
  if (!doc.sentAt) return <Badge tone="grey" label={pc.t('documents.state.unsent')} />
  if (doc.firstViewedAt) return <Badge tone="green" label={pc.t('documents.state.viewed')} />
  return <Badge tone="blue" label={pc.t('documents.state.sent')} />
}

/** Documents: the client's own list, or the staff's (per client or overall), with selection for ZIP and sending. */
export function DocumentListPage(p: {
  pc: PageContext
  lq: ListQuery
  page: Page<DocumentView>
  staff: boolean
  canManage: boolean
  clients: { id: string; name: string }[]
}) {
  const { pc } = p
  const path = '/documents'
  const columns: Column<DocumentView>[] = [
    {
      key: 'select',
      label: pc.t('documents.select'),
      render: (d) => (
        <label>
          <span class="visually-hidden" safe>
            {pc.t('documents.select_one', { number: d.number })}
          </span>
          <input type="checkbox" name="ids" value={d.id} form={FORM_ID} />
        </label>
      ),
    },
    {
      key: 'number',
      label: pc.t('documents.number'),
      sortable: true,
      render: (d) => (
        <a href={docHref(d)} safe>
          {d.number}
        </a>
      ),
    },
    {
      key: 'kind',
      label: pc.t('documents.kind'),
      sortable: true,
      render: (d) => <span safe>{pc.t(`documents.kind.${d.kind}`)}</span>,
    },
    ...(p.staff
      ? [
          {
            key: 'client',
            label: pc.t('documents.client'),
            sortable: true,
            render: (d: DocumentView) => <span safe>{d.clientName}</span>,
          },
        ]
      : []),
    {
      key: 'date',
      label: pc.t('documents.date'),
      sortable: true,
      render: (d) => <span safe>{formatDate(pc.locale, d.date)}</span>,
    },
    {
      key: 'total',
      label: pc.t('documents.total'),
      sortable: true,
      align: 'right',
      render: (d) => (
        <span safe>{d.totalMinor === null || !d.currency ? '' : formatMoney(pc.locale, d.totalMinor, d.currency)}</span>
      ),
    },
    ...(p.staff
      ? [
          {
            key: 'sent',
            label: pc.t('documents.state'),
            sortable: true,
            render: (d: DocumentView) => <DocumentStateBadge pc={pc} doc={d} />,
          },
        ]
      : []),
    {
      key: 'pdf',
      label: pc.t('documents.pdf'),
      render: (d) => (
        <a href={`${docHref(d)}/pdf`} safe>
          {pc.t('documents.download')}
        </a>
      ),
    },
  ]
  const title = p.staff ? pc.t('documents.title_staff') : pc.t('documents.title_mine')
  return (
    <Layout
      pc={pc}
      title={title}
      width="wide"
      actions={
        p.canManage ? (
          <div class="actions">
            <a class="btn btn-primary" href="/documents/new" safe>
              {pc.t('documents.upload')}
            </a>
          </div>
        ) : undefined
      }
    >
      <FilterBar pc={pc} path={path} target="documents-table">
        <SearchInput pc={pc} value={p.lq.q} label={pc.t('documents.search')} />
        <FilterSelect
          name="kind"
          label={pc.t('documents.kind')}
          value={p.lq.params.kind ?? ''}
          options={DOCUMENT_KINDS.map((k) => ({ value: k, label: pc.t(`documents.kind.${k}`) }))}
          allLabel={pc.t('documents.all_kinds')}
        />
        {p.staff ? (
          <FilterSelect
            name="client"
            label={pc.t('documents.client')}
            value={p.lq.params.client ?? ''}
            options={p.clients.map((c) => ({ value: c.id, label: c.name }))}
            allLabel={pc.t('documents.all_clients')}
          />
        ) : (
          ''
        )}
        {p.staff ? (
          <FilterSelect
            name="sent"
            label={pc.t('documents.state')}
            value={p.lq.params.sent ?? ''}
            options={[
              { value: 'sent', label: pc.t('documents.state.sent') },
              { value: 'unsent', label: pc.t('documents.state.unsent') },
            ]}
            allLabel={pc.t('documents.all_states')}
          />
        ) : (
          ''
        )}
        <label class="filter-select">
          <span safe>{pc.t('documents.from')}</span>
          <input type="date" name="from" value={p.lq.params.from ?? ''} />
        </label>
        <label class="filter-select">
          <span safe>{pc.t('documents.to')}</span>
          <input type="date" name="to" value={p.lq.params.to ?? ''} />
        </label>
      </FilterBar>
      <form id={FORM_ID} method="post" action="/documents/zip" class="inline-form documents-selection">
        <Csrf pc={pc} />
        <button type="submit" class="btn" safe>
          {pc.t('documents.zip')}
        </button>
        {p.canManage ? (
          <button type="submit" class="btn" formaction="/documents/send" safe>
            {pc.t('documents.send_selected')}
          </button>
        ) : (
          ''
        )}
      </form>
      <DataTable
        pc={pc}
        id="documents-table"
        path={path}
        lq={p.lq}
        columns={columns}
        rows={p.page.rows}
        total={p.page.total}
        caption={title}
        empty={<EmptyState title={pc.t('documents.empty')} hint={p.staff ? pc.t('documents.empty_hint') : undefined} />}
      />
    </Layout>
  )
}
