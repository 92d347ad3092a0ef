import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { nextNumber } from '../../core/numbering/numbering.js'
import { companyToday, isIsoDate } from './finance-settings.js'
import { periodEntries, sumBefore } from './ledger.queries.js'
import type {
  DisputedItem,
  ReconciliationAction,
  ReconciliationStatus,
  ReconciliationTable,
} from './reconciliation.schema.js'
import { notifyReconciliation } from './reconciliation-notify.js'

/** A statement longer than this is refused: nobody reconciles it line by line, and a shorter period will do. */
export const MAX_STATEMENT_LINES = 5000
const MAX_COMMENT = 2000
const MAX_ITEMS = 100

export interface ReconciliationInput {
  /** Staff name the client; a client user's own client is taken. */
  clientId?: string
  currency: string
  from: string
  to: string
}

export interface StatementLine {
  position: number
  entryId: string
  date: string
  kind: string
  description: string
  debitMinor: number
  creditMinor: number
}

export interface VersionView {
  id: string
  version: number
  openingMinor: number
  debitMinor: number
  creditMinor: number
  closingMinor: number
  issuedAt: string
}

export interface EventView {
  version: number
  action: ReconciliationAction
  comment: string | null
  items: DisputedItem[]
  actorName: string | null
  at: string
}

export interface ReconciliationView {
  id: string
  clientId: string
  clientName: string
  number: string
  currency: string
  from: string
  to: string
  status: ReconciliationStatus
  currentVersion: number
  requestedByClient: boolean
  lockVersion: number
  createdAt: string
  updatedAt: string
}

export interface ReconciliationDetail extends ReconciliationView {
  versions: VersionView[]
  /** The version asked for (the current one by default), with its lines. */
  shown: VersionView & { lines: StatementLine[] }
  events: EventView[]
}

const fieldsOf = [
  'reconciliations.id',
  'reconciliations.client_id',
  'clients.name as client_name',
  'reconciliations.number',
  'reconciliations.currency',
  'reconciliations.period_from',
  'reconciliations.period_to',
  'reconciliations.status',
  'reconciliations.current_version',
  'reconciliations.requested_by_client',
  'reconciliations.version',
  'reconciliations.created_at',
  'reconciliations.updated_at',
] as const

const baseQuery = (ctx: Ctx) =>
  ctx.db
    .selectFrom('reconciliations')
    .innerJoin('clients', 'clients.id', 'reconciliations.client_id')
    .select([...fieldsOf])

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>

const toView = (r: Row): ReconciliationView => ({
  id: r.id,
  clientId: r.client_id,
  clientName: r.client_name,
  number: r.number,
  currency: r.currency,
  from: r.period_from,
  to: r.period_to,
  status: r.status,
  currentVersion: Number(r.current_version),
  requestedByClient: Number(r.requested_by_client) === 1,
  lockVersion: Number(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

function requireReader(ctx: Ctx) {
  if (!(ctx.can('finance.read') || ctx.can('finance.client'))) ctx.require('finance.read')
}

/** A statement in the caller's scope, or NotFoundError. */
export async function getReconciliation(ctx: Ctx, id: string): Promise<ReconciliationView> {
  requireReader(ctx)
  const row = await baseQuery(ctx).where('reconciliations.id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError('reconciliation')
  return toView(row)
}

/** The statement with its versions, the lines of one version (the current by default) and every step taken. */
export async function getReconciliationDetail(ctx: Ctx, id: string, version?: number): Promise<ReconciliationDetail> {
  const rec = await getReconciliation(ctx, id)
  const versions = (
    await ctx.db
      .selectFrom('reconciliation_versions')
      .selectAll()
      .where('reconciliation_id', '=', id)
      .orderBy('version')
      .execute()
  ).map(
    (v): VersionView => ({
      id: v.id,
      version: Number(v.version),
      openingMinor: Number(v.opening_minor),
      debitMinor: Number(v.debit_minor),
      creditMinor: Number(v.credit_minor),
      closingMinor: Number(v.closing_minor),
      issuedAt: v.issued_at,
    }),
  )
  const shownVersion = versions.find((v) => v.version === (version ?? rec.currentVersion))
  if (!shownVersion) throw new NotFoundError('reconciliation_version')
  const lines = await ctx.db
    .selectFrom('reconciliation_lines')
    .selectAll()
    .where('version_id', '=', shownVersion.id)
    .orderBy('position')
    .execute()
  const events = await ctx.db
    .selectFrom('reconciliation_events')
    .selectAll()
    .where('reconciliation_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute()
  return {
    ...rec,
    versions,
    shown: {
      ...shownVersion,
      lines: lines.map((l) => ({
        position: Number(l.position),
        entryId: l.entry_id,
        date: l.entry_date,
        kind: l.kind,
        description: l.description,
        debitMinor: Number(l.debit_minor),
        creditMinor: Number(l.credit_minor),
      })),
    },
    events: events.map((e) => ({
      version: Number(e.version),
      action: e.action,
      comment: e.comment,
      items: e.items_json ? (JSON.parse(e.items_json) as DisputedItem[]) : [],
      actorName: e.actor_name,
      at: e.at,
    })),
  }
}

export interface ReconciliationFilters {
  status?: string
  clientId?: string
}

/** Statements in the caller's scope, newest first (or by number/status), one page. */
export async function listReconciliations(
  ctx: Ctx,
  p: { page: number; per: number; sort: string; dir: 'asc' | 'desc'; q: string },
  f: ReconciliationFilters = {},
) {
  requireReader(ctx)
  let q = baseQuery(ctx)
  if (f.status) q = q.where('reconciliations.status', '=', f.status as ReconciliationStatus)
  if (f.clientId) q = q.where('reconciliations.client_id', '=', f.clientId)
  if (p.q) q = q.where('reconciliations.number', 'like', `%${p.q.replace(/[%_\\]/g, '')}%`)
  const sortColumn =
    p.sort === 'number'
      ? 'reconciliations.number'
      : p.sort === 'status'
        ? 'reconciliations.status'
        : p.sort === 'client'
          ? 'clients.name'
          : 'reconciliations.updated_at'
  const [rows, total] = await Promise.all([
    q
      .orderBy(sortColumn, p.dir)
      .orderBy('reconciliations.id', p.dir)
      .limit(p.per)
      .offset((p.page - 1) * p.per)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirst(),
  ])
  return { rows: rows.map(toView), total: Number(total?.n ?? 0), page: p.page, per: p.per }
}

function checkInput(input: ReconciliationInput, today: string) {
  const errors: Record<string, string> = {}
  if (!isIsoDate(input.from)) errors.from = 'finance.error.date'
  if (!isIsoDate(input.to)) errors.to = 'finance.error.date'
  else if (input.to > today) errors.to = 'finance.reconciliation.error.future'
  if (!errors.from && !errors.to && input.from > input.to) errors.to = 'finance.reconciliation.error.period'
  if (!/^[A-Z]{3}$/.test(input.currency)) errors.currency = 'finance.error.currency'
  if (Object.keys(errors).length) throw new ValidationError(errors)
}

/**
 * Issues a statement of account: a staff member for a client in scope, or a client user for its own
 * client (asked from the cabinet, issued at once — the figures come from the ledger). Version 1 keeps
 * the opening balance, every entry of the period as debit or credit, and the closing balance.
 */
export async function createReconciliation(ctx: Ctx, input: ReconciliationInput): Promise<ReconciliationView> {
  const byClient = ctx.actor?.role === 'client'
  if (byClient) ctx.require('finance.client')
  else ctx.require('finance.manage')
  const clientId = byClient ? ctx.actor?.clientId : input.clientId
  if (!clientId) throw new ValidationError({ client_id: 'form.required' })
  const client = await ctx.db
    .selectFrom('clients')
    .select('clients.id')
    .where('clients.id', '=', clientId)
    .executeTakeFirst()
  if (!client) throw new NotFoundError('client')
  const currency = input.currency.trim().toUpperCase()
  const today = await companyToday(ctx)
  checkInput({ ...input, currency }, today)
  const id = await ctx.transaction(async (tx) => {
    const now = nowIso()
    const row: ReconciliationTable = {
      id: newId(),
      client_id: clientId,
      number: await nextNumber(tx, 'reconciliation', today),
      currency,
      period_from: input.from,
      period_to: input.to,
      status: 'issued',
      current_version: 1,
      requested_by_client: byClient ? 1 : 0,
      created_by: tx.actor?.id ?? null,
      created_at: now,
      updated_at: now,
      version: 1,
    }
    await tx.db.insert('reconciliations', row)
    const v = await issueVersion(tx, row, 1)
    await addEvent(tx, row, 1, 'issued', null, [])
    await tx.audit('finance.reconciliation_issued', {
      entity: 'reconciliation',
      entityId: row.id,
      clientId,
      after: { number: row.number, currency, from: input.from, to: input.to, ...v },
    })
    await notifyReconciliation(tx, { ...row, action: 'issued' })
    return row.id
  })
  return getReconciliation(ctx, id)
}

/** Freezes the ledger of the statement's period as version `version`: totals and one line per entry. */
async function issueVersion(tx: Ctx, rec: ReconciliationTable, version: number) {
  const [opening, entries] = await Promise.all([
    sumBefore(tx, rec.client_id, rec.currency, { date: rec.period_from }),
    periodEntries(tx, rec.client_id, rec.currency, rec.period_from, rec.period_to)
      .orderBy('ledger_entries.entry_date')
      .orderBy('ledger_entries.id')
      .limit(MAX_STATEMENT_LINES + 1)
      .execute(),
  ])
  if (entries.length > MAX_STATEMENT_LINES) {
    throw new RuleError('too_many_entries', 'finance.reconciliation.error.too_many', { max: MAX_STATEMENT_LINES })
  }
  const versionId = newId()
  const lines = entries.map((e, i) => {
    const amount = Number(e.amount_minor)
    return {
      id: newId(),
      client_id: rec.client_id,
      version_id: versionId,
      position: i + 1,
      entry_id: e.id,
      entry_date: e.entry_date,
      kind: e.kind,
      description: e.description,
      debit_minor: Math.max(-amount, 0),
      credit_minor: amount > 0 ? amount : 0,
    }
  })
  const debit = lines.reduce((s, l) => s + l.debit_minor, 0)
  const credit = lines.reduce((s, l) => s + l.credit_minor, 0)
  const totals = {
    opening_minor: opening,
    debit_minor: debit,
    credit_minor: credit,
    closing_minor: opening - debit + credit,
  }
  await tx.db.insert('reconciliation_versions', {
    id: versionId,
    client_id: rec.client_id,
    reconciliation_id: rec.id,
    version,
    ...totals,
    issued_by: tx.actor?.id ?? null,
    issued_at: nowIso(),
  })
  for (let i = 0; i < lines.length; i += 500) {
    await tx.db.insert('reconciliation_lines', lines.slice(i, i + 500))
  }
  return totals
}

async function addEvent(
  tx: Ctx,
  rec: Pick<ReconciliationTable, 'id' | 'client_id'>,
  version: number,
  action: ReconciliationAction,
  comment: string | null,
  items: DisputedItem[],
) {
  await tx.db.insert('reconciliation_events', {
    id: newId(),
    client_id: rec.client_id,
    reconciliation_id: rec.id,
    version,
    action,
    comment,
    items_json: items.length ? JSON.stringify(items) : null,
    actor_id: tx.actor?.id ?? null,
    actor_name: tx.actor?.name ?? null,
    at: nowIso(),
  })
}

/** Moves the statement from `from` to `to` if nobody moved it since the caller looked (`lockVersion`). */
async function move(
  tx: Ctx,
  rec: ReconciliationView,
  lockVersion: number,
  allowed: ReconciliationStatus[],
  set: { status: ReconciliationStatus; current_version?: number },
) {
  if (rec.lockVersion !== lockVersion) throw new ConflictError('stale', 'error.conflict')
  if (!allowed.includes(rec.status)) {
    throw new RuleError('reconciliation_state', 'finance.reconciliation.error.state')
  }
  const res = await tx.db
    .updateTable('reconciliations')
    .set({ ...set, updated_at: nowIso(), version: lockVersion + 1 })
    .where('id', '=', rec.id)
    .where('version', '=', lockVersion)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError('stale', 'error.conflict')
}

const rowOf = (r: ReconciliationView) => ({
  id: r.id,
  client_id: r.clientId,
  number: r.number,
  currency: r.currency,
  period_from: r.from,
  period_to: r.to,
})

function cleanComment(comment: string | null | undefined, required: boolean): string | null {
  const c = (comment ?? '').trim()
  if (required && !c) throw new ValidationError({ comment: 'form.required' })
  if (c.length > MAX_COMMENT) throw new ValidationError({ comment: 'form.too_long' })
  return c || null
}

/** The client's accountant agrees with the current version: the statement is settled as it stands. */
export async function acceptReconciliation(ctx: Ctx, id: string, p: { lockVersion: number; comment?: string | null }) {
  ctx.require('finance.client')
  const comment = cleanComment(p.comment, false)
  const rec = await getReconciliation(ctx, id)
  await ctx.transaction(async (tx) => {
    await move(tx, rec, p.lockVersion, ['issued'], { status: 'accepted' })
    await addEvent(tx, rowOf(rec), rec.currentVersion, 'accepted', comment, [])
    await tx.audit('finance.reconciliation_accepted', {
      entity: 'reconciliation',
      entityId: id,
      clientId: rec.clientId,
      before: { status: rec.status },
      after: { status: 'accepted', version: rec.currentVersion, comment },
    })
    await notifyReconciliation(tx, { ...rowOf(rec), action: 'accepted', comment })
  })
  return getReconciliation(ctx, id)
}

/**
 * The client's accountant disagrees: a comment, and the lines (or missing entries) with the amounts in
 * its own books. Only lines of the current version can be named.
 */
export async function disputeReconciliation(
  ctx: Ctx,
  id: string,
  p: { lockVersion: number; comment: string; items: DisputedItem[] },
) {
  ctx.require('finance.client')
  const comment = cleanComment(p.comment, true)
  const rec = await getReconciliationDetail(ctx, id)
  const known = new Set(rec.shown.lines.map((l) => l.entryId))
  const errors: Record<string, string> = {}
  if (p.items.length > MAX_ITEMS) errors.items = 'form.too_long'
  const items: DisputedItem[] = []
  p.items.forEach((item, i) => {
    const note = item.note.trim()
    if (item.entryId !== null && !known.has(item.entryId))
      errors[`item_${i}`] = 'finance.reconciliation.error.unknown_line'
    if (item.theirAmountMinor !== null && (!Number.isSafeInteger(item.theirAmountMinor) || item.theirAmountMinor < 0))
      errors[`amount_${i}`] = 'finance.error.amount_positive'
    if (note.length > 500) errors[`note_${i}`] = 'form.too_long'
    if (item.entryId === null && !note) errors[`note_${i}`] = 'form.required'
    items.push({ entryId: item.entryId, theirAmountMinor: item.theirAmountMinor, note })
  })
  if (Object.keys(errors).length) throw new ValidationError(errors)
  await ctx.transaction(async (tx) => {
    await move(tx, rec, p.lockVersion, ['issued'], { status: 'disputed' })
    await addEvent(tx, rowOf(rec), rec.currentVersion, 'disputed', comment, items)
    await tx.audit('finance.reconciliation_disputed', {
      entity: 'reconciliation',
      entityId: id,
      clientId: rec.clientId,
      before: { status: rec.status },
      after: { status: 'disputed', version: rec.currentVersion, comment, items },
    })
    await notifyReconciliation(tx, { ...rowOf(rec), action: 'disputed', comment })
  })
  return getReconciliation(ctx, id)
}

/**
 * The manager answers a dispute: after any correcting entries (reversals, charges, payments — made in
 * the ledger as usual), a new version is issued from the ledger as it now stands, with the reply.
 * The disputed version stays as it was.
 */
export async function resolveReconciliation(ctx: Ctx, id: string, p: { lockVersion: number; comment: string }) {
  ctx.require('finance.manage')
  const comment = cleanComment(p.comment, true)
  const rec = await getReconciliation(ctx, id)
  const next = rec.currentVersion + 1
  await ctx.transaction(async (tx) => {
    await move(tx, rec, p.lockVersion, ['disputed'], { status: 'issued', current_version: next })
    const totals = await issueVersion(tx, { ...rowOf(rec) } as ReconciliationTable, next)
    await addEvent(tx, rowOf(rec), next, 'resolved', comment, [])
    await tx.audit('finance.reconciliation_resolved', {
      entity: 'reconciliation',
      entityId: id,
      clientId: rec.clientId,
      before: { status: rec.status, version: rec.currentVersion },
      after: { status: 'issued', version: next, comment, ...totals },
    })
    await notifyReconciliation(tx, { ...rowOf(rec), action: 'resolved', comment })
  })
  return getReconciliation(ctx, id)
}
