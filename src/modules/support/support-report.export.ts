import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Ctx } from '../../core/ctx.js'
import { AGE_BUCKETS } from './support.constants.js'
import { csvLine } from './support-export.js'
import { average, compliance, type Report, type ReportRow, ratio } from './support-report.service.js'

type Kind = 'int' | 'pct' | 'hours'

/** The report's columns with real numbers: counts, shares (0–1) and hours of SLA time. */
function columns(ctx: Ctx, report: Report) {
  const t = ctx.services.catalog.translator(ctx.locale)
  const hours = (sum: number, n: number) => {
    const avg = average(sum, n)
    return avg === null ? null : Math.round((avg / 60) * 100) / 100
  }
  const cols: { header: string; kind: Kind | 'text'; value: (r: ReportRow) => string | number | null }[] = [
    { header: t(`support.report.group.${report.params.group}`), kind: 'text', value: (r) => r.label },
    { header: t('support.report.open_now'), kind: 'int', value: (r) => r.openNow },
    { header: t('support.report.overdue_now'), kind: 'int', value: (r) => r.overdueNow },
    { header: t('support.report.overdue_response'), kind: 'int', value: (r) => r.overdueResponse },
    { header: t('support.report.overdue_resolution'), kind: 'int', value: (r) => r.overdueResolution },
    ...AGE_BUCKETS.map((b) => ({
      header: t(`support.bucket.${b}`),
      kind: 'int' as const,
      value: (r: ReportRow) => r.buckets[b],
    })),
    { header: t('support.report.created'), kind: 'int', value: (r) => r.created },
    { header: t('support.report.breached'), kind: 'int', value: (r) => r.breached },
    { header: t('support.report.response_met'), kind: 'pct', value: (r) => ratio(r.responseMet, r.responseDecided) },
    {
      header: t('support.report.resolution_met'),
      kind: 'pct',
      value: (r) => ratio(r.resolutionMet, r.resolutionDecided),
    },
    { header: t('support.report.compliance'), kind: 'pct', value: (r) => compliance(r) },
    {
      header: t('support.report.avg_response_hours'),
      kind: 'hours',
      value: (r) => hours(r.responseMinutesSum, r.responded),
    },
    {
      header: t('support.report.avg_resolution_hours'),
      kind: 'hours',
      value: (r) => hours(r.resolutionMinutesSum, r.resolved),
    },
  ]
  return cols
}

const withTotal = (ctx: Ctx, report: Report): ReportRow[] => [
  ...report.rows,
  { ...report.total, label: ctx.services.catalog.translator(ctx.locale)('support.report.total') },
]

/** The report as CSV: one line per group and a total line; shares as decimals (0.875), times in hours. */
export function reportCsv(ctx: Ctx, report: Report): Readable {
  const cols = columns(ctx, report)
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000)
  const lines = [
    `\uFEFF${csvLine(cols.map((c) => c.header))}`,
    ...withTotal(ctx, report).map((r) =>
      csvLine(cols.map((c) => (c.kind === 'pct' ? pct(c.value(r) as number | null) : c.value(r)))),
    ),
  ]
  return Readable.from(lines)
}

/** The report as an XLSX sheet: numeric cells, shares formatted as percentages, the period in the title row. */
export function reportXlsx(ctx: Ctx, report: Report): Readable {
  const t = ctx.services.catalog.translator(ctx.locale)
  const cols = columns(ctx, report)
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(t('support.report.title'), { views: [{ state: 'frozen', ySplit: 2 }] })
  sheet.columns = cols.map((c, i) => ({
    key: `c${i}`,
    width: i === 0 ? 32 : 14,
    style: c.kind === 'pct' ? { numFmt: '0.0%' } : c.kind === 'hours' ? { numFmt: '0.00' } : {},
  }))
  sheet.addRow([t('support.report.period_line', { from: report.params.from, to: report.params.to })]).commit()
  const head = sheet.addRow(cols.map((c) => c.header))
  head.font = { bold: true }
  head.commit()
  for (const r of withTotal(ctx, report)) sheet.addRow(cols.map((c) => c.value(r))).commit()
  sheet.commit()
  workbook.commit().catch((err: Error) => out.destroy(err))
  return out
}
