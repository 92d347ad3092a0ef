import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDateTime } from '../../../core/i18n/format.js'
import { EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, listHref, SearchInput } from '../../../core/ui/table.js'
import type { RequestView, slaState } from '../support.service.js'
import { DueCell, PriorityBadge, priorityOptions, QueueTabs, StatusBadge, statusOptions } from './support-bits.js'

export interface RequestRow extends RequestView {
  sla: ReturnType<typeof slaState>
}

export interface RequestListProps {
  pc: PageContext
  lq: ListQuery
  page: Page<RequestRow>
  queue: string
  categories: { id: string; name: string }[]
  canManage: boolean
}

/** The staff queues (mine, unassigned, all in scope): search, filters, sortable columns, pages, export. */
export function RequestListPage({ pc, lq, page, queue, categories, canManage }: RequestListProps) {
  const filtered = Boolean(lq.q || lq.params.status || lq.params.priority || lq.params.category || lq.params.overdue)
  const columns: Column<RequestRow>[] = [
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
    {
      key: 'client',
      label: pc.t('support.client'),
      sortable: true,
      render: (r) => (
        <a href={`/clients/${encodeURIComponent(r.clientId)}`} safe>
          {r.clientName}
        </a>
      ),
    },
    {
      key: 'status',
      label: pc.t('support.status'),
      sortable: true,
      render: (r) => (
        <span class="badge-stack">
          <StatusBadge pc={pc} status={r.status} />
          <PriorityBadge pc={pc} priority={r.priority} />
        </span>
      ),
    },
    {
      key: 'assignee',
      label: pc.t('support.assignee'),
      sortable: true,
      render: (r) => <span safe>{r.assigneeName ?? pc.t('support.unassigned')}</span>,
    },
    {
      key: 'due',
      label: pc.t('support.due'),
      sortable: true,
      render: (r) => (
        <dl class="due-list">
          <dt safe>{pc.t('support.due_answer')}</dt>
          <dd>
            <DueCell pc={pc} due={r.firstResponseDueAt} outcome={r.sla.response} done={r.firstRespondedAt !== null} />
          </dd>
          <dt safe>{pc.t('support.due_resolution')}</dt>
          <dd>
            <DueCell pc={pc} due={r.resolutionDueAt} outcome={r.sla.resolution} done={r.resolvedAt !== null} />
          </dd>
        </dl>
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
  const exportHref = (ext: string) => listHref(`/support/export.${ext}`, lq, {})
  return (
    <Layout
      pc={pc}
      title={pc.t('support.title')}
      width="wide"
      actions={
        canManage ? (
          <a class="btn btn-primary" href="/support/new" safe>
            {pc.t('support.new')}
          </a>
        ) : (
          ''
        )
      }
    >
      <QueueTabs pc={pc} active={queue} />
      <FilterBar pc={pc} path="/support" target="support-table">
        <input type="hidden" name="queue" value={queue} />
        <SearchInput pc={pc} value={lq.q} label={pc.t('support.search')} />
        <FilterSelect
          name="status"
          label={pc.t('support.status')}
          value={lq.params.status ?? ''}
          options={[...statusOptions(pc), { value: 'all', label: pc.t('support.any_status') }]}
          allLabel={pc.t('support.open_statuses')}
        />
        <FilterSelect
          name="priority"
          label={pc.t('support.priority')}
          value={lq.params.priority ?? ''}
          options={priorityOptions(pc)}
          allLabel={pc.t('support.all_priorities')}
        />
        {categories.length ? (
          <FilterSelect
            name="category"
            label={pc.t('support.category')}
            value={lq.params.category ?? ''}
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
            allLabel={pc.t('support.all_categories')}
          />
        ) : (
          ''
        )}
        <FilterSelect
          name="overdue"
          label={pc.t('support.overdue_filter')}
          value={lq.params.overdue ?? ''}
          options={[{ value: '1', label: pc.t('support.only_overdue') }]}
          allLabel={pc.t('support.any_sla')}
        />
        {['client', 'assignee', 'from', 'to', 'breached', 'bucket'].map((k) =>
          lq.params[k] ? <input type="hidden" name={k} value={lq.params[k]} /> : '',
        )}
      </FilterBar>
      <p class="row-actions">
        <a class="btn btn-small" href={exportHref('csv')} safe>
          {pc.t('support.export_csv')}
        </a>
        <a class="btn btn-small" href={exportHref('xlsx')} safe>
          {pc.t('support.export_xlsx')}
        </a>
      </p>
      <DataTable
        pc={pc}
        id="support-table"
        path="/support"
        lq={lq}
        columns={columns}
        rows={page.rows}
        total={page.total}
        caption={pc.t('support.title')}
        empty={
          filtered ? (
            <EmptyState
              title={pc.t('list.no_results')}
              hint={pc.t('list.clear_filters')}
              action={
                <a class="btn" href={`/support?queue=${queue}`} safe>
                  {pc.t('list.all')}
                </a>
              }
            />
          ) : (
            <EmptyState title={pc.t(`support.empty.${queue}`)} hint={pc.t('support.empty_hint')} />
          )
        }
      />
    </Layout>
  )
}
