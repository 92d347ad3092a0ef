import { formatDate, formatNumber } from '../../../core/i18n/format.js'
import { Card, StatCard } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { ContractView } from '../contracts.service.js'
import { daysBetween, StatusBadge } from './contract-bits.js'

export interface ContractsDashboardProps {
  pc: PageContext
  days: number
  ending: ContractView[]
  endingTotal: number
  drafts: number
  today: string
}

/** Staff home: contracts ending soon (each linking to the contract) and the drafts waiting. */
export function ContractsDashboard({ pc, days, ending, endingTotal, drafts, today }: ContractsDashboardProps) {
  const n = (v: number) => formatNumber(pc.locale, v)
  return (
    <section class="contracts-dashboard" aria-label={pc.t('contracts.title')}>
      <div class="stats">
        <StatCard
          label={pc.t('contracts.dashboard_ending', { days })}
          value={n(endingTotal)}
          href={`/contracts?ending=${days}&sort=valid_to&dir=asc`}
          tone={endingTotal > 0 ? 'amber' : undefined}
        />
        <StatCard label={pc.t('contracts.dashboard_drafts')} value={n(drafts)} href="/contracts?status=draft" />
      </div>
      <Card
        title={pc.t('contracts.dashboard_ending', { days })}
        actions={
          endingTotal > ending.length ? (
            <a href={`/contracts?ending=${days}&sort=valid_to&dir=asc`} safe>
              {pc.t('contracts.dashboard_all', { count: n(endingTotal) })}
            </a>
          ) : (
            ''
          )
        }
      >
        {ending.length === 0 ? (
          <p class="muted" safe>
            {pc.t('contracts.dashboard_none_ending', { days })}
          </p>
        ) : (
          <div class="table-scroll">
            <table class="data-table">
              <caption class="visually-hidden" safe>
                {pc.t('contracts.dashboard_ending', { days })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" safe>
                    {pc.t('contracts.number')}
                  </th>
                  <th scope="col" safe>
                    {pc.t('contracts.client')}
                  </th>
                  <th scope="col" safe>
                    {pc.t('contracts.valid_to')}
                  </th>
                  <th scope="col" class="num" safe>
                    {pc.t('contracts.days_left')}
                  </th>
                  <th scope="col" safe>
                    {pc.t('contracts.status')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {ending.map((c) => (
                  <tr>
                    <td>
                      <a href={`/contracts/${encodeURIComponent(c.id)}`} safe>
                        {c.number}
                      </a>
                    </td>
                    <td safe>{c.clientName}</td>
                    <td safe>{formatDate(pc.locale, c.validTo)}</td>
                    <td class="num" safe>
                      {n(daysBetween(today, c.validTo ?? today))}
                    </td>
                    <td>
                      <StatusBadge pc={pc} status={c.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </section>
  )
}
