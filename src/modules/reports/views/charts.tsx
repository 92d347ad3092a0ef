import { formatMoney, formatPercent } from '../../../core/i18n/format.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { PnlReport } from '../pnl.service.js'

// Server-rendered SVG: no script, prints as drawn, names itself with <title>/<desc>; the P&L table
// beside it is the table equivalent.

const W = 640
const H = 240
const PAD = { l: 8, r: 8, t: 12, b: 28 }

/** An axis label: past six periods the year is dropped (`03`, `Q2`) so the labels do not collide. */
const tick = (r: PnlReport, key: string) => (r.buckets.length > 6 && key.length > 4 ? key.slice(5) : key)

function scale(values: number[]) {
  const max = Math.max(0, ...values)
  const min = Math.min(0, ...values)
  const span = max - min || 1
  const y = (v: number) => PAD.t + ((max - v) / span) * (H - PAD.t - PAD.b)
  return { y, zero: y(0) }
}

/** Income and expenses per period as paired bars. */
export function IncomeExpenseChart({ pc, r }: { pc: PageContext; r: PnlReport }) {
  const inc = r.incomeTotal.cells
  const exp = r.expenseTotal.cells
  const { y, zero } = scale([...inc, ...exp])
  const slot = (W - PAD.l - PAD.r) / Math.max(1, r.buckets.length)
  const bar = Math.max(2, Math.min(28, slot / 3))
  const money = (v: number) => formatMoney(pc.locale, v, r.params.currency)
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-ie-title chart-ie-desc" class="chart-svg">
        <title id="chart-ie-title" safe>
          {pc.t('reports.chart.income_expenses')}
        </title>
        <desc id="chart-ie-desc" safe>
          {r.buckets.map((b, i) => `${b.key}: ${money(inc[i] ?? 0)} / ${money(exp[i] ?? 0)}`).join('; ')}
        </desc>
        <line x1={String(PAD.l)} x2={String(W - PAD.r)} y1={String(zero)} y2={String(zero)} class="chart-axis" />
        {r.buckets.map((b, i) => {
          const x = PAD.l + i * slot + slot / 2
          const rect = (v: number, dx: number, cls: string) => (
            <rect
              x={String(x + dx)}
              y={String(Math.min(y(v), zero))}
              width={String(bar)}
              height={String(Math.max(1, Math.abs(y(v) - zero)))}
              class={cls}
            >
              <title safe>{`${b.key}: ${money(v)}`}</title>
            </rect>
          )
          return (
            <g>
              {rect(inc[i] ?? 0, -bar - 1, 'bar-income')}
              {rect(exp[i] ?? 0, 1, 'bar-expense')}
              <text x={String(x)} y={String(H - 8)} text-anchor="middle" class="chart-label" safe>
                {tick(r, b.key)}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption>
        <span class="legend legend-income" safe>
          {pc.t('reports.total_income')}
        </span>{' '}
        <span class="legend legend-expense" safe>
          {pc.t('reports.total_expenses')}
        </span>
      </figcaption>
    </figure>
  )
}

/** The result per period as a line with points. */
export function ResultTrendChart({ pc, r }: { pc: PageContext; r: PnlReport }) {
  const v = r.result.cells
  const { y, zero } = scale(v)
  const slot = (W - PAD.l - PAD.r) / Math.max(1, v.length)
  const pts = v.map((val, i) => [PAD.l + i * slot + slot / 2, y(val)] as const)
  const money = (m: number) => formatMoney(pc.locale, m, r.params.currency)
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-rt-title chart-rt-desc" class="chart-svg">
        <title id="chart-rt-title" safe>
          {pc.t('reports.chart.result_trend')}
        </title>
        <desc id="chart-rt-desc" safe>
          {r.buckets.map((b, i) => `${b.key}: ${money(v[i] ?? 0)}`).join('; ')}
        </desc>
        <line x1={String(PAD.l)} x2={String(W - PAD.r)} y1={String(zero)} y2={String(zero)} class="chart-axis" />
        <polyline points={pts.map(([a, b]) => `${a},${b}`).join(' ')} class="chart-line" fill="none" />
        {pts.map(([a, b], i) => (
          <circle cx={String(a)} cy={String(b)} r="4" class={(v[i] ?? 0) < 0 ? 'point-negative' : 'point-positive'}>
            <title safe>{`${r.buckets[i]?.key}: ${money(v[i] ?? 0)}`}</title>
          </circle>
        ))}
        {r.buckets.map((b, i) => (
          <text x={String(PAD.l + i * slot + slot / 2)} y={String(H - 8)} text-anchor="middle" class="chart-label" safe>
            {tick(r, b.key)}
          </text>
        ))}
      </svg>
    </figure>
  )
}

/** The structure of expenses: one horizontal bar per top-level line, as a share of all expenses. */
export function ExpenseStructureChart({ pc, r }: { pc: PageContext; r: PnlReport }) {
  const lines = r.expenses.filter((l) => l.level === 0 && l.total > 0)
  const rowH = 26
  const h = Math.max(1, lines.length) * rowH + 8
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-labelledby="chart-es-title chart-es-desc" class="chart-svg">
        <title id="chart-es-title" safe>
          {pc.t('reports.chart.expense_structure')}
        </title>
        <desc id="chart-es-desc" safe>
          {lines.map((l) => `${l.label}: ${l.share === null ? '—' : formatPercent(pc.locale, l.share)}`).join('; ')}
        </desc>
        {lines.map((l, i) => {
          const width = Math.max(1, (l.share ?? 0) * (W - 290))
          return (
            <g>
              <text x="0" y={String(i * rowH + 18)} class="chart-label chart-name" safe>
                {l.label.slice(0, 20)}
              </text>
              <rect x="200" y={String(i * rowH + 6)} width={String(width)} height="16" class="bar-expense" />
              <text x={String(206 + width)} y={String(i * rowH + 18)} class="chart-label chart-name" safe>
                {l.share === null ? '—' : formatPercent(pc.locale, l.share)}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
