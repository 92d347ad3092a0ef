import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import type { ListQuery } from '../../core/http/list-query.js'
import { utcToWall } from './report-format.js'
import {
  filteredRequests,
  READ,
  type RequestFilters,
  type RequestView,
  slaState,
  sortColumn,
  toRequestView,
} from './support.service.js'

const BATCH = 500

/** The filtered requests in the list's order, read in batches so an export never holds every row. */
async function* exportRows(ctx: Ctx, lq: ListQuery, f: RequestFilters): AsyncGenerator<RequestView> {
  for (let offset = 0; ; offset += BATCH) {
    const rows = await (await filteredRequests(ctx, lq, f))
      .orderBy(sql.ref(sortColumn(lq.sort)), lq.dir)
      .orderBy('support_requests.id', lq.dir)
      .limit(BATCH)
      .offset(offset)
      .execute()
    for (const r of rows) yield toRequestView(r, ctx)
    if (rows.length < BATCH) return
  }
}

// A spreadsheet runs a cell that starts with = + - @ as a formula ("CSV injection"): such text gets an apostrophe.
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const s = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[";\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s
}
export const csvLine = (cells: (string | number | null | undefined)[]) => `${cells.map(csvCell).join(';')}\r\n`

/** Columns of a request export: request fields only, never message text (so no internal note can leak). */
function columns(ctx: Ctx, tz: string) {
  const t = ctx.services.catalog.translator(ctx.locale)
  const when = (iso: string | null) => (iso ? utcToWall(iso, tz) : null)
  const now = new Date().toISOString()
  return [
    { header: t('support.number'), width: 18, value: (r: RequestView) => r.number },
    { header: t('support.client'), width: 32, value: (r: RequestView) => r.clientName },
    { header: t('support.subject'), width: 40, value: (r: RequestView) => r.subject },
    { header: t('support.category'), width: 20, value: (r: RequestView) => r.categoryName },
    { header: t('support.priority'), width: 12, value: (r: RequestView) => t(`support.priority.${r.priority}`) },
    { header: t('support.status'), width: 14, value: (r: RequestView) => t(`support.status.${r.status}`) },
    { header: t('support.assignee'), width: 22, value: (r: RequestView) => r.assigneeName ?? '' },
    { header: t('support.csv.opened', { zone: tz }), width: 17, value: (r: RequestView) => when(r.createdAt) },
    {
      header: t('support.csv.response_due', { zone: tz }),
      width: 17,
      value: (r: RequestView) => when(r.firstResponseDueAt),
    },
    {
      header: t('support.csv.first_response', { zone: tz }),
      width: 17,
      value: (r: RequestView) => when(r.firstRespondedAt),
    },
    {
      header: t('support.csv.resolution_due', { zone: tz }),
      width: 17,
      value: (r: RequestView) => when(r.resolutionDueAt),
    },
    { header: t('support.csv.resolved', { zone: tz }), width: 17, value: (r: RequestView) => when(r.resolvedAt) },
    { header: t('support.csv.response_minutes'), width: 12, value: (r: RequestView) => r.firstResponseMinutes },
    { header: t('support.csv.resolution_minutes'), width: 12, value: (r: RequestView) => r.resolutionMinutes },
    {
      header: t('support.csv.overdue'),
      width: 10,
      value: (r: RequestView) => (slaState(r, now).overdue ? t('support.yes') : t('support.no')),
    },
    { header: t('support.rating'), width: 8, value: (r: RequestView) => r.rating },
  ]
}

/** The filtered request list as CSV (UTF-8 with a byte-order mark, `;` between fields), streamed. */
export async function exportRequestsCsv(ctx: Ctx, lq: ListQuery, f: RequestFilters): Promise<Readable> {
  ctx.require(READ)
  const tz = (await ctx.services.settings.get('company')).timeZone
  const cols = columns(ctx, tz)
  async function* lines() {
    yield `\uFEFF${csvLine(cols.map((c) => c.header))}`
    for await (const r of exportRows(ctx, lq, f)) yield csvLine(cols.map((c) => c.value(r)))
  }
  return Readable.from(lines())
}

/** The filtered request list as an XLSX workbook (numbers as numbers), written as a stream. */
export async function exportRequestsXlsx(ctx: Ctx, lq: ListQuery, f: RequestFilters): Promise<Readable> {
  ctx.require(READ)
  const tz = (await ctx.services.settings.get('company')).timeZone
  const t = ctx.services.catalog.translator(ctx.locale)
  const cols = columns(ctx, tz)
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(t('support.title'), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = cols.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }))
  sheet.getRow(1).font = { bold: true }
  ;(async () => {
    for await (const r of exportRows(ctx, lq, f)) sheet.addRow(cols.map((c) => c.value(r))).commit()
    sheet.commit()
    await workbook.commit()
  })().catch((err: Error) => out.destroy(err))
  return out
}
