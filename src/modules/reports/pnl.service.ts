import type { Ctx } from '../../core/ctx.js'
import { ValidationError } from '../../core/errors.js'
import { isCurrencyCode } from '../../core/money/money.js'
import { listExpenseCategories, listIncomeCategories } from '../finance/index.js'
import {
  type Bucket,
  bucketOf,
  bucketsOf,
  daysBetween,
  GROUPINGS,
  type Grouping,
  mergeRanges,
  previousPeriod,
  type Range,
  yearEarlier,
} from './periods.js'
import { BASES, type Basis, type DayRow, expensesByDay, INCOME_SIGN, incomeByDay } from './pnl.queries.js'

export const REPORTS = 'reports.read'

export interface PnlParams extends Range {
  group: Grouping
  basis: Basis
  currency: string
}

/** One line of the P&L: figures per period bucket, the total, its share and its comparisons. */
export interface PnlLine {
  /** Drill-down key: `goods`, `svc:<id>|none`, `fee`, `credit`, `payment`, `top_up`, `exp:<id>|none`, `expp:<id>`, `income`, `expense`, `result`. */
  key: string
  label: string
  /** 1: a subcategory under its parent's subtotal line. */
  level: 0 | 1
  subtotal: boolean
  cells: number[]
  total: number
  /** Of total income (income lines, and the result: its margin) or of total expenses; null on a zero total. */
  share: number | null
  prev: number
  yearAgo: number
}

export interface PnlReport {
  params: PnlParams
  buckets: Bucket[]
  previous: Range
  yearAgo: Range
  income: PnlLine[]
  incomeTotal: PnlLine
  expenses: PnlLine[]
  expenseTotal: PnlLine
  result: PnlLine
}

export { change } from './views/report-format.js'

/** Refuses a bad period, grouping, basis or currency with field errors. */
export function checkParams(p: PnlParams): void {
  const fields: Record<string, string> = {}
  const date = /^\d{4}-\d{2}-\d{2}$/
  const valid = (d: string) => date.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d)
  if (!valid(p.from)) fields.from = 'reports.error.date'
  if (!valid(p.to)) fields.to = 'reports.error.date'
  if (!fields.from && !fields.to && p.from > p.to) fields.to = 'reports.error.order'
  if (!fields.from && !fields.to && daysBetween(p.from, p.to) > 366 * 10) fields.to = 'reports.error.too_long'
  if (!GROUPINGS.includes(p.group)) fields.group = 'form.invalid_choice'
  if (!BASES.includes(p.basis)) fields.basis = 'form.invalid_choice'
  if (!isCurrencyCode(p.currency)) fields.currency = 'reports.error.currency'
  if (Object.keys(fields).length) throw new ValidationError(fields)
}

type Sums = Map<string, Map<string, number>>

const add = (s: Sums, key: string, bucket: string, amount: number) => {
  const m = s.get(key) ?? new Map<string, number>()
  m.set(bucket, (m.get(bucket) ?? 0) + amount)
  s.set(key, m)
}

const within = (day: string, r: Range) => day >= r.from && day <= r.to

/**
 * Day rows folded into the report's figures: the period's by line and bucket, the previous
 * period's and the year-earlier period's by line (one bucket each). A day may count in several.
 */
function collect(
  rows: DayRow[],
  keyOf: (r: DayRow) => string,
  sign: number,
  g: Grouping,
  periods: { cur: Range; prev: Range; year: Range },
): Figures {
  const f: Figures = { cur: new Map(), prev: new Map(), year: new Map() }
  for (const r of rows) {
    const k = keyOf(r)
    const amount = sign * r.total
    if (within(r.day, periods.cur)) add(f.cur, k, bucketOf(r.day.slice(0, 7), g), amount)
    if (within(r.day, periods.prev)) add(f.prev, k, '', amount)
    if (within(r.day, periods.year)) add(f.year, k, '', amount)
  }
  return f
}

const totalOf = (s: Sums, key: string) => [...(s.get(key)?.values() ?? [])].reduce((a, b) => a + b, 0)

const incomeKey = (r: DayRow) =>
  r.kind === 'shipment'
    ? 'goods'
    : r.kind === 'service'
      ? `svc:${r.category_id ?? 'none'}`
      : r.kind === 'fee'
        ? 'fee'
        : r.kind === 'credit_note'
          ? 'credit'
          : r.kind
const expenseKey = (r: DayRow) => `exp:${r.category_id ?? 'none'}`

interface Figures {
  cur: Sums
  prev: Sums
  year: Sums
}

function lineOf(
  f: Figures,
  buckets: Bucket[],
  keys: string[],
  key: string,
  label: string,
  level: 0 | 1,
  subtotal = false,
): PnlLine {
  const cells = buckets.map((b) => keys.reduce((s, k) => s + (f.cur.get(k)?.get(b.key) ?? 0), 0))
  return {
    key,
    label,
    level,
    subtotal,
    cells,
    total: cells.reduce((a, b) => a + b, 0),
    share: null,
    prev: keys.reduce((s, k) => s + totalOf(f.prev, k), 0),
    yearAgo: keys.reduce((s, k) => s + totalOf(f.year, k), 0),
  }
}

const nonZero = (l: PnlLine) => l.total !== 0 || l.prev !== 0 || l.yearAgo !== 0 || l.cells.some((c) => c !== 0)

/** Sums several lines into one (totals, the result). */
function combine(key: string, label: string, parts: { line: PnlLine; sign: number }[], n: number): PnlLine {
  const sum = (get: (l: PnlLine) => number) => parts.reduce((s, p) => s + p.sign * get(p.line), 0)
  return {
    key,
    label,
    level: 0,
    subtotal: true,
    cells: Array.from({ length: n }, (_, i) => sum((l) => l.cells[i] ?? 0)),
    total: sum((l) => l.total),
    share: null,
    prev: sum((l) => l.prev),
    yearAgo: sum((l) => l.yearAgo),
  }
}

const withShare = (lines: PnlLine[], total: number) =>
  lines.map((l) => ({ ...l, share: total === 0 ? null : l.total / total }))

/**
 * The management P&L of one currency: income by category (accrual: goods, each service type,
 * services without a type, fees, credit notes; cash: payments and top-ups received), expenses by
 * the two-level category tree with subtotals, totals and the result, per period bucket, each line
 * with its share and its change against the previous period and the same period a year earlier.
 */
export async function pnlReport(ctx: Ctx, p: PnlParams): Promise<PnlReport> {
  ctx.require(REPORTS)
  checkParams(p)
  const t = ctx.services.catalog.translator(ctx.locale)
  const buckets = bucketsOf(p, p.group)
  const previous = previousPeriod(p)
  const yearAgo = yearEarlier(p)
  const sign = INCOME_SIGN[p.basis]
  // One scan per table covers the period and both comparisons: they are merged into disjoint
  // ranges (a year and the year before it are one range of two years).
  const periods = { cur: { from: p.from, to: p.to }, prev: previous, year: yearAgo }
  const ranges = mergeRanges([periods.cur, previous, yearAgo])
  const fi = collect(await incomeByDay(ctx, p.currency, ranges, p.basis), incomeKey, sign, p.group, periods)
  const fe = collect(await expensesByDay(ctx, p.currency, ranges), expenseKey, 1, p.group, periods)

  let income: PnlLine[]
  if (p.basis === 'cash') {
    income = [
      lineOf(fi, buckets, ['payment'], 'payment', t('reports.line.payment'), 0),
      lineOf(fi, buckets, ['top_up'], 'top_up', t('reports.line.top_up'), 0),
    ]
  } else {
    const services = (await listIncomeCategories(ctx)).map((c) =>
      lineOf(fi, buckets, [`svc:${c.id}`], `svc:${c.id}`, c.name, 0),
    )
    income = [
      lineOf(fi, buckets, ['goods'], 'goods', t('reports.line.goods'), 0),
      ...services.filter(nonZero),
      lineOf(fi, buckets, ['svc:none'], 'svc:none', t('reports.line.services_other'), 0),
      lineOf(fi, buckets, ['fee'], 'fee', t('reports.line.fees'), 0),
      ...[lineOf(fi, buckets, ['credit'], 'credit', t('reports.line.credit_notes'), 0)].filter(nonZero),
    ]
  }
  const incomeTotal = combine(
    'income',
    t('reports.total_income'),
    income.map((line) => ({ line, sign: 1 })),
    buckets.length,
  )
  const expenses = expenseLines(fe, buckets, await listExpenseCategories(ctx), t)
  const leaves = expenses.filter((l) => !l.subtotal)
  const expenseTotal = combine(
    'expense',
    t('reports.total_expenses'),
    leaves.map((line) => ({ line, sign: 1 })),
    buckets.length,
  )
  const result = combine(
    'result',
    t('reports.result'),
    [
      { line: incomeTotal, sign: 1 },
      { line: expenseTotal, sign: -1 },
    ],
    buckets.length,
  )
  return {
    params: p,
    buckets,
    previous,
    yearAgo,
    income: withShare(income, incomeTotal.total),
    incomeTotal: { ...incomeTotal, share: incomeTotal.total === 0 ? null : 1 },
    expenses: withShare(expenses, expenseTotal.total),
    expenseTotal: { ...expenseTotal, share: expenseTotal.total === 0 ? null : 1 },
    result: { ...result, share: incomeTotal.total === 0 ? null : result.total / incomeTotal.total },
  }
}

type Cat = Awaited<ReturnType<typeof listExpenseCategories>>[number]

/** The expense tree: a parent with children gets a subtotal line, its children (and its own expenses) under it. */
function expenseLines(
  f: Figures,
  buckets: Bucket[],
  cats: Cat[],
  t: (k: string, p?: Record<string, string>) => string,
) {
  const out: PnlLine[] = []
  for (const parent of cats.filter((c) => c.parentId === null)) {
    const children = cats.filter((c) => c.parentId === parent.id)
    if (children.length === 0) {
      const line = lineOf(f, buckets, [`exp:${parent.id}`], `exp:${parent.id}`, parent.name, 0)
      if (nonZero(line)) out.push(line)
      continue
    }
    const lines = [
      lineOf(
        f,
        buckets,
        [`exp:${parent.id}`],
        `exp:${parent.id}`,
        t('reports.line.parent_own', { name: parent.name }),
        1,
      ),
      ...children.map((c) => lineOf(f, buckets, [`exp:${c.id}`], `exp:${c.id}`, c.name, 1)),
    ].filter(nonZero)
    if (lines.length === 0) continue
    const keys = [parent.id, ...children.map((c) => c.id)].map((id) => `exp:${id}`)
    out.push(lineOf(f, buckets, keys, `expp:${parent.id}`, parent.name, 0, true), ...lines)
  }
  const none = lineOf(f, buckets, ['exp:none'], 'exp:none', t('reports.line.uncategorised'), 0)
  if (nonZero(none)) out.push(none)
  return out
}
