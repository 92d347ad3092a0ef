import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDateTime } from '../../../core/i18n/format.js'
import { Badge, EmptyState, type Tone } from '../../../core/ui/components.js'
import { PostButton } from '../../../core/ui/forms.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect } from '../../../core/ui/table.js'
import type { WebhookDelivery, WebhookStatus } from '../site.schema.js'

const TONES: Record<WebhookStatus, Tone> = { pending: 'amber', sending: 'blue', delivered: 'green', failed: 'red' }
const STATUSES = Object.keys(TONES) as WebhookStatus[]

const lastResult = (d: WebhookDelivery) =>
  d.last_error ?? (d.last_status_code === null ? '' : `HTTP ${d.last_status_code}`)

/** Webhook deliveries with their status, newest first, filterable by status; undelivered ones can be retried. */
export function DeliveryList(p: { pc: PageContext; lq: ListQuery; page: Page<WebhookDelivery> }) {
  const { pc, lq } = p
  const when = (iso: string | null) => formatDateTime(pc.locale, iso, pc.timeZone)
  const columns: Column<WebhookDelivery>[] = [
    {
      key: 'created_at',
      label: pc.t('site.deliveries.created'),
      sortable: true,
      render: (d) => <span safe>{when(d.created_at)}</span>,
    },
    { key: 'event', label: pc.t('site.deliveries.event'), render: (d) => <code safe>{d.event}</code> },
    { key: 'url', label: pc.t('site.deliveries.url'), render: (d) => <span safe>{d.url}</span> },
    {
      key: 'status',
      label: pc.t('site.deliveries.status'),
      sortable: true,
      render: (d) => <Badge tone={TONES[d.status]} label={pc.t(`site.status.${d.status}`)} />,
    },
    {
      key: 'attempts',
      label: pc.t('site.deliveries.attempts'),
      align: 'right',
      render: (d) => <span safe>{String(d.attempts)}</span>,
    },
    { key: 'result', label: pc.t('site.deliveries.result'), render: (d) => <span safe>{lastResult(d)}</span> },
    {
      key: 'next',
      label: pc.t('site.deliveries.next'),
      render: (d) => (d.status === 'pending' ? <span safe>{when(d.next_attempt_at)}</span> : ''),
    },
    {
      key: 'actions',
      label: '',
      render: (d) =>
        d.status === 'pending' || d.status === 'failed' ? (
          <PostButton
            pc={pc}
            action={`/site/deliveries/${encodeURIComponent(d.id)}/retry`}
            label={pc.t('site.retry_now')}
          />
        ) : (
          ''
        ),
    },
  ]
  return (
    <>
      <FilterBar pc={pc} path="/site" target="site-deliveries">
        <FilterSelect
          name="status"
          label={pc.t('site.deliveries.status')}
          value={lq.params.status ?? ''}
          options={STATUSES.map((s) => ({ value: s, label: pc.t(`site.status.${s}`) }))}
          allLabel={pc.t('site.deliveries.all_statuses')}
        />
      </FilterBar>
      <DataTable
        pc={pc}
        id="site-deliveries"
        path="/site"
        lq={lq}
        columns={columns}
        rows={p.page.rows}
        total={p.page.total}
        caption={pc.t('site.section.deliveries')}
        empty={
          lq.params.status ? (
            <EmptyState
              title={pc.t('list.no_results')}
              action={
                <a class="btn" href="/site" safe>
                  {pc.t('list.all')}
                </a>
              }
            />
          ) : (
            <EmptyState title={pc.t('site.deliveries.empty')} hint={pc.t('site.deliveries.empty_hint')} />
          )
        }
      />
    </>
  )
}
