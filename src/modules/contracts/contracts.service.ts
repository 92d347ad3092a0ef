import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import { dateInZone } from '../../core/i18n/format.js'
import type { Locale } from '../../core/i18n/messages.js'
import { type CheckedContract, type ContractInput, checkContractInput } from './contract-input.js'
import { readParameters } from './contract-parameters.js'
import {
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  type ContractParameter,
  type ContractStatus,
  type ContractType,
  EDITABLE_STATUSES,
} from './contracts.constants.js'
import {
  type ContractRecord,
  contractsQuery,
  findContract,
  findVisibleClient,
  insertContract,
  insertStatusChange,
  numberTaken,
  updateContractAt,
} from './contracts.queries.js'
import type { ContractTable } from './contracts.schema.js'

/** A contract as pages and the API use it: parameters parsed, amount as money or null. */
export interface ContractView {
  id: string
  clientId: string
  clientName: string
  number: string
  signedOn: string
  subject: string
  type: ContractType
  parameters: ContractParameter[]
  amount: { minor: number; currency: string } | null
  validFrom: string
  validTo: string | null
  status: ContractStatus
  scanSha256: string | null
  issuer: string | null
  notes: string
  version: number
  createdAt: string
  updatedAt: string
  createdBy: string | null
}

export const toContractView = (r: ContractRecord): ContractView => ({
  id: r.id,
  clientId: r.client_id,
  clientName: r.client_name,
  number: r.number,
  signedOn: r.signed_on,
  subject: r.subject,
  type: r.type,
  parameters: readParameters(r.parameters_json),
  amount:
    r.amount_minor === null || r.amount_currency === null
      ? null
      : { minor: Number(r.amount_minor), currency: r.amount_currency },
  validFrom: r.valid_from,
  validTo: r.valid_to,
  status: r.status,
  scanSha256: r.scan_sha256,
  issuer: r.issuer,
  notes: r.notes,
  version: Number(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  createdBy: r.created_by,
})

/** Staff read with `contracts.read`, client users with `contracts.client` (their documents area). */
export function requireContractRead(ctx: Ctx): void {
  if (!ctx.can('contracts.read') && !ctx.can('contracts.client')) throw new ForbiddenError('contracts.read')
}

/**
 * The company settings. Inside a transaction they are read through it: on SQLite the transaction
 * holds the one connection, and the settings cache's own query would wait for it for ever.
 */
export async function companySettings(ctx: Ctx) {
  return ctx.inTransaction
    ? ctx.services.settings.load(ctx.unscoped('company settings are not client data'), 'company')
    : ctx.services.settings.get('company')
}

/** Today's date in the company's time zone: validity and expiry are judged by the company's calendar. */
export async function companyToday(ctx: Ctx, now: Date = new Date()): Promise<string> {
  return dateInZone(now, (await companySettings(ctx)).timeZone)
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export const decimalSeparator = (locale: Locale): ',' | '.' => (locale === 'en' ? '.' : ',')

/** A contract inside the caller's scope (client users never see drafts), or NotFoundError. */
export async function getContract(ctx: Ctx, id: string): Promise<ContractView> {
  requireContractRead(ctx)
  const row = await findContract(ctx, id)
  if (!row) throw new NotFoundError('contract')
  return toContractView(row)
}

export interface ContractFilters {
  status?: string
  type?: string
  clientId?: string
  /** Running contracts whose validity ends within this many days from today. */
  endingWithinDays?: number
}

const SORTS = {
  number: 'contracts.number',
  client: 'clients.name',
  signed_on: 'contracts.signed_on',
  valid_to: 'contracts.valid_to',
  status: 'contracts.status',
  type: 'contracts.type',
  updated_at: 'contracts.updated_at',
}
export const CONTRACT_SORTS = Object.keys(SORTS)

/** Contracts inside the caller's scope, filtered, searched by number or subject, sorted and paginated. */
export async function listContracts(
  ctx: Ctx,
  lq: ListQuery,
  filters: ContractFilters = {},
): Promise<Page<ContractView>> {
  requireContractRead(ctx)
  let q = contractsQuery(ctx)
  if (lq.q) {
    const pattern = `%${lq.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    // The backslash escapes the user's own % and _; SQLite has no default LIKE escape character.
    q = q.where(sql<boolean>`${sql.ref('contracts.search_text')} like ${pattern} escape '\\'`)
  }
  if (filters.status && CONTRACT_STATUSES.includes(filters.status as ContractStatus)) {
    q = q.where('contracts.status', '=', filters.status as ContractStatus)
  }
  if (filters.type && CONTRACT_TYPES.includes(filters.type as ContractType)) {
    q = q.where('contracts.type', '=', filters.type as ContractType)
  }
  if (filters.clientId) q = q.where('contracts.client_id', '=', filters.clientId)
  if (filters.endingWithinDays !== undefined) {
    const today = await companyToday(ctx)
    q = q
      .where('contracts.status', 'in', ['active', 'suspended'])
      .where('contracts.valid_to', '>=', today)
      .where('contracts.valid_to', '<=', addDays(today, filters.endingWithinDays))
  }
  const page = await fetchPage(q, lq, SORTS, 'contracts.id')
  return { ...page, rows: page.rows.map(toContractView) }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string }
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}

function checked(ctx: Ctx, input: ContractInput, currency: string): CheckedContract {
  const { value, errors } = checkContractInput(input, { currency, decimal: decimalSeparator(ctx.locale) })
  if (Object.keys(errors).length > 0) throw new ValidationError(errors)
  return value
}

const columnsOf = (c: CheckedContract) => ({
  number: c.number,
  search_text: `${c.number} ${c.subject}`.toLowerCase(),
  signed_on: c.signedOn,
  subject: c.subject,
  type: c.type,
  parameters_json: JSON.stringify(c.parameters),
  amount_minor: c.amount?.minor ?? null,
  amount_currency: c.amount?.currency ?? null,
  valid_from: c.validFrom,
  valid_to: c.validTo,
  issuer: c.issuer,
  notes: c.notes,
})

/** What the audit log keeps of a contract's fields. */
const auditFields = (c: ReturnType<typeof columnsOf>) => {
  const { search_text: _, parameters_json, ...rest } = c
  return { ...rest, parameters: JSON.parse(parameters_json) as unknown }
}

/** Creates a contract for a client in the caller's scope, as a draft; its number must be new for that client. */
export async function createContract(ctx: Ctx, clientId: string, input: ContractInput): Promise<ContractView> {
  ctx.require('contracts.manage')
  const client = await findVisibleClient(ctx, clientId)
  if (!client) throw new NotFoundError('client')
  const company = await companySettings(ctx)
  const value = checked(ctx, input, input.amount?.currency ?? company.defaultCurrency)
  if (await numberTaken(ctx, clientId, value.number))
    throw new ValidationError({ number: 'contracts.error.number_taken' })
  const id = newId()
  const now = nowIso()
  const columns = columnsOf(value)
  try {
    await ctx.transaction(async (tx) => {
      await insertContract(tx, {
        id,
        client_id: clientId,
        ...columns,
        status: 'draft',
        scan_sha256: null,
        version: 1,
        created_at: now,
        updated_at: now,
        created_by: ctx.actor?.id ?? null,
      })
      await insertStatusChange(tx, {
        id: newId(),
        client_id: clientId,
        contract_id: id,
        from_status: null,
        to_status: 'draft',
        changed_by: ctx.actor?.id ?? 'system',
        changed_at: now,
        comment: null,
      })
      await tx.audit('contract.created', {
        entity: 'contract',
        entityId: id,
        clientId,
        after: { ...auditFields(columns), status: 'draft' },
      })
      await tx.emit('contracts.created', { contractId: id, clientId })
    })
  } catch (err) {
    // Two people saving the same number at once: the unique index decides, the form says why.
    if (isUniqueViolation(err)) throw new ValidationError({ number: 'contracts.error.number_taken' })
    throw err
  }
  return getContract(ctx, id)
}

/** The contract's current fields as input, for merging partial changes. */
export const inputOf = (c: ContractView): CheckedContract => ({
  number: c.number,
  signedOn: c.signedOn,
  subject: c.subject,
  type: c.type,
  parameters: c.parameters,
  amount: c.amount,
  validFrom: c.validFrom,
  validTo: c.validTo,
  issuer: c.issuer,
  notes: c.notes,
})

/** The stale-version refusal: someone saved the contract after the caller loaded it. */
export const staleContract = () => new ConflictError('contracts.stale', 'contracts.error.stale')

/**
 * Changes a draft or active contract's fields (never its client or status) if it still has
 * `version`; a stale version is a ConflictError, so two editors never overwrite each other.
 */
export async function updateContract(
  ctx: Ctx,
  id: string,
  version: number,
  changes: Partial<ContractInput>,
): Promise<ContractView> {
  ctx.require('contracts.manage')
  const current = await getContract(ctx, id)
  if (!EDITABLE_STATUSES.includes(current.status)) {
    throw new RuleError('contracts.not_editable', 'contracts.error.not_editable')
  }
  if (version !== current.version) throw staleContract()
  const merged = { ...inputOf(current), ...changes }
  const company = await companySettings(ctx)
  const value = checked(ctx, merged, merged.amount?.currency ?? current.amount?.currency ?? company.defaultCurrency)
  if (value.number !== current.number && (await numberTaken(ctx, current.clientId, value.number, id))) {
    throw new ValidationError({ number: 'contracts.error.number_taken' })
  }
  const before = auditFields(columnsOf(inputOf(current)))
  const columns = columnsOf(value)
  const after = auditFields(columns)
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
    (k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]),
  )
  if (changed.length === 0) return current
  try {
    await ctx.transaction(async (tx) => {
      const set: Partial<ContractTable> = { ...columns, updated_at: nowIso() }
      if (!(await updateContractAt(tx, id, version, set))) throw staleContract()
      await tx.audit('contract.updated', {
        entity: 'contract',
        entityId: id,
        clientId: current.clientId,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      })
      await tx.emit('contracts.updated', { contractId: id, clientId: current.clientId })
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ number: 'contracts.error.number_taken' })
    throw err
  }
  return getContract(ctx, id)
}
