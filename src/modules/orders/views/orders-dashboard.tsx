import { formatMoney, formatNumber } from '../../../core/i18n/format.js'
import { Card, StatCard } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { StatusFigure } from '../order-overview.service.js'
import type { Workflow } from '../order-workflow.js'
import type { OrderView } from '../orders.service.js'
import { dateText, OrderStatusBadge, orderTotalText, statusText } from './order-bits.js'

function OrdersTable(p: { pc: PageContext; w: Workflow; rows: OrderView[]; caption: string; withClient: boolean }) {
  const { pc } = p
  return (
    <div class="table-scroll">
      <table class="data-table">
        <caption class="visually-hidden" safe>
          {p.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {pc.t('orders.number')}
            </th>
            {p.withClient ? (
              <th scope="col" safe>
                {pc.t('orders.client')}
              </th>
            ) : (
              ''
            )}
            <th scope="col" safe>
              {pc.t('orders.order_date')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('orders.total')}
            </th>
            <th scope="col" safe>
              {pc.t('orders.status')}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((o) => (
            <tr>
              <td>
                <a href={`/orders/${encodeURIComponent(o.id)}`} safe>
                  {o.number}
                </a>
              </td>
              {p.withClient ? <td safe>{o.clientName}</td> : ''}
              <td safe>{dateText(pc, o.orderDate)}</td>
              <td class="num nowrap" safe>
                {orderTotalText(pc, o)}
              </td>
              <td>
                <OrderStatusBadge pc={pc} w={p.w} status={o.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Manager home: orders waiting for action (new or confirmed) of the manager's clients, oldest first. */
export function WaitingOrdersBlock(p: {
  pc: PageContext
  w: Workflow
  rows: OrderView[]
  counts: { status: string; count: number }[]
  total: number
}) {
  const { pc } = p
  const title = pc.t('orders.dashboard.waiting')
  return (
    <section aria-label={title}>
      <div class="stats">
        {p.counts.map((c) => (
          <StatCard
            label={statusText(pc, p.w, c.status)}
            value={formatNumber(pc.locale, c.count)}
            href={`/orders?status=${encodeURIComponent(c.status)}&sort=order_date&dir=asc`}
            tone={c.count > 0 ? 'amber' : undefined}
          />
        ))}
      </div>
      <Card title={title}>
        {p.rows.length === 0 ? (
          <p class="muted" safe>
            {pc.t('orders.dashboard.none_waiting')}
          </p>
        ) : (
          <OrdersTable pc={pc} w={p.w} rows={p.rows} caption={title} withClient />
        )}
      </Card>
    </section>
  )
}

/** Head home: every status with its number of orders and their value in the company's currency. */
export function OrdersByStatusBlock(p: { pc: PageContext; w: Workflow; currency: string; figures: StatusFigure[] }) {
  const { pc } = p
  const title = pc.t('orders.dashboard.by_status', { currency: p.currency })
  const n = (v: number) => formatNumber(pc.locale, v)
  return (
    <Card title={title}>
      <div class="table-scroll">
        <table class="data-table">
          <caption class="visually-hidden" safe>
            {title}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {pc.t('orders.status')}
              </th>
              <th scope="col" class="num" safe>
                {pc.t('orders.dashboard.count')}
              </th>
              <th scope="col" class="num" safe>
                {pc.t('orders.dashboard.value', { currency: p.currency })}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.figures.map((f) => {
              const open = p.w.statuses.find((s) => s.key === f.status)?.open
              return (
                <tr>
                  <th scope="row">
                    <a
                      href={`/orders?${open ? '' : 'view=archive&'}status=${encodeURIComponent(f.status)}`}
                      aria-label={statusText(pc, p.w, f.status)}
                    >
                      <OrderStatusBadge pc={pc} w={p.w} status={f.status} />
                    </a>
                  </th>
                  <td class="num" safe>
                    {n(f.count)}
                  </td>
                  <td class="num nowrap">
                    <span safe>{formatMoney(pc.locale, f.totalMinor, p.currency)}</span>
                    {f.otherCurrency > 0 ? (
                      <div class="muted" safe>
                        {pc.t('orders.dashboard.other_currency', { count: n(f.otherCurrency) })}
                      </div>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </Card>
  )
}

/** Client home: the number of current orders and the latest of them. */
export function MyOrdersBlock(p: { pc: PageContext; w: Workflow; rows: OrderView[]; total: number }) {
  const { pc } = p
  const title = pc.t('orders.dashboard.my_current')
  return (
    <section aria-label={title}>
      <div class="stats">
        <StatCard label={title} value={formatNumber(pc.locale, p.total)} href="/orders/mine" />
      </div>
      {p.rows.length ? (
        <Card title={title}>
          <OrdersTable pc={pc} w={p.w} rows={p.rows} caption={title} withClient={false} />
        </Card>
      ) : (
        ''
      )}
    </section>
  )
}
