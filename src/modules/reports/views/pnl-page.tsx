import type { FieldErrors } from '../../../core/errors.js'
import { formatMoney } from '../../../core/i18n/format.js'
import { Card } from '../../../core/ui/components.js'
import { Field, FormErrors, SelectField } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { PnlLine, PnlParams, PnlReport } from '../pnl.service.js'
import { ExpenseStructureChart, IncomeExpenseChart, ResultTrendChart } from './charts.js'
import { changeText, shareText } from './pnl-bits.js'
import { CHOICES, queryOf } from './report-format.js'

type Params = PnlParams & { preset: string }

const drillHref = (p: PnlParams, line: string, from: string, to: string) =>
  `/reports/pnl/entries?${queryOf({ line, from, to, currency: p.currency, basis: p.basis })}`

function Line({ pc, r, l }: { pc: PageContext; r: PnlReport; l: PnlLine }) {
  const money = (v: number) => formatMoney(pc.locale, v, r.params.currency)
  const drillable = l.key !== 'result'
  const cell = (v: number, from: string, to: string) =>
    drillable && v !== 0 ? (
      <a href={drillHref(r.params, l.key, from, to)} safe>
        {money(v)}
      </a>
    ) : (
      <span safe>{money(v)}</span>
    )
  return (
    <tr class={[l.subtotal ? 'subtotal' : '', l.level === 1 ? 'level-1' : ''].join(' ').trim() || undefined}>
      <th scope="row" safe>
        {l.label}
      </th>
      {r.buckets.map((b, i) => (
        <td class="num">{cell(l.cells[i] ?? 0, b.from, b.to)}</td>
      ))}
      <td class="num total">{cell(l.total, r.params.from, r.params.to)}</td>
      <td class="num" safe>
        {shareText(pc, l.share)}
      </td>
      <td class="num" safe>
        {changeText(pc, l.total, l.prev, r.params.currency)}
      </td>
      <td class="num" safe>
        {changeText(pc, l.total, l.yearAgo, r.params.currency)}
      </td>
    </tr>
  )
}

function Section({
  pc,
  r,
  title,
  lines,
  total,
}: {
  pc: PageContext
  r: PnlReport
  title: string
  lines: PnlLine[]
  total: PnlLine
}) {
  return (
    <tbody>
      <tr class="section">
        <th scope="rowgroup" colspan={String(r.buckets.length + 5)} safe>
          {title}
        </th>
      </tr>
      {lines.map((l) => (
        <Line pc={pc} r={r} l={l} />
      ))}
      <Line pc={pc} r={r} l={total} />
    </tbody>
  )
}

/** The P&L table: a column per period bucket, the total, share and both comparisons. */
export function PnlTable({ pc, r }: { pc: PageContext; r: PnlReport }) {
  return (
    <div class="table-scroll">
      <table class="data-table pnl-table">
        <caption safe>
          {pc.t('reports.pnl.caption', { from: r.params.from, to: r.params.to, currency: r.params.currency })}
        </caption>
        <thead>
          <tr>
            <th scope="col"></th>
            {r.buckets.map((b) => (
              <th scope="col" class="num" safe>
                {b.key}
              </th>
            ))}
            <th scope="col" class="num" safe>
              {pc.t('reports.total')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('reports.share')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('reports.vs_previous', { from: r.previous.from, to: r.previous.to })}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('reports.vs_year_ago', { from: r.yearAgo.from, to: r.yearAgo.to })}
            </th>
          </tr>
        </thead>
        <Section pc={pc} r={r} title={pc.t('reports.income')} lines={r.income} total={r.incomeTotal} />
        <Section pc={pc} r={r} title={pc.t('reports.expenses')} lines={r.expenses} total={r.expenseTotal} />
        <tbody>
          <Line pc={pc} r={r} l={r.result} />
        </tbody>
      </table>
    </div>
  )
}

export function PnlFilters({
  pc,
  params,
  errors,
  currencies,
}: {
  pc: PageContext
  params: Params
  errors?: FieldErrors
  currencies: string[]
}) {
  return (
    <form method="get" action="/reports/pnl" class="filter-bar no-print">
      <SelectField
        pc={pc}
        idPrefix="filter-"
        name="preset"
        label={pc.t('reports.preset')}
        value={params.preset}
        options={CHOICES.presets.map((p) => ({ value: p, label: pc.t(`reports.preset.${p}`) }))}
        emptyLabel={pc.t('reports.preset.custom')}
      />
      <Field
        pc={pc}
        idPrefix="filter-"
        name="from"
        type="date"
        label={pc.t('reports.from')}
        value={params.from}
        errors={errors}
      />
      <Field
        pc={pc}
        idPrefix="filter-"
        name="to"
        type="date"
        label={pc.t('reports.to')}
        value={params.to}
        errors={errors}
      />
      <SelectField
        pc={pc}
        idPrefix="filter-"
        name="group"
        label={pc.t('reports.group')}
        value={params.group}
        options={CHOICES.groupings.map((g) => ({ value: g, label: pc.t(`reports.group.${g}`) }))}
      />
      <SelectField
        pc={pc}
        idPrefix="filter-"
        name="basis"
        label={pc.t('reports.basis')}
        value={params.basis}
        options={CHOICES.bases.map((b) => ({ value: b, label: pc.t(`reports.basis.${b}`) }))}
      />
      <SelectField
        pc={pc}
        idPrefix="filter-"
        name="currency"
        label={pc.t('reports.currency')}
        value={params.currency}
        options={[...new Set([...currencies, params.currency])].sort().map((c) => ({ value: c, label: c }))}
        errors={errors}
      />
      <button type="submit" class="btn" safe>
        {pc.t('reports.show')}
      </button>
    </form>
  )
}

/** The management P&L page: filters, the table, the charts, links to exports, breakdowns and print. */
export function PnlPage(p: {
  pc: PageContext
  params: Params
  report: PnlReport | null
  errors?: FieldErrors
  currencies: string[]
}) {
  const { pc, report: r } = p
  const qs = queryOf({
    from: p.params.from,
    to: p.params.to,
    group: p.params.group,
    basis: p.params.basis,
    currency: p.params.currency,
  })
  return (
    <Layout pc={pc} title={pc.t('reports.pnl.title')} width="wide">
      <PnlFilters pc={pc} params={p.params} errors={p.errors} currencies={p.currencies} />
      <FormErrors pc={pc} errors={p.errors} />
      {r ? (
        <>
          <p class="report-links no-print">
            <a href={`/reports/pnl.csv?${qs}`} safe>
              {pc.t('reports.export_csv')}
            </a>{' '}
            <a href={`/reports/pnl.xlsx?${qs}`} safe>
              {pc.t('reports.export_xlsx')}
            </a>{' '}
            <a href={`/reports/pnl/print?${qs}`} safe>
              {pc.t('reports.print')}
            </a>{' '}
            <a href={`/reports/income?${qs}`} safe>
              {pc.t('reports.breakdown.title')}
            </a>
          </p>
          <p class="muted" safe>
            {pc.t(`reports.basis_hint.${r.params.basis}`)}
          </p>
          <PnlTable pc={pc} r={r} />
          <div class="chart-grid">
            <Card title={pc.t('reports.chart.income_expenses')}>
              <IncomeExpenseChart pc={pc} r={r} />
            </Card>
            <Card title={pc.t('reports.chart.result_trend')}>
              <ResultTrendChart pc={pc} r={r} />
            </Card>
            <Card title={pc.t('reports.chart.expense_structure')}>
              <ExpenseStructureChart pc={pc} r={r} />
            </Card>
          </div>
        </>
      ) : (
        ''
      )}
    </Layout>
  )
}
