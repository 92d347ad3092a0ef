import { Card } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { StatusHistoryItem } from '../order-status.service.js'
import type { Workflow } from '../order-workflow.js'
import type { OrderLineView, OrderView } from '../orders.service.js'
import type { ShipmentView } from '../shipments.service.js'
import { HistoryCard, LinesTable, OrderFacts, ShipmentsCard } from './order-parts.js'

/** A client user's view of one of its orders: facts, lines, shipments, the status timeline (no internal comments). */
export function MyOrderPage(p: {
  pc: PageContext
  order: OrderView
  lines: OrderLineView[]
  history: StatusHistoryItem[]
  shipments: ShipmentView[]
  w: Workflow
  createdByName: string | null
}) {
  const { pc, order: o } = p
  return (
    <Layout
      pc={pc}
      title={pc.t('orders.order_title', { number: o.number })}
      width="wide"
      crumbs={[{ label: pc.t('orders.mine_title'), href: '/orders/mine' }, { label: o.number }]}
    >
      {o.isPriced ? (
        ''
      ) : (
        <p class="banner banner-info" safe>
          {pc.t('orders.prices_to_follow')}
        </p>
      )}
      <div class="grid-2">
        <Card title={pc.t('orders.details')}>
          <OrderFacts pc={pc} order={o} w={p.w} staff={false} createdByName={p.createdByName} />
        </Card>
        <HistoryCard pc={pc} w={p.w} history={p.history} />
      </div>
      <Card title={pc.t('orders.lines')}>
        <LinesTable pc={pc} order={o} lines={p.lines} showShipped={false} />
      </Card>
      <ShipmentsCard pc={pc} shipments={p.shipments} staff={false} />
    </Layout>
  )
}
