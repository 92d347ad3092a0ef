import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import type { ListQuery } from '../../core/http/list-query.js'
import { CLIENT_COLUMNS } from './client-columns.js'
import { CLIENT_SORTS, type ClientListFilters, type ClientListRow, clientListQuery } from './clients.queries.js'

const BATCH = 500

/** The filtered client list, sorted as on screen, read in batches so an export never holds every row. */
async function* exportRows(ctx: Ctx, lq: ListQuery, filters: ClientListFilters): AsyncGenerator<ClientListRow> {
  const column = CLIENT_SORTS[lq.sort] ?? 'clients.name'
  for (let offset = 0; ; offset += BATCH) {
    const rows = await clientListQuery(ctx, filters)
      .orderBy(sql.ref(column), lq.dir)
      .orderBy('clients.id', lq.dir)
      .limit(BATCH)
      .offset(offset)
      .execute()
    yield* rows
    if (rows.length < BATCH) return
  }
}

// Excel runs a cell that starts with = + - @ as a formula ("CSV injection"); such text gets a
// leading apostrophe. Phone numbers like "+36 1 555 0100" hold nothing executable and stay as typed.
function defuse(text: string): string {
  if (/^[=@\t\r]/.test(text)) return `'${text}`
  if (/^[+-]/.test(text) && /[^0-9 ()./+-]/.test(text)) return `'${text}`
  return text
}

/** One CSV record: fields quoted when they hold the separator, a quote, a line break or edge spaces. */
export function csvRecord(cells: (string | number | null)[], separator: string): string {
  return cells
    .map((cell) => {
      if (cell === null || cell === undefined) return ''
      if (typeof cell === 'number') return String(cell)
      const text = defuse(cell)
      return text.includes(separator) || /["\r\n]/.test(text) || /^\s|\s$/.test(text)
        ? `"${text.replace(/"/g, '""')}"`
        : text
    })
    .join(separator)
}

/**
 * The client list as CSV: UTF-8 with a byte-order mark and `;` between fields. Excel set to
 * Hungarian or Russian uses the comma as decimal mark and expects `;` as the list separator; with
 * the BOM it also reads the accents and Cyrillic right. The import reads `;`, `,` and tab alike.
 */
export function exportClientsCsv(ctx: Ctx, lq: ListQuery, filters: ClientListFilters): Readable {
  ctx.require('clients.read')
  const t = ctx.services.catalog.translator(ctx.locale)
  async function* lines() {
    yield `\uFEFF${csvRecord(
      CLIENT_COLUMNS.map((c) => t(c.label)),
      ';',
    )}\r\n`
    for await (const row of exportRows(ctx, lq, filters)) {
      yield `${csvRecord(
        CLIENT_COLUMNS.map((c) => c.value(row, t)),
        ';',
      )}\r\n`
    }
  }
  return Readable.from(lines())
}

/** The client list as an XLSX workbook with typed cells (numbers, dates), written as a stream. */
export function exportClientsXlsx(ctx: Ctx, lq: ListQuery, filters: ClientListFilters): Readable {
  ctx.require('clients.read')
  const t = ctx.services.catalog.translator(ctx.locale)
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(t('clients.title'), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = CLIENT_COLUMNS.map((c) => ({
    header: t(c.label),
    key: c.key,
    width: c.kind === 'number' ? 10 : c.kind === 'date' ? 12 : c.key === 'name' ? 40 : 22,
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CLIENT_COLUMNS.length } }
  ;(async () => {
    for await (const row of exportRows(ctx, lq, filters)) {
      const cells = CLIENT_COLUMNS.map((c) => {
        const v = c.value(row, t)
        if (c.kind === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`)
        return v
      })
      sheet.addRow(cells).commit()
    }
    sheet.commit()
    await workbook.commit()
  })().catch((err: Error) => out.destroy(err))
  return out
}
