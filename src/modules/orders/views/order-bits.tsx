import { formatDate, formatMoney, formatNumber, formatPercent } from '../../../core/i18n/format.js'
import { Badge } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { Workflow } from '../order-workflow.js'
import type { OrderView } from '../orders.service.js'

/** A status's label in the page's language ("shown as is" for a key the workflow no longer has). */
export function statusText(pc: PageContext, w: Workflow, key: string): string {
  const s = w.statuses.find((x) => x.key === key)
  return s ? s.label[pc.locale] || s.label.en || key : key
}

export const OrderStatusBadge = ({ pc, w, status }: { pc: PageContext; w: Workflow; status: string }) => (
  <Badge tone={w.statuses.find((s) => s.key === status)?.tone ?? 'grey'} label={statusText(pc, w, status)} />
)

export const statusOptions = (pc: PageContext, w: Workflow, open?: boolean) =>
  w.statuses
    .filter((s) => open === undefined || s.open === open)
    .map((s) => ({ value: s.key, label: statusText(pc, w, s.key) }))

export const moneyText = (pc: PageContext, minor: number | null, currency: string) =>
  minor === null ? '—' : formatMoney(pc.locale, minor, currency)

/** An order's total, or "price to follow" while a line still waits for its price. */
export const orderTotalText = (pc: PageContext, o: Pick<OrderView, 'isPriced' | 'totalMinor' | 'currency'>) =>
  o.isPriced ? formatMoney(pc.locale, o.totalMinor, o.currency) : pc.t('orders.price_pending')

/** A quantity in thousandths with its unit: "1.5 kg", "12 db". */
export const quantityDisplay = (pc: PageContext, milli: number, unit: string) =>
  `${formatNumber(pc.locale, milli / 1000, { maximumFractionDigits: 3 })} ${unit}`

export const vatRateText = (pc: PageContext, bp: number | null) =>
  bp === null ? '—' : formatPercent(pc.locale, bp / 10000, 2)

export const dateText = (pc: PageContext, date: string | null) => (date ? formatDate(pc.locale, date) : '—')

/** Tabs for current orders and the archive (plain links; the other filters are kept). */
export function ViewTabs(p: {
  pc: PageContext
  path: string
  view: 'current' | 'archive'
  keep: Record<string, string>
}) {
  const href = (view: string) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(p.keep))
      if (v && k !== 'status' && k !== 'page' && k !== 'view') params.set(k, v)
    if (view === 'archive') params.set('view', 'archive')
    const qs = params.toString()
    return qs ? `${p.path}?${qs}` : p.path
  }
  return (
    <nav class="tabs" aria-label={p.pc.t('orders.views')}>
      <ul>
        {(['current', 'archive'] as const).map((v) => (
          <li>
            <a
              href={href(v)}
              class={v === p.view ? 'active' : undefined}
              aria-current={v === p.view ? 'page' : undefined}
              safe
            >
              {p.pc.t(`orders.view.${v}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** Date range inputs for a filter bar. */
export function DateRange(p: { pc: PageContext; from: string; to: string }) {
  return (
    <>
      <label class="filter-select">
        <span class="visually-hidden" safe>
          {p.pc.t('orders.date_from')}
        </span>
        <input type="date" name="from" value={p.from} aria-label={p.pc.t('orders.date_from')} />
      </label>
      <label class="filter-select">
        <span class="visually-hidden" safe>
          {p.pc.t('orders.date_to')}
        </span>
        <input type="date" name="to" value={p.to} aria-label={p.pc.t('orders.date_to')} />
      </label>
    </>
  )
}
