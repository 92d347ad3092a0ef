import { parse } from 'csv-parse/sync'
import type { Ctx } from '../../core/ctx.js'
import { LOCALES } from '../../core/i18n/messages.js'
import { CLIENT_COLUMNS } from './client-columns.js'

// Reading an uploaded client list: encoding, separator, header names in any of the three
// languages. Checking the rows is the import service's part.

export const IMPORT_ENCODINGS = ['utf-8', 'windows-1250', 'windows-1251'] as const
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number]
export const MAX_IMPORT_ROWS = 5000

export interface ImportProblem {
  /** Column key (name, tax_id, manager_email, …) or 'row'. */
  field: string
  messageKey: string
  params?: Record<string, string | number>
}

export const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ')

/** Header text → column key: the key itself or its label in any of the three languages. */
function headerMap(ctx: Ctx): Map<string, string> {
  const map = new Map<string, string>()
  for (const locale of LOCALES) {
    const t = ctx.services.catalog.translator(locale)
    for (const c of CLIENT_COLUMNS) if (c.importable) map.set(norm(t(c.label)), c.key)
  }
  for (const c of CLIENT_COLUMNS) if (c.importable) map.set(c.key, c.key)
  return map
}

/** A choice typed as its code or its label in any language ("Aktív", "active") → its code, or the text unchanged. */
export function choiceMap(ctx: Ctx, prefix: string, codes: readonly string[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const locale of LOCALES) {
    const t = ctx.services.catalog.translator(locale)
    for (const code of codes) map.set(norm(t(`${prefix}.${code}`)), code)
  }
  for (const code of codes) map.set(code, code)
  return map
}

function decode(data: Buffer, encoding: ImportEncoding): string | null {
  if (data.includes(0)) return null
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(data).replace(/^\uFEFF/, '')
  } catch {
    return null
  }
}

/** The separator of the header line: whichever of `;` `,` tab occurs most (outside quotes). */
function sniffDelimiter(text: string): string {
  const first = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '')
  const counts = [';', ',', '\t'].map((d) => [d, first.split(d).length - 1] as const)
  return counts.sort((a, b) => b[1] - a[1])[0]?.[1] ? (counts[0]?.[0] as string) : ';'
}

interface ParsedFile {
  rows: { line: number; cells: Record<string, string> }[]
  problems: ImportProblem[]
}

export function parseFile(ctx: Ctx, data: Buffer, encoding: ImportEncoding): ParsedFile {
  // A workbook saved as .xlsx is a zip file: say so instead of calling it badly encoded.
  if (data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return { rows: [], problems: [{ field: 'file', messageKey: 'clients.import.xlsx_not_csv' }] }
  }
  const text = decode(data, encoding)
  if (text === null) return { rows: [], problems: [{ field: 'file', messageKey: 'clients.import.bad_encoding' }] }
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0
    return { rows: [], problems: [{ field: 'file', messageKey: 'clients.import.unreadable', params: { line } }] }
  }
  const [header, ...body] = records
  if (!header) return { rows: [], problems: [{ field: 'file', messageKey: 'clients.import.empty' }] }
  const map = headerMap(ctx)
  const keys = header.record.map((h) => map.get(norm(h)) ?? null)
  if (!keys.includes('name'))
    return { rows: [], problems: [{ field: 'file', messageKey: 'clients.import.no_name_column' }] }
  if (body.length > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      problems: [{ field: 'file', messageKey: 'clients.import.too_many_rows', params: { max: MAX_IMPORT_ROWS } }],
    }
  }
  const rows = body
    .filter((r) => r.record.some((cell) => cell.trim() !== ''))
    .map((r) => {
      const cells: Record<string, string> = {}
      keys.forEach((key, i) => {
        if (key) cells[key] = (r.record[i] ?? '').trim()
      })
      return { line: r.info.lines, cells }
    })
  return { rows, problems: rows.length ? [] : [{ field: 'file', messageKey: 'clients.import.empty' }] }
}
