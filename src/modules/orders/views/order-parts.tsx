import { formatDateTime } from '../../../core/i18n/format.js'
import { Card, Details, EmptyState, Timeline } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { StatusHistoryItem } from '../order-status.service.js'
import type { Workflow } from '../order-workflow.js'
import type { OrderLineView, OrderView } from '../orders.service.js'
import type { ShipmentView } from '../shipments.service.js'
import { dateText, moneyText, OrderStatusBadge, quantityDisplay, statusText, vatRateText } from './order-bits.js'

/** The order's facts: client, dates, contract, delivery, comment, who placed it. */
export function OrderFacts(p: {
  pc: PageContext
  order: OrderView
  w: Workflow
  staff: boolean
  createdByName?: string | null
}) {
  const { pc, order: o } = p
  const rows: [string, JSX.Element][] = [
    [pc.t('orders.status'), <OrderStatusBadge pc={pc} w={p.w} status={o.status} />],
    [pc.t('orders.order_date'), <span safe>{dateText(pc, o.orderDate)}</span>],
  ]
  if (p.staff)
    rows.unshift([
      pc.t('orders.client'),
      <a href={`/clients/${encodeURIComponent(o.clientId)}`} safe>
        {o.clientName}
      </a>,
    ])
  if (o.contractNumber) rows.push([pc.t('orders.contract'), <span safe>{o.contractNumber}</span>])
  rows.push(
    [pc.t('orders.desired_date'), <span safe>{dateText(pc, o.desiredDate)}</span>],
    [
      pc.t('orders.delivery_address'),
      <span class="pre-line" safe>
        {o.deliveryAddress ?? '—'}
      </span>,
    ],
  )
  if (o.comment)
    rows.push([
      pc.t('orders.comment'),
      <span class="pre-line" safe>
        {o.comment}
      </span>,
    ])
  rows.push([
    pc.t('orders.created'),
    <span safe>
      {[formatDateTime(pc.locale, o.createdAt, pc.timeZone), p.createdByName, pc.t(`orders.via.${o.createdVia}`)]
        .filter(Boolean)
        .join(' · ')}
    </span>,
  ])
  return <Details rows={rows} />
}

/** The lines with their amounts and the order's totals; staff also see how much of each has been shipped. */
export function LinesTable(p: { pc: PageContext; order: OrderView; lines: OrderLineView[]; showShipped: boolean }) {
  const { pc, order: o } = p
  const m = (v: number | null) => moneyText(pc, v, o.currency)
  return (
    <div class="table-scroll">
      <table class="data-table">
        <caption class="visually-hidden" safe>
          {pc.t('orders.lines')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {pc.t('orders.item')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('orders.quantity')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('orders.unit_price')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('orders.net')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('orders.vat')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('orders.line_total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {p.lines.map((l) => (
            <tr>
              <td>
                <span safe>{l.name}</span>
                {l.sku ? (
                  <div class="muted mono" safe>
                    {l.sku}
                  </div>
                ) : (
                  ''
                )}
              </td>
              <td class="num nowrap">
                <span safe>{quantityDisplay(pc, l.quantityMilli, l.unit)}</span>
                {p.showShipped && l.shippedMilli > 0 ? (
                  <div class="muted" safe>
                    {pc.t('orders.shipped_of', { quantity: quantityDisplay(pc, l.shippedMilli, l.unit) })}
                  </div>
                ) : (
                  ''
                )}
              </td>
              <td class="num nowrap" safe>
                {l.unitPriceMinor === null ? pc.t('orders.price_pending') : m(l.unitPriceMinor)}
              </td>
              <td class="num nowrap" safe>
                {m(l.netMinor)}
              </td>
              <td class="num nowrap">
                <span safe>{m(l.vatMinor)}</span>
                {l.vatRateBp === null ? (
                  ''
                ) : (
                  <div class="muted" safe>
                    {vatRateText(pc, l.vatRateBp)}
                  </div>
                )}
              </td>
              <td class="num nowrap" safe>
                {m(l.totalMinor)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="3" safe>
              {o.isPriced ? pc.t('orders.totals') : pc.t('orders.totals_pending')}
            </th>
            <td class="num nowrap" safe>
              {m(o.netMinor)}
            </td>
            <td class="num nowrap" safe>
              {m(o.vatMinor)}
            </td>
            <td class="num nowrap">
              <strong safe>{m(o.totalMinor)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

/** Shipments: date, kind, carrier and tracking number, what left; the staff note for staff only. */
export function ShipmentsCard(p: { pc: PageContext; shipments: ShipmentView[]; staff: boolean }) {
  const { pc } = p
  if (p.shipments.length === 0) return ''
  return (
    <Card title={pc.t('orders.shipments')}>
      {p.shipments.map((s) => (
        <div class="card-summary">
          <p>
            <strong safe>{`${pc.t(`orders.shipment_kind.${s.kind}`)} · ${dateText(pc, s.shippedAt)}`}</strong>
          </p>
          {s.carrier || s.trackingNumber ? (
            <p safe>
              {[s.carrier, s.trackingNumber ? pc.t('orders.tracking', { number: s.trackingNumber }) : null]
                .filter(Boolean)
                .join(' · ')}
            </p>
          ) : (
            ''
          )}
          {s.lines.length ? (
            <ul class="plain-list">
              {s.lines.map((l) => (
                <li safe>{`${l.name} — ${quantityDisplay(pc, l.quantityMilli, l.unit)}`}</li>
              ))}
            </ul>
          ) : (
            <p class="muted" safe>
              {pc.t('orders.shipment_confirms')}
            </p>
          )}
          {s.lines.length ? (
            <p class="muted" safe>
              {pc.t('orders.shipment_value', { amount: moneyText(pc, s.totalMinor, s.currency) })}
            </p>
          ) : (
            ''
          )}
          {p.staff && s.note ? (
            <p class="pre-line muted" safe>
              {s.note}
            </p>
          ) : (
            ''
          )}
        </div>
      ))}
    </Card>
  )
}

/** The status history as a timeline, newest first; internal comments are marked (and only staff get them). */
export function HistoryCard(p: { pc: PageContext; w: Workflow; history: StatusHistoryItem[] }) {
  const { pc, w } = p
  const items = p.history
    .slice()
    .reverse()
    .map((h) => ({
      at: formatDateTime(pc.locale, h.at, pc.timeZone),
      who: h.by ?? '—',
      text:
        (h.from === null
          ? pc.t('orders.history_created', { status: statusText(pc, w, h.to) })
          : `${statusText(pc, w, h.from)} → ${statusText(pc, w, h.to)}`) + (h.comment ? ` · ${h.comment}` : ''),
      internal: h.internal,
      internalLabel: pc.t('orders.internal'),
    }))
  return (
    <Card title={pc.t('orders.history')}>
      {items.length ? <Timeline items={items} /> : <EmptyState title={pc.t('orders.no_history')} />}
    </Card>
  )
}
