import type { FieldErrors } from '../../errors.js'
import type { ListQuery } from '../../http/list-query.js'
import { formatDateTime } from '../../i18n/format.js'
import { EmptyState } from '../../ui/components.js'
import { Layout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, listHref } from '../../ui/table.js'
import type { AuditRow } from '../audit.service.js'

export interface AuditListProps {
  pc: PageContext
  lq: ListQuery
  rows: AuditRow[]
  total: number
  facets: { actions: string[]; entities: string[] }
  /** Staff see the client column; a client admin sees only its own company anyway. */
  showClient: boolean
  errors?: FieldErrors
}

const FILTERS = ['action', 'actor', 'entity', 'entity_id', 'from', 'to'] as const

function DateFilter(p: { pc: PageContext; name: 'from' | 'to'; value: string; error?: string }) {
  return (
    <label class={p.error ? 'filter-date has-error' : 'filter-date'}>
      <span safe>{p.pc.t(`audit.filter.${p.name}`)}</span>{' '}
      <input type="date" name={p.name} value={p.value} aria-invalid={p.error ? 'true' : undefined} />
    </label>
  )
}

function Filters(p: AuditListProps) {
  const { pc, lq } = p
  const v = (k: string) => lq.params[k] ?? ''
  const options = (list: string[]) => list.map((x) => ({ value: x, label: x }))
  return (
    <FilterBar pc={pc} path="/audit" target="audit-results">
      <FilterSelect
        name="action"
        label={pc.t('audit.filter.action')}
        value={v('action')}
        options={options(p.facets.actions)}
        allLabel={pc.t('audit.filter.all_actions')}
      />
      <FilterSelect
        name="entity"
        label={pc.t('audit.filter.entity')}
        value={v('entity')}
        options={options(p.facets.entities)}
        allLabel={pc.t('audit.filter.all_entities')}
      />
      <label class="filter-search">
        <span class="visually-hidden" safe>
          {pc.t('audit.filter.actor')}
        </span>
        <input type="search" name="actor" value={v('actor')} placeholder={pc.t('audit.filter.actor')} maxlength="200" />
      </label>
      <label class="filter-search">
        <span class="visually-hidden" safe>
          {pc.t('audit.filter.entity_id')}
        </span>
        <input
          type="search"
          name="entity_id"
          value={v('entity_id')}
          placeholder={pc.t('audit.filter.entity_id')}
          maxlength="64"
        />
      </label>
      <DateFilter pc={pc} name="from" value={v('from')} error={p.errors?.from} />
      <DateFilter pc={pc} name="to" value={v('to')} error={p.errors?.to} />
    </FilterBar>
  )
}

/** The audit log: who changed what and when, newest first, filterable and bookmarkable. */
/** The action's readable name where one exists, with its code for the search-minded. */
export function ActionLabel({ pc, action }: { pc: PageContext; action: string }) {
  const key = `audit.action.${action}`
  const label = pc.t(key)
  return label === key ? (
    <code safe>{action}</code>
  ) : (
    <span title={action} safe>
      {label}
    </span>
  )
}

export function AuditListPage(p: AuditListProps) {
  const { pc, lq } = p
  const filtered = FILTERS.some((k) => lq.params[k])
  const columns: Column<AuditRow>[] = [
    {
      key: 'at',
      label: pc.t('audit.col.time'),
      sortable: true,
      render: (r) => (
        <a href={`/audit/${encodeURIComponent(r.id)}`} class="tabular nowrap" safe>
          {formatDateTime(pc.locale, r.at, pc.timeZone)}
        </a>
      ),
    },
    { key: 'actor', label: pc.t('audit.col.actor'), sortable: true, render: (r) => <span safe>{r.actor_label}</span> },
    {
      key: 'action',
      label: pc.t('audit.col.action'),
      sortable: true,
      render: (r) => <ActionLabel pc={pc} action={r.action} />,
    },
    { key: 'entity', label: pc.t('audit.col.entity'), sortable: true, render: (r) => <span safe>{r.entity}</span> },
    {
      key: 'entity_id',
      label: pc.t('audit.col.entity_id'),
      render: (r) =>
        r.entity_id ? (
          <a href={listHref('/audit', lq, { entity: r.entity, entity_id: r.entity_id })} safe>
            {r.entity_id}
          </a>
        ) : (
          ''
        ),
    },
  ]
  if (p.showClient) {
    columns.push({
      key: 'client',
      label: pc.t('audit.col.client'),
      render: (r) => <span safe>{r.client_name ?? ''}</span>,
    })
  }
  return (
    <Layout pc={pc} title={pc.t('audit.title')} width="wide">
      <p class="muted" safe>
        {pc.t('audit.time_zone_note', { zone: pc.timeZone })}
      </p>
      <Filters {...p} />
      <div id="audit-results">
        {p.errors && Object.keys(p.errors).length ? (
          <p class="field-error" role="alert" safe>
            {Object.values(p.errors)
              .map((key) => pc.t(key))
              .join(' ')}
          </p>
        ) : (
          ''
        )}
        <DataTable
          pc={pc}
          id="audit-table"
          path="/audit"
          lq={lq}
          columns={columns}
          rows={p.rows}
          total={p.total}
          caption={pc.t('audit.title')}
          empty={
            filtered ? (
              <EmptyState
                title={pc.t('list.no_results')}
                hint={pc.t('list.clear_filters')}
                action={
                  <a class="btn" href="/audit" safe>
                    {pc.t('audit.clear_filters')}
                  </a>
                }
              />
            ) : (
              <EmptyState title={pc.t('audit.empty_title')} hint={pc.t('audit.empty_hint')} />
            )
          }
        />
      </div>
    </Layout>
  )
}
