import { formatMoney } from '../../../core/i18n/format.js'
import { Badge } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'

/** A client's balance per currency: red when it owes, green when it has credit; a dash without entries. */
export function BalanceCell({
  pc,
  balances,
}: {
  pc: PageContext
  balances: { currency: string; balanceMinor: number }[]
}) {
  if (balances.length === 0) return <span class="muted">—</span>
  return (
    <>
      {balances.map((b) => (
        <div>
          <Badge
            tone={b.balanceMinor < 0 ? 'red' : b.balanceMinor > 0 ? 'green' : 'neutral'}
            label={formatMoney(pc.locale, b.balanceMinor, b.currency)}
          />
        </div>
      ))}
    </>
  )
}
