import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import type { ContractStatus } from './contracts.constants.js'
import type { ContractStatusChangeTable, ContractTable, NewContract } from './contracts.schema.js'

const FIELDS = [
  'contracts.id',
  'contracts.client_id',
  'contracts.number',
  'contracts.signed_on',
  'contracts.subject',
  'contracts.type',
  'contracts.parameters_json',
  'contracts.amount_minor',
  'contracts.amount_currency',
  'contracts.valid_from',
  'contracts.valid_to',
  'contracts.status',
  'contracts.scan_sha256',
  'contracts.issuer',
  'contracts.notes',
  'contracts.version',
  'contracts.created_at',
  'contracts.updated_at',
  'contracts.created_by',
] as const

/** Contracts in the caller's scope with their client's name; client users never see drafts. */
export function contractsQuery(ctx: Ctx) {
  const q = ctx.db
    .selectFrom('contracts')
    .innerJoin('clients', 'clients.id', 'contracts.client_id')
    .select([...FIELDS, 'clients.name as client_name'])
  return ctx.actor?.role === 'client' ? q.where('contracts.status', '!=', 'draft') : q
}

export type ContractRecord = Awaited<ReturnType<ReturnType<typeof contractsQuery>['executeTakeFirstOrThrow']>>

export const findContract = (ctx: Ctx, id: string) =>
  contractsQuery(ctx).where('contracts.id', '=', id).executeTakeFirst()

/** Whether `number` is taken by another contract of the same client (who is in the caller's scope). */
export async function numberTaken(ctx: Ctx, clientId: string, number: string, exceptId?: string): Promise<boolean> {
  let q = ctx.db
    .selectFrom('contracts')
    .select('contracts.id')
    .where('contracts.client_id', '=', clientId)
    .where('contracts.number', '=', number)
  if (exceptId) q = q.where('contracts.id', '!=', exceptId)
  return (await q.executeTakeFirst()) !== undefined
}

export const findVisibleClient = (ctx: Ctx, clientId: string) =>
  ctx.db
    .selectFrom('clients')
    .select(['clients.id', 'clients.name'])
    .where('clients.id', '=', clientId)
    .executeTakeFirst()

/** Clients the caller may pick from (forms and filters), by name; `limit` keeps huge books out of a select. */
export const listVisibleClients = (ctx: Ctx, limit: number) =>
  ctx.db
    .selectFrom('clients')
    .select(['clients.id', 'clients.name'])
    .where('clients.status', '!=', 'archived')
    .orderBy('clients.name')
    .limit(limit)
    .execute()

export const insertContract = (ctx: Ctx, row: NewContract) => ctx.db.insert('contracts', row)

export const insertStatusChange = (ctx: Ctx, row: ContractStatusChangeTable) =>
  ctx.db.insert('contract_status_changes', row)

/** Updates a contract only if it still has `version`; returns whether it did (false: someone was first). */
export async function updateContractAt(
  ctx: Ctx,
  id: string,
  version: number,
  set: Partial<Omit<ContractTable, 'id' | 'client_id' | 'version' | 'created_at' | 'created_by'>>,
): Promise<boolean> {
  const res = await ctx.db
    .updateTable('contracts')
    .set({ ...set, version: version + 1 })
    .where('contracts.id', '=', id)
    .where('contracts.version', '=', version)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** A contract's status history, oldest first, with the names of who changed it. */
export const listStatusChanges = (ctx: Ctx, contractId: string) =>
  ctx.db
    .selectFrom('contract_status_changes')
    .leftJoin('users', 'users.id', 'contract_status_changes.changed_by')
    .select([
      'contract_status_changes.id',
      'contract_status_changes.from_status',
      'contract_status_changes.to_status',
      'contract_status_changes.changed_by',
      'contract_status_changes.changed_at',
      'contract_status_changes.comment',
      'users.name as changed_by_name',
    ])
    .where('contract_status_changes.contract_id', '=', contractId)
    .orderBy('contract_status_changes.changed_at')
    .orderBy('contract_status_changes.id')
    .execute()

/** A client's status changes newest first (the client card's timeline), before `before` when given. */
export function clientStatusChanges(ctx: Ctx, clientId: string, opts: { before?: string; limit: number }) {
  let q = ctx.db
    .selectFrom('contract_status_changes')
    .innerJoin('contracts', 'contracts.id', 'contract_status_changes.contract_id')
    .leftJoin('users', 'users.id', 'contract_status_changes.changed_by')
    .select([
      'contract_status_changes.id',
      'contract_status_changes.contract_id',
      'contract_status_changes.from_status',
      'contract_status_changes.to_status',
      'contract_status_changes.changed_by',
      'contract_status_changes.changed_at',
      'contract_status_changes.comment',
      'contracts.number',
      'contracts.subject',
      'users.name as changed_by_name',
    ])
    .where('contract_status_changes.client_id', '=', clientId)
  if (opts.before) q = q.where('contract_status_changes.changed_at', '<', opts.before)
  // A client user never learns of a contract while it is a draft.
  if (ctx.actor?.role === 'client') q = q.where('contract_status_changes.from_status', 'is not', null)
  return q
    .orderBy('contract_status_changes.changed_at', 'desc')
    .orderBy('contract_status_changes.id', 'desc')
    .limit(opts.limit)
    .execute()
}

/** Running contracts whose validity ends in [from, to], soonest first. */
export const contractsEndingBetween = (ctx: Ctx, from: string, to: string, limit: number) =>
  contractsQuery(ctx)
    .where('contracts.status', 'in', ['active', 'suspended'])
    .where('contracts.valid_to', '>=', from)
    .where('contracts.valid_to', '<=', to)
    .orderBy('contracts.valid_to')
    .orderBy('contracts.id')
    .limit(limit)
    .execute()

export async function countContracts(ctx: Ctx, statuses: readonly ContractStatus[], endingBetween?: [string, string]) {
  let q = ctx.db
    .selectFrom('contracts')
    .select(sql<number>`count(*)`.as('n'))
    .where('contracts.status', 'in', [...statuses])
  if (endingBetween)
    q = q.where('contracts.valid_to', '>=', endingBetween[0]).where('contracts.valid_to', '<=', endingBetween[1])
  const row = await q.executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Running contracts whose last valid day is before `today` (for the expiry job). */
export const contractsPastValidity = (ctx: Ctx, today: string) =>
  ctx.db
    .selectFrom('contracts')
    .select([
      'contracts.id',
      'contracts.client_id',
      'contracts.number',
      'contracts.status',
      'contracts.valid_to',
      'contracts.version',
    ])
    .where('contracts.status', 'in', ['active', 'suspended'])
    .where('contracts.valid_to', '<', today)
    .orderBy('contracts.valid_to')
    .execute()

export const findExpiryRun = (ctx: Ctx, date: string) =>
  ctx.db.selectFrom('contract_expiry_runs').select('run_date').where('run_date', '=', date).executeTakeFirst()

export const insertExpiryRun = (ctx: Ctx, date: string, ranAt: string, expired: number) =>
  ctx.db.insert('contract_expiry_runs', { run_date: date, ran_at: ranAt, expired })

/** Points a contract at its scan; the version still moves on, so clients holding the old one see a change. */
export const setContractScan = (ctx: Ctx, id: string, sha256: string, now: string) =>
  ctx.db
    .updateTable('contracts')
    .set((eb) => ({ scan_sha256: sha256, updated_at: now, version: eb('version', '+', 1) }))
    .where('contracts.id', '=', id)
    .execute()

export const findUserName = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom('users').select('users.name').where('users.id', '=', id).executeTakeFirst()
