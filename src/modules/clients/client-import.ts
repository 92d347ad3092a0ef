import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { DomainError, NotFoundError, ValidationError } from '../../core/errors.js'
import {
  choiceMap,
  IMPORT_ENCODINGS,
  type ImportEncoding,
  type ImportProblem,
  norm,
  parseFile,
} from './client-import-file.js'
import { type ClientInput, type ClientValues, checkClientInput } from './client-input.js'
import { CLIENT_KINDS, CLIENT_STATUSES } from './clients.constants.js'
import { searchTextOf, sortNameOf } from './search-text.js'

export type { ImportProblem } from './client-import-file.js'

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

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
