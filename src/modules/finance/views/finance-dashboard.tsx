import { formatDate, formatMoney, formatNumber } from '../../../core/i18n/format.js'
import { Card, StatCard } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { InvoiceView } from '../invoice.service.js'
import type { Balance } from '../ledger.service.js'
import { InvoiceStatusBadge } from './invoice-bits.js'

/** The client's home block: its balance in each currency and its unpaid payment requests. */
export function FinanceClientDashboard({
  pc,
  balances,
  unpaid,
}: {
  pc: PageContext
  balances: Balance[]
  unpaid: { currency: string; count: number; dueMinor: number }[]
}) {
  return (
    <section class="finance-dashboard" aria-label={pc.t('finance.balance')}>
      <div class="stats">
        {balances.map((b) => (
          <StatCard
            label={pc.t(b.balanceMinor < 0 ? 'finance.balance_due' : 'finance.balance_credit', {
              currency: b.currency,
            })}
            value={formatMoney(pc.locale, Math.abs(b.balanceMinor), b.currency)}
            href={`/finance/ledger?currency=${b.currency}`}
            tone={b.balanceMinor < 0 ? 'red' : b.balanceMinor > 0 ? 'green' : undefined}
          />
        ))}
        {unpaid.map((u) => (
          <StatCard
            label={pc.t('finance.dashboard_unpaid', { currency: u.currency })}
            value={pc.t('finance.dashboard_unpaid_value', {
              count: formatNumber(pc.locale, u.count),
              amount: formatMoney(pc.locale, u.dueMinor, u.currency),
            })}
            href="/finance/invoices/mine?status=issued"
            tone="amber"
          />
        ))}
      </div>
    </section>
  )
}

/** The head's home block: overdue payment requests, oldest due first. */
export function OverdueDashboard({
  pc,
  overdue,
  total,
  today,
}: {
  pc: PageContext
  overdue: InvoiceView[]
  total: number
  today: string
}) {
  return (
    <section class="finance-dashboard" aria-label={pc.t('finance.dashboard_overdue')}>
      <div class="stats">
        <StatCard
          label={pc.t('finance.dashboard_overdue')}
          value={formatNumber(pc.locale, total)}
          href="/finance/invoices?overdue=1&sort=due_date&dir=asc"
          tone={total > 0 ? 'red' : undefined}
        />
      </div>
      {overdue.length ? (
        <Card
          title={pc.t('finance.dashboard_overdue')}
          actions={
            <a href="/finance/invoices?overdue=1&sort=due_date&dir=asc" safe>
              {pc.t('finance.dashboard_overdue_all', { count: formatNumber(pc.locale, total) })}
            </a>
          }
        >
          <ul class="plain-list">
            {overdue.map((i) => (
              <li>
                <a href={`/finance/invoices/${encodeURIComponent(i.id)}`} safe>
                  {i.number ?? ''}
                </a>{' '}
                <span
                  safe
                >{`${i.clientName} · ${formatMoney(pc.locale, i.totalMinor - i.paidMinor, i.currency)} · ${formatDate(pc.locale, i.dueDate)}`}</span>{' '}
                <InvoiceStatusBadge pc={pc} invoice={i} today={today} />
              </li>
            ))}
          </ul>
        </Card>
      ) : (
        ''
      )}
    </section>
  )
}
