import { formatNumber } from '../../../core/i18n/format.js'
import { StatCard } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'

export interface SupportDashboardProps {
  pc: PageContext
  client: boolean
  open: number
  mine: number
  unassigned: number
  overdue: number
  waiting: number
}

/** Key figures of the support line on the home page. */
export function SupportDashboard(p: SupportDashboardProps) {
  const { pc } = p
  const n = (v: number) => formatNumber(pc.locale, v)
  return (
    <section class="dashboard-block" aria-label={pc.t('support.title')}>
      <div class="stats">
        {p.client ? (
          <>
            <StatCard label={pc.t('support.home.open_requests')} value={n(p.open)} href="/support/mine" />
            <StatCard
              label={pc.t('support.home.waiting_for_you')}
              value={n(p.waiting)}
              tone={p.waiting > 0 ? 'amber' : undefined}
              href="/support/mine?status=waiting"
            />
          </>
        ) : (
          <>
            <StatCard label={pc.t('support.home.my_queue')} value={n(p.mine)} href="/support?queue=mine" />
            <StatCard
              label={pc.t('support.home.unassigned')}
              value={n(p.unassigned)}
              href="/support?queue=unassigned"
            />
            <StatCard
              label={pc.t('support.home.overdue')}
              value={n(p.overdue)}
              tone={p.overdue > 0 ? 'red' : 'green'}
              href="/support?queue=all&overdue=1"
            />
          </>
        )}
      </div>
    </section>
  )
}
