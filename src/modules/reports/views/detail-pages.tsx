import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDate, formatMoney } from '../../../core/i18n/format.js'
import { EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable } from '../../../core/ui/table.js'
import type { DrillRow } from '../drill.service.js'
import type { PnlParams, PnlReport } from '../pnl.service.js'
import { PnlTable } from './pnl-page.js'
import { queryOf } from './report-format.js'

/** The entries behind one P&L cell, paginated and sortable. */
export function DrillPage(p: { pc: PageContext; lq: ListQuery; page: Page<DrillRow>; title: string }) {
  const { pc } = p
  const columns: Column<DrillRow>[] = [
    {
      key: 'date',
      label: pc.t('reports.date'),
      sortable: true,
      render: (r) => <span safe>{formatDate(pc.locale, r.date)}</span>,
    },
    {
      key: 'kind',
      label: pc.t('reports.kind'),
      render: (r) => <span safe>{pc.t(`reports.entry_kind.${r.kind}`)}</span>,
    },
    {
      key: 'party',
      label: pc.t('reports.party'),
      render: (r) =>
        r.href ? (
          <a href={r.href} safe>
            {r.party ?? '—'}
          </a>
        ) : (
          <span safe>{r.party ?? '—'}</span>
        ),
    },
    { key: 'description', label: pc.t('reports.description'), render: (r) => <span safe>{r.description}</span> },
    {
      key: 'amount',
      label: pc.t('reports.amount'),
      sortable: true,
      align: 'right',
      render: (r) => <span safe>{formatMoney(pc.locale, r.amountMinor, r.currency)}</span>,
    },
  ]
  return (
    <Layout
      pc={pc}
      title={p.title}
      width="wide"
      crumbs={[{ label: pc.t('reports.pnl.title'), href: '/reports/pnl' }, { label: p.title }]}
    >
      <DataTable
        pc={pc}
        id="drill-table"
        path="/reports/pnl/entries"
        lq={p.lq}
        columns={columns}
        rows={p.page.rows}
        total={p.page.total}
        caption={p.title}
        empty={<EmptyState title={pc.t('reports.drill_empty')} />}
      />
    </Layout>
  )
}

export interface ClientIncome {
  clientId: string
  name: string
  incomeMinor: number
}
export interface ManagerIncome {
  managerId: string | null
  name: string | null
  incomeMinor: number
  clients: number
}

/** Income per manager and per client (best first, paginated) for the report's period. */
export function IncomePage(p: {
  pc: PageContext
  params: PnlParams
  lq: ListQuery
  clients: Page<ClientIncome>
  managers: ManagerIncome[]
}) {
  const { pc, params } = p
  const money = (v: number) => formatMoney(pc.locale, v, params.currency)
  const drill = (clientId: string) =>
    `/reports/pnl/entries?${queryOf({ line: 'income', from: params.from, to: params.to, currency: params.currency, basis: params.basis, client: clientId })}`
  const columns: Column<ClientIncome>[] = [
    {
      key: 'rank',
      label: '#',
      render: (r) => <span safe>{String(p.clients.rows.indexOf(r) + 1 + (p.lq.page - 1) * p.lq.per)}</span>,
    },
    {
      key: 'name',
      label: pc.t('reports.client'),
      render: (r) => (
        <a href={drill(r.clientId)} safe>
          {r.name}
        </a>
      ),
    },
    {
      key: 'income',
      label: pc.t('reports.income'),
      align: 'right',
      render: (r) => <span safe>{money(r.incomeMinor)}</span>,
    },
  ]
  const title = pc.t('reports.breakdown.title')
  return (
    <Layout
      pc={pc}
      title={title}
      width="wide"
      crumbs={[{ label: pc.t('reports.pnl.title'), href: `/reports/pnl?${queryOf({ ...params })}` }, { label: title }]}
    >
      <p class="muted" safe>
        {pc.t('reports.pnl.caption', { from: params.from, to: params.to, currency: params.currency })}
      </p>
      <h2 safe>{pc.t('reports.breakdown.managers')}</h2>
      <div class="table-scroll">
        <table class="data-table">
          <caption class="visually-hidden" safe>
            {pc.t('reports.breakdown.managers')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {pc.t('reports.manager')}
              </th>
              <th scope="col" class="num" safe>
                {pc.t('reports.clients')}
              </th>
              <th scope="col" class="num" safe>
                {pc.t('reports.income')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.managers.map((m) => (
              <tr>
                <th scope="row" safe>
                  {m.name ?? pc.t('reports.no_manager')}
                </th>
                <td class="num" safe>
                  {String(m.clients)}
                </td>
                <td class="num" safe>
                  {money(m.incomeMinor)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 safe>{pc.t('reports.breakdown.clients')}</h2>
      <DataTable
        pc={pc}
        id="clients-table"
        path="/reports/income"
        lq={p.lq}
        columns={columns}
        rows={p.clients.rows}
        total={p.clients.total}
        caption={pc.t('reports.breakdown.clients')}
        empty={<EmptyState title={pc.t('reports.drill_empty')} />}
      />
    </Layout>
  )
}

/** A bare printable page: the P&L table and its period, no navigation. */
export function PrintPage({ pc, r }: { pc: PageContext; r: PnlReport }) {
  return (
    <>
      {'<!doctype html>'}
      <html lang={pc.locale}>
        <head>
          <meta charset="utf-8" />
          <title safe>{`${pc.t('reports.pnl.title')} · ${pc.companyName}`}</title>
          <link rel="stylesheet" href="/static/app/app.css" />
        </head>
        <body class="print-page">
          <main>
            <h1 safe>{`${pc.companyName} — ${pc.t('reports.pnl.title')}`}</h1>
            <p safe>{pc.t(`reports.basis.${r.params.basis}`)}</p>
            <PnlTable pc={pc} r={r} />
          </main>
        </body>
      </html>
    </>
  )
}
