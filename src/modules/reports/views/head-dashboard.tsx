import { formatMoney, formatNumber } from '../../../core/i18n/format.js'
import { Card } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { Range } from '../periods.js'
import { Change } from './pnl-bits.js'

export interface KeyFigures {
  currency: string
  thisMonth: Range
  lastMonth: Range
  income: { cur: number; last: number }
  expenses: { cur: number; last: number }
  result: { cur: number; last: number }
  debtMinor: number
  overdueInvoices: number
  overdueInvoicesMinor: number
  overdueRequests: number | null
}

/** Key figures for the head: this month vs last month, debt, overdue payment requests and support requests. */
export function HeadDashboard({ pc, k }: { pc: PageContext; k: KeyFigures }) {
  const money = (m: number) => formatMoney(pc.locale, m, k.currency)
  const pnl = `/reports/pnl?preset=this_month&currency=${k.currency}`
  const row = (label: string, v: { cur: number; last: number }, line: string) => (
    <tr>
      <th scope="row">
        <a
          href={`/reports/pnl/entries?line=${line}&from=${k.thisMonth.from}&to=${k.thisMonth.to}&currency=${k.currency}`}
          safe
        >
          {label}
        </a>
      </th>
      <td class="num" safe>
        {money(v.cur)}
      </td>
      <td class="num" safe>
        {money(v.last)}
      </td>
      <td class="num">
        <Change pc={pc} current={v.cur} base={v.last} currency={k.currency} />
      </td>
    </tr>
  )
  return (
    <Card
      title={pc.t('reports.dashboard.title')}
      actions={
        <a href={pnl} safe>
          {pc.t('reports.pnl.title')}
        </a>
      }
    >
      <div class="table-scroll">
        <table class="data-table">
          <caption class="visually-hidden" safe>
            {pc.t('reports.dashboard.title')}
          </caption>
          <thead>
            <tr>
              <th scope="col"></th>
              <th scope="col" class="num" safe>
                {pc.t('reports.dashboard.this_month')}
              </th>
              <th scope="col" class="num" safe>
                {pc.t('reports.dashboard.last_month')}
              </th>
              <th scope="col" class="num" safe>
                {pc.t('reports.change')}
              </th>
            </tr>
          </thead>
          <tbody>
            {row(pc.t('reports.total_income'), k.income, 'income')}
            {row(pc.t('reports.total_expenses'), k.expenses, 'expense')}
            <tr>
              <th scope="row">
                <a href={pnl} safe>
                  {pc.t('reports.result')}
                </a>
              </th>
              <td class="num" safe>
                {money(k.result.cur)}
              </td>
              <td class="num" safe>
                {money(k.result.last)}
              </td>
              <td class="num">
                <Change pc={pc} current={k.result.cur} base={k.result.last} currency={k.currency} />
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <ul class="key-figures">
        <li>
          <a href="/finance/clients" safe>
            {pc.t('reports.dashboard.debt', { amount: money(k.debtMinor) })}
          </a>
        </li>
        <li>
          <a href="/finance/invoices?overdue=1" safe>
            {pc.t('reports.dashboard.overdue_invoices', {
              n: formatNumber(pc.locale, k.overdueInvoices),
              amount: money(k.overdueInvoicesMinor),
            })}
          </a>
        </li>
        {k.overdueRequests === null ? (
          ''
        ) : (
          <li>
            <a href="/support/reports/overdue" safe>
              {pc.t('reports.dashboard.overdue_requests', { n: formatNumber(pc.locale, k.overdueRequests) })}
            </a>
          </li>
        )}
      </ul>
    </Card>
  )
}
