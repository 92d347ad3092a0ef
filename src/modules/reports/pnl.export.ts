import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Ctx } from '../../core/ctx.js'
import { currencyDigits, minorToDecimal } from '../../core/i18n/format.js'
import { change, type PnlLine, type PnlReport } from './pnl.service.js'

// A spreadsheet runs a cell that starts with = + - @ as a formula: such text gets an apostrophe.
function csvCell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const s = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[";\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s
}
const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(';')}\r\n`

const lines = (r: PnlReport): PnlLine[] => [...r.income, r.incomeTotal, ...r.expenses, r.expenseTotal, r.result]
const round4 = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000)

function columns(ctx: Ctx, r: PnlReport) {
  const t = ctx.services.catalog.translator(ctx.locale)
  const major = (m: number) => Number(minorToDecimal(m, r.params.currency))
  return [
    {
      header: t('reports.line'),
      kind: 'text' as const,
      value: (l: PnlLine) => (l.level === 1 ? `  ${l.label}` : l.label),
    },
    ...r.buckets.map((b, i) => ({
      header: b.key,
      kind: 'money' as const,
      value: (l: PnlLine) => major(l.cells[i] ?? 0),
    })),
    { header: t('reports.total'), kind: 'money' as const, value: (l: PnlLine) => major(l.total) },
    { header: t('reports.share'), kind: 'pct' as const, value: (l: PnlLine) => round4(l.share) },
    { header: t('reports.previous_period'), kind: 'money' as const, value: (l: PnlLine) => major(l.prev) },
    {
      header: t('reports.change_abs'),
      kind: 'money' as const,
      value: (l: PnlLine) => major(change(l.total, l.prev).abs),
    },
    {
      header: t('reports.change_pct'),
      kind: 'pct' as const,
      value: (l: PnlLine) => round4(change(l.total, l.prev).pct),
    },
    { header: t('reports.year_ago'), kind: 'money' as const, value: (l: PnlLine) => major(l.yearAgo) },
    {
      header: t('reports.change_abs'),
      kind: 'money' as const,
      value: (l: PnlLine) => major(change(l.total, l.yearAgo).abs),
    },
    {
      header: t('reports.change_pct'),
      kind: 'pct' as const,
      value: (l: PnlLine) => round4(change(l.total, l.yearAgo).pct),
    },
  ]
}

/** The P&L as CSV: amounts in major units with a dot (2 decimals), shares and changes as decimals. */
export function pnlCsv(ctx: Ctx, r: PnlReport): Readable {
  const cols = columns(ctx, r)
  return Readable.from([
    `\uFEFF${csvLine(cols.map((c) => c.header))}`,
    ...lines(r).map((l) => csvLine(cols.map((c) => c.value(l)))),
  ])
}

/** The P&L as an XLSX sheet: numeric cells with money and percentage number formats. */
export function pnlXlsx(ctx: Ctx, r: PnlReport): Readable {
  const t = ctx.services.catalog.translator(ctx.locale)
  const cols = columns(ctx, r)
  const digits = currencyDigits(r.params.currency)
  const moneyFmt = `#,##0${digits ? `.${'0'.repeat(digits)}` : ''} "${r.params.currency}";-#,##0${digits ? `.${'0'.repeat(digits)}` : ''} "${r.params.currency}"`
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(t('reports.pnl.title').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }],
  })
  sheet.columns = cols.map((c, i) => ({
    key: `c${i}`,
    width: i === 0 ? 36 : 16,
    style: c.kind === 'pct' ? { numFmt: '0.0%' } : c.kind === 'money' ? { numFmt: moneyFmt } : {},
  }))
  sheet
    .addRow([
      t('reports.pnl.caption', { from: r.params.from, to: r.params.to, currency: r.params.currency }) +
        ` · ${t(`reports.basis.${r.params.basis}`)}`,
    ])
    .commit()
  const head = sheet.addRow(cols.map((c) => c.header))
  head.font = { bold: true }
  head.commit()
  for (const l of lines(r)) {
    const row = sheet.addRow(cols.map((c) => c.value(l)))
    if (l.subtotal) row.font = { bold: true }
    row.commit()
  }
  sheet.commit()
  workbook.commit().catch((err: Error) => out.destroy(err))
  return out
}
