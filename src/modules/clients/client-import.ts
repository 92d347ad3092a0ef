import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Readable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { DomainError, NotFoundError, ValidationError } from '../../core/errors.js'
import { LOCALES } from '../../core/i18n/messages.js'
import { CLIENT_COLUMNS } from './client-columns.js'
import { type ClientInput, type ClientValues, checkClientInput } from './client-input.js'
import { CLIENT_KINDS, CLIENT_STATUSES } from './clients.constants.js'
import { searchTextOf, sortNameOf } from './search-text.js'

export const IMPORT_ENCODINGS = ['utf-8', 'windows-1250', 'windows-1251'] as const
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number]
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024
export const MAX_IMPORT_ROWS = 5000

export interface ImportProblem {
  /** Column key (name, tax_id, manager_email, …) or 'row'. */
  field: string
  messageKey: string
  params?: Record<string, string | number>
}

export interface ImportRow {
  /** Line in the file where the record ends (the header is line 1). */
  line: number
  input: ClientInput
  managerEmail: string
  problems: ImportProblem[]
  values?: ClientValues
  managerId?: string | null
}

export interface ImportPreview {
  sha256: string
  encoding: ImportEncoding
  /** Binds the stored file to the user who uploaded it, so confirm cannot be pointed at another file. */
  signature: string
  rows: ImportRow[]
  /** Problems of the file as a whole (no name column, unreadable, too many rows). */
  fileProblems: ImportProblem[]
  errorCount: number
}

/** Confirm found problems: nothing was imported; the preview names them. */
export class ImportRefusedError extends DomainError {
  constructor(readonly preview: ImportPreview) {
    super('clients.import_has_errors', 'clients.import.has_errors', { count: preview.errorCount })
  }
}

const asEncoding = (encoding: string): ImportEncoding =>
  (IMPORT_ENCODINGS as readonly string[]).includes(encoding) ? (encoding as ImportEncoding) : 'utf-8'

const signatureOf = (ctx: Ctx, sha256: string, encoding: string) =>
  createHmac('sha256', ctx.services.config.secret)
    .update(`clients-import\n${ctx.actor?.id ?? ''}\n${sha256}\n${encoding}`)
    .digest('base64url')

/** Signs an uploaded file for its uploader, so preview and confirm cannot be pointed at any other stored file. */
export function signImport(
  ctx: Ctx,
  sha256: string,
  encoding: string,
): { encoding: ImportEncoding; signature: string } {
  const enc = asEncoding(encoding)
  return { encoding: enc, signature: signatureOf(ctx, sha256, enc) }
}

function verifySignature(ctx: Ctx, sha256: string, encoding: string, signature: string): void {
  const expected = Buffer.from(signatureOf(ctx, sha256, encoding))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new NotFoundError('import')
}

/** Stores an uploaded CSV (size-limited) for preview and confirm; returns its sha256. */
export async function storeImportUpload(ctx: Ctx, file: Readable): Promise<string> {
  ctx.require('clients.manage')
  const stored = await ctx.services.files.put(ctx.unscoped('content-addressed file storage'), file, {
    field: 'file',
    maxBytes: MAX_IMPORT_BYTES,
  })
  return stored.sha256
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ')

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
function choiceMap(ctx: Ctx, prefix: string, codes: readonly string[]): Map<string, string> {
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

function parseFile(ctx: Ctx, data: Buffer, encoding: ImportEncoding): ParsedFile {
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

/** The file-wide checks: managers by e-mail, and tax ids repeated in the file or already taken. */
async function checkAcrossRows(ctx: Ctx, rows: ImportRow[]) {
  const emails = [...new Set(rows.map((r) => r.managerEmail.toLowerCase()).filter(Boolean))]
  const managers = emails.length
    ? await ctx.db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('email', 'in', emails)
        .where('role', 'in', ['manager', 'head'])
        .where('status', '!=', 'disabled')
        .execute()
    : []
  const byEmail = new Map(managers.map((m) => [m.email, m.id]))
  const mayReassign = ctx.can('clients.reassign')
  for (const row of rows) {
    const email = row.managerEmail.toLowerCase()
    if (!email) row.managerId = mayReassign ? null : (ctx.actor?.id ?? null)
    else if (!byEmail.has(email))
      row.problems.push({ field: 'manager_email', messageKey: 'clients.import.manager_unknown' })
    else if (!mayReassign && byEmail.get(email) !== ctx.actor?.id) {
      row.problems.push({ field: 'manager_email', messageKey: 'clients.import.manager_only_self' })
    } else row.managerId = byEmail.get(email) ?? null
  }
  const keyOf = (v: ClientValues) => `${v.country ?? ''}|${v.tax_id}|${v.kpp ?? ''}`
  const firstLine = new Map<string, number>()
  for (const row of rows) {
    if (!row.values?.tax_id) continue
    const key = keyOf(row.values)
    const seen = firstLine.get(key)
    if (seen !== undefined) {
      row.problems.push({ field: 'tax_id', messageKey: 'clients.import.tax_id_repeated', params: { line: seen } })
    } else firstLine.set(key, row.line)
  }
  const taxIds = [...new Set(rows.map((r) => r.values?.tax_id).filter((x): x is string => Boolean(x)))]
  const taken = new Set<string>()
  // Tax ids are unique across every client, not just the caller's; only the fact is reported.
  const raw = ctx.unscoped('tax id uniqueness spans all clients')
  for (let i = 0; i < taxIds.length; i += 500) {
    const found = await raw
      .selectFrom('clients')
      .select(['country', 'tax_id', 'kpp'])
      .where('tax_id', 'in', taxIds.slice(i, i + 500))
      .execute()
    for (const f of found) taken.add(`${f.country ?? ''}|${f.tax_id}|${f.kpp ?? ''}`)
  }
  for (const row of rows) {
    if (row.values?.tax_id && taken.has(keyOf(row.values))) {
      row.problems.push({ field: 'tax_id', messageKey: 'clients.tax_id_taken' })
    }
  }
}

/** Reads a stored import file and checks every row as the client form would, without writing anything. */
export async function previewImport(
  ctx: Ctx,
  sha256: string,
  encoding: string,
  signature: string,
): Promise<ImportPreview> {
  ctx.require('clients.manage')
  const enc = asEncoding(encoding)
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new NotFoundError('import')
  verifySignature(ctx, sha256, enc, signature)
  let data: Buffer
  try {
    data = ctx.services.files.readBuffer(sha256)
  } catch {
    throw new NotFoundError('import')
  }
  const parsed = parseFile(ctx, data, enc)
  const kinds = choiceMap(ctx, 'clients.kind', CLIENT_KINDS)
  const statuses = choiceMap(ctx, 'clients.status', CLIENT_STATUSES)
  const rows: ImportRow[] = parsed.rows.map(({ line, cells }) => {
    const cell = (key: string) => cells[key] ?? ''
    const input: ClientInput = {
      name: cell('name'),
      shortName: cell('short_name'),
      kind: cells.kind ? (kinds.get(norm(cells.kind)) ?? cells.kind) : 'company',
      country: cell('country'),
      taxId: cell('tax_id'),
      kpp: cell('kpp'),
      registrationNumber: cell('registration_number'),
      legalAddress: cell('legal_address'),
      postalAddress: cell('postal_address'),
      phone: cell('phone'),
      email: cell('email'),
      website: cell('website'),
      group: cell('group'),
      status: cells.status ? (statuses.get(norm(cells.status)) ?? cells.status) : 'active',
      tags: cell('tags'),
      notes: cell('notes'),
      bankAccounts: [],
    }
    const row: ImportRow = { line, input, managerEmail: cells.manager_email ?? '', problems: [] }
    try {
      row.values = checkClientInput(input)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      for (const [field, messageKey] of Object.entries(err.fields)) row.problems.push({ field, messageKey })
    }
    return row
  })
  if (rows.length) await checkAcrossRows(ctx, rows)
  const errorCount = rows.filter((r) => r.problems.length > 0).length + parsed.problems.length
  return {
    sha256,
    encoding: enc,
    signature: signatureOf(ctx, sha256, enc),
    rows,
    fileProblems: parsed.problems,
    errorCount,
  }
}

/**
 * Imports every row of a previewed file in one transaction, or none: a file with any problem
 * (checked again now, as data may have changed since the preview) imports nothing.
 */
export async function confirmImport(
  ctx: Ctx,
  sha256: string,
  encoding: string,
  signature: string,
): Promise<{ count: number }> {
  ctx.require('clients.manage')
  const preview = await previewImport(ctx, sha256, encoding, signature)
  if (preview.errorCount > 0) throw new ImportRefusedError(preview)
  const now = nowIso()
  const rows = preview.rows.map((r) => {
    const v = r.values as ClientValues
    return {
      id: newId(),
      ...v,
      bank_accounts: JSON.stringify(v.bank_accounts),
      manager_id: r.managerId ?? null,
      search_text: searchTextOf(v, []),
      sort_name: sortNameOf(v.name),
      created_at: now,
      updated_at: now,
    }
  })
  await ctx.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 100) await tx.db.insert('clients', rows.slice(i, i + 100))
    for (const row of rows) {
      const { search_text: _s, sort_name: _n, ...after } = row
      await tx.audit('client.created', {
        entity: 'client',
        entityId: row.id,
        clientId: row.id,
        after: { ...after, source: 'import', file: sha256 },
      })
    }
    await tx.audit('clients.imported', { entity: 'client_import', entityId: sha256, after: { count: rows.length } })
    for (const row of rows) await tx.emit('clients.created', { clientId: row.id })
  })
  return { count: rows.length }
}
