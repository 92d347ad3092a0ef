import { Card } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { StatusHistoryItem } from '../order-status.service.js'
import type { Workflow } from '../order-workflow.js'
import type { OrderLineView, OrderView } from '../orders.service.js'
import type { ShipmentView } from '../shipments.service.js'
import { HistoryCard, LinesTable, OrderFacts, ShipmentsCard } from './order-parts.js'
import { StatusActions, type StatusFormState } from './status-actions.js'

export interface OrderDetailProps {
  pc: PageContext
  order: OrderView
  lines: OrderLineView[]
  history: StatusHistoryItem[]
  shipments: ShipmentView[]
  w: Workflow
  /** Statuses the order may move to now. */
  allowed: string[]
  editable: boolean
  canManage: boolean
  createdByName: string | null
  today: string
  remainingText: Record<string, string>
  statusState?: StatusFormState
}

/** One order for staff: facts, lines and totals, status changes (with shipments), shipments, history. */
export function OrderDetailPage(p: OrderDetailProps) {
  const { pc, order: o } = p
  const idHref = `/orders/${encodeURIComponent(o.id)}`
  const waitingForPrices = !o.isPriced && p.allowed.length < (p.w.transitions[o.status] ?? []).length
  return (
    <Layout
      pc={pc}
      title={pc.t('orders.order_title', { number: o.number })}
      width="wide"
      crumbs={[{ label: pc.t('orders.title'), href: '/orders' }, { label: o.number }]}
      actions={
        p.editable && p.canManage ? (
          <a class="btn btn-primary" href={`${idHref}/edit`} safe>
            {pc.t(o.isPriced ? 'orders.edit' : 'orders.edit_prices')}
          </a>
        ) : (
          ''
        )
      }
    >
      <div class="grid-2">
        <Card title={pc.t('orders.details')}>
          <OrderFacts pc={pc} order={o} w={p.w} staff createdByName={p.createdByName} />
        </Card>
        <HistoryCard pc={pc} w={p.w} history={p.history} />
      </div>
      {p.canManage ? (
        <Card title={pc.t('orders.change_status')}>
          {waitingForPrices ? (
            <p class="banner banner-info" safe>
              {pc.t('orders.needs_prices')}
            </p>
          ) : (
            ''
          )}
          {p.allowed.length ? (
            <StatusActions
              pc={pc}
              order={o}
              lines={p.lines}
              w={p.w}
              allowed={p.allowed}
              today={p.today}
              remainingText={p.remainingText}
              state={p.statusState}
            />
          ) : (
            <p class="muted" safe>
              {pc.t('orders.no_transitions')}
            </p>
          )}
        </Card>
      ) : (
        ''
      )}
      <Card title={pc.t('orders.lines')}>
        <LinesTable pc={pc} order={o} lines={p.lines} showShipped />
      </Card>
      <ShipmentsCard pc={pc} shipments={p.shipments} staff />
    </Layout>
  )
}
