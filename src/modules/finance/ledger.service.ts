import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ForbiddenError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { isCurrencyCode } from '../../core/money/money.js'
import { checkChargeCategory } from './expenses/expense-categories.service.js'
import { CHARGE_KINDS, type ChargeKind, type EntryKind, LEDGER_PER_PAGE } from './finance.constants.js'
import type { LedgerEntryTable } from './finance.schema.js'
import { companySettings, companyToday, financeSettings, isIsoDate } from './finance-settings.js'
import {
  balancesOf,
  type EntryRecord,
  entriesQuery,
  findEntry,
  findReversalOf,
  insertEntry,
  periodEntries,
  periodTotals,
  sumBefore,
} from './ledger.queries.js'

/** A ledger entry as pages and the API use it. */
export interface EntryView {
  id: string
  clientId: string
  date: string
  kind: EntryKind
  amountMinor: number
  currency: string
  description: string
  sourceKind: string | null
  sourceId: string | null
  reversesEntryId: string | null
  createdBy: string | null
  createdAt: string
}

export const toEntryView = (r: EntryRecord): EntryView => ({
  id: r.id,
  clientId: r.client_id,
  date: r.entry_date,
  kind: r.kind,
  amountMinor: Number(r.amount_minor),
  currency: r.currency,
  description: r.description,
  sourceKind: r.source_kind,
  sourceId: r.source_id,
  reversesEntryId: r.reverses_entry_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
})

/** Staff read with `finance.read`; client users with `finance.client` (their finance area), own company only. */
export function requireFinanceRead(ctx: Ctx): void {
  if (!ctx.can('finance.read') && !ctx.can('finance.client')) throw new ForbiddenError('finance.read')
}

export interface NewEntry {
  clientId: string
  date: string
  kind: EntryKind
  amountMinor: number
  currency: string
  description: string
  sourceKind?: string | null
  sourceId?: string | null
  reversesEntryId?: string | null
  /** An income category (service type) of a service charge. */
  categoryId?: string | null
}

/** Refuses an entry dated on or before the period lock unless the actor may write into locked periods. */
export async function checkPeriodLock(ctx: Ctx, date: string): Promise<void> {
  const { lockDate } = await financeSettings(ctx)
  if (lockDate && date <= lockDate && !ctx.can('finance.locked_periods')) {
    throw new RuleError('period_locked', 'finance.error.period_locked', { date: lockDate })
  }
}

/**
 * Appends one entry (the ledger's only write), audited in the same transaction. The amount is
 * signed; a zero amount says nothing and is refused; dates in a locked period need the head.
 */
export async function postEntry(ctx: Ctx, e: NewEntry): Promise<EntryView> {
  const fields: Record<string, string> = {}
  if (!isIsoDate(e.date)) fields.date = 'finance.error.date'
  if (!Number.isSafeInteger(e.amountMinor) || e.amountMinor === 0) fields.amount = 'finance.error.amount'
  if (!isCurrencyCode(e.currency)) fields.currency = 'finance.error.currency'
  if (e.description.length > 500) fields.description = 'finance.error.description_long'
  if (Object.keys(fields).length) throw new ValidationError(fields)
  return ctx.transaction(async (tx) => {
    await checkPeriodLock(tx, e.date)
    const row: LedgerEntryTable = {
      id: newId(),
      client_id: e.clientId,
      entry_date: e.date,
      kind: e.kind,
      amount_minor: e.amountMinor,
      currency: e.currency,
      description: e.description.trim(),
      source_kind: e.sourceKind ?? null,
      source_id: e.sourceId ?? null,
      reverses_entry_id: e.reversesEntryId ?? null,
      category_id: e.categoryId ?? null,
      created_by: tx.actor?.id ?? null,
      created_at: nowIso(),
    }
    await insertEntry(tx, row)
    await tx.audit('finance.entry_posted', {
      entity: 'ledger_entry',
      entityId: row.id,
      clientId: row.client_id,
      after: row,
    })
    return toEntryView({ ...row })
  })
}

export interface ChargeInput {
  kind: ChargeKind
  /** Positive: what the client owes for it; posted as a negative entry. */
  amountMinor: number
  currency: string
  date: string
  description: string
  /** The service type (income category) of a service charge, for the P&L. */
  categoryId?: string | null
}

/** A manager records a service act, a free-standing shipment or a fee: a charge (negative entry) on the client's account. */
export async function recordCharge(ctx: Ctx, clientId: string, input: ChargeInput): Promise<EntryView> {
  ctx.require('finance.manage')
  const fields: Record<string, string> = {}
  if (!CHARGE_KINDS.includes(input.kind)) fields.kind = 'finance.error.kind'
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
    fields.amount = 'finance.error.amount_positive'
  if (!input.description.trim()) fields.description = 'form.required'
  if (Object.keys(fields).length) throw new ValidationError(fields)
  const source = input.kind === 'service' ? 'service_act' : input.kind === 'shipment' ? 'shipment' : 'fee'
  return ctx.transaction(async (tx) => {
    await checkChargeCategory(tx, input.kind, input.categoryId)
    const entry = await postEntry(tx, {
      clientId,
      date: input.date,
      kind: input.kind,
      amountMinor: -input.amountMinor,
      currency: input.currency,
      description: input.description,
      sourceKind: source,
      categoryId: input.categoryId || null,
    })
    await tx.emit('finance.charge_recorded', chargeEvent(entry))
    return entry
  })
}

/** What listeners (the documents module) need to produce the matching delivery note or act. */
const chargeEvent = (e: EntryView) => ({
  entryId: e.id,
  clientId: e.clientId,
  kind: e.kind,
  sourceKind: e.sourceKind,
  sourceId: e.sourceId,
})

/**
 * The charge for a shipment (called by the orders module in its own transaction): one negative
 * entry per shipment; a second charge for the same shipment is refused unless the first was reversed.
 */
export async function postShipmentCharge(
  ctx: Ctx,
  s: { clientId: string; shipmentId: string; amountMinor: number; currency: string; date: string; description: string },
  /** `announce: false` posts without the event (demo history: no delivery note for every past shipment). */
  opts: { announce?: boolean } = {},
): Promise<EntryView> {
  if (!Number.isSafeInteger(s.amountMinor) || s.amountMinor <= 0) {
    throw new ValidationError({ amount: 'finance.error.amount_positive' })
  }
  return ctx.transaction(async (tx) => {
    const charges = await entriesQuery(tx)
      .where('ledger_entries.source_kind', '=', 'shipment')
      .where('ledger_entries.source_id', '=', s.shipmentId)
      .where('ledger_entries.kind', '=', 'shipment')
      .execute()
    for (const c of charges) {
      if (!(await findReversalOf(tx, c.id))) {
        throw new RuleError('shipment_charged', 'finance.error.shipment_charged')
      }
    }
    const entry = await postEntry(tx, {
      clientId: s.clientId,
      date: s.date,
      kind: 'shipment',
      amountMinor: -s.amountMinor,
      currency: s.currency,
      description: s.description,
      sourceKind: 'shipment',
      sourceId: s.shipmentId,
    })
    if (opts.announce !== false) await tx.emit('finance.charge_recorded', chargeEvent(entry))
    return entry
  })
}

/** An entry in the caller's scope, or NotFoundError. */
export async function getEntry(ctx: Ctx, id: string): Promise<EntryView> {
  requireFinanceRead(ctx)
  const row = await findEntry(ctx, id)
  if (!row) throw new NotFoundError('entry')
  return toEntryView(row)
}

/**
 * Corrects an entry by appending its negation, linked to it. Entries are never edited; an entry is
 * reversed at most once (a unique index holds it under races) and a reversal is not itself reversed.
 */
export async function reverseEntry(
  ctx: Ctx,
  entryId: string,
  opts: { date?: string; reason: string },
): Promise<EntryView> {
  ctx.require('finance.manage')
  if (!opts.reason.trim()) throw new ValidationError({ reason: 'form.required' })
  return ctx.transaction(async (tx) => {
    const original = await findEntry(tx, entryId)
    if (!original) throw new NotFoundError('entry')
    if (original.kind === 'reversal') throw new RuleError('reversal_of_reversal', 'finance.error.reversal_of_reversal')
    if (await findReversalOf(tx, entryId)) throw new RuleError('already_reversed', 'finance.error.already_reversed')
    const date = opts.date ?? (await companyToday(tx))
    try {
      return await postEntry(tx, {
        clientId: original.client_id,
        date,
        kind: 'reversal',
        amountMinor: -Number(original.amount_minor),
        currency: original.currency,
        description: opts.reason,
        sourceKind: original.source_kind,
        sourceId: original.source_id,
        reversesEntryId: original.id,
      })
    } catch (err) {
      if (/unique|duplicate/i.test(String((err as Error).message))) {
        throw new RuleError('already_reversed', 'finance.error.already_reversed')
      }
      throw err
    }
  })
}

/** The client inside the caller's scope, or NotFoundError (an empty account still belongs to someone). */
async function requireVisibleClient(ctx: Ctx, clientId: string): Promise<void> {
  const client = await ctx.db
    .selectFrom('clients')
    .select('clients.id')
    .where('clients.id', '=', clientId)
    .executeTakeFirst()
  if (!client) throw new NotFoundError('client')
}

export interface Balance {
  currency: string
  balanceMinor: number
}

/** A client's balance per currency: positive is credit (available funds), negative an amount due. */
export async function clientBalances(ctx: Ctx, clientId: string): Promise<Balance[]> {
  requireFinanceRead(ctx)
  await requireVisibleClient(ctx, clientId)
  const rows = await balancesOf(ctx, clientId)
  return rows.map((r) => ({ currency: r.currency, balanceMinor: Number(r.total ?? 0) }))
}

export interface LedgerPeriod {
  currency: string
  from: string
  to: string
  page: number
  per?: number
}

export interface LedgerRow extends EntryView {
  /** The balance after this entry. */
  runningMinor: number
}

export interface LedgerPage {
  clientId: string
  currency: string
  /** Currencies the client has entries in (and the company's default). */
  currencies: string[]
  from: string
  to: string
  openingMinor: number
  closingMinor: number
  /** Balance before the first row of this page. */
  pageOpeningMinor: number
  rows: LedgerRow[]
  total: number
  page: number
  per: number
}

/** The first day of the company year and today: the default period of the ledger page. */
export async function defaultPeriod(ctx: Ctx): Promise<{ from: string; to: string }> {
  const today = await companyToday(ctx)
  return { from: `${today.slice(0, 4)}-01-01`, to: today }
}

/**
 * One page of a client's ledger in one currency for a period, in date order, with opening balance,
 * closing balance and the running balance of every row. Independent of size: the opening of the
 * page is one SUM over an index prefix, the rows' running balances are summed within the page.
 */
export async function ledgerPage(ctx: Ctx, clientId: string, p: LedgerPeriod): Promise<LedgerPage> {
  requireFinanceRead(ctx)
  const client = await ctx.db
    .selectFrom('clients')
    .select('clients.id')
    .where('clients.id', '=', clientId)
    .executeTakeFirst()
  if (!client) throw new NotFoundError('client')
  const fields: Record<string, string> = {}
  if (!isIsoDate(p.from)) fields.from = 'finance.error.date'
  if (!isIsoDate(p.to)) fields.to = 'finance.error.date'
  if (!isCurrencyCode(p.currency)) fields.currency = 'finance.error.currency'
  if (Object.keys(fields).length === 0 && p.from > p.to) fields.to = 'finance.error.period_order'
  if (Object.keys(fields).length) throw new ValidationError(fields)
  const per = Math.max(1, Math.min(200, p.per ?? LEDGER_PER_PAGE))
  const page = Math.max(1, p.page)
  const [opening, totals, balances] = [
    await sumBefore(ctx, clientId, p.currency, { date: p.from }),
    await periodTotals(ctx, clientId, p.currency, p.from, p.to),
    await balancesOf(ctx, clientId),
  ]
  const rows = await periodEntries(ctx, clientId, p.currency, p.from, p.to)
    .orderBy('ledger_entries.entry_date')
    .orderBy('ledger_entries.id')
    .limit(per)
    .offset((page - 1) * per)
    .execute()
  const first = rows[0]
  const pageOpening = first
    ? await sumBefore(ctx, clientId, p.currency, { date: first.entry_date, id: first.id })
    : opening
  let running = pageOpening
  const out = rows.map((r) => {
    const v = toEntryView(r)
    running += v.amountMinor
    return { ...v, runningMinor: running }
  })
  const { defaultCurrency } = await companySettings(ctx)
  const currencies = [...new Set([defaultCurrency, ...balances.map((b) => b.currency), p.currency])].sort()
  return {
    clientId,
    currency: p.currency,
    currencies,
    from: p.from,
    to: p.to,
    openingMinor: opening,
    closingMinor: opening + totals.sum,
    pageOpeningMinor: pageOpening,
    rows: out,
    total: totals.count,
    page,
    per,
  }
}

/** Entry ids in `ids` that already have a reversal (so pages offer "reverse" only where it is allowed). */
export async function reversedAmong(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await ctx.db
    .selectFrom('ledger_entries')
    .select('ledger_entries.reverses_entry_id')
    .where('ledger_entries.reverses_entry_id', 'in', ids)
    .execute()
  return new Set(rows.map((r) => r.reverses_entry_id as string))
}
