import { formatMoney } from '../../../core/i18n/format.js'
import { StatCard } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { Balance } from '../ledger.service.js'

/** The client's home block: its balance in each currency, linking to the ledger. */
export function FinanceClientDashboard({ pc, balances }: { pc: PageContext; balances: Balance[] }) {
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
      </div>
    </section>
  )
}
