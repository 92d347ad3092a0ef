import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { RuleError, ValidationError } from '../../core/errors.js'
import { formatDate } from '../../core/i18n/format.js'
import { CONTRACT_STATUSES, type ContractStatus, TRANSITIONS } from './contracts.constants.js'
import { insertStatusChange, listStatusChanges, updateContractAt } from './contracts.queries.js'
import { type ContractView, companyToday, getContract, staleContract } from './contracts.service.js'

/**
 * Why a move from the contract's status to `to` is refused on `today` (company calendar), or null
 * when it is allowed: it must follow TRANSITIONS; `expired` needs the validity to have reached its
 * last day; a contract whose validity has passed cannot be (re)activated, only expire.
 */
export function transitionRefusal(
  c: Pick<ContractView, 'status' | 'validTo'>,
  to: ContractStatus,
  today: string,
): { code: string; messageKey: string; date?: string } | null {
  if (!TRANSITIONS[c.status].includes(to)) {
    return { code: 'contracts.illegal_transition', messageKey: 'contracts.error.illegal_transition' }
  }
  if (to === 'expired' && (!c.validTo || today < c.validTo)) {
    return c.validTo
      ? { code: 'contracts.not_ended', messageKey: 'contracts.error.not_ended', date: c.validTo }
      : { code: 'contracts.open_ended', messageKey: 'contracts.error.open_ended' }
  }
  if (to === 'active' && c.validTo && c.validTo < today) {
    return { code: 'contracts.validity_passed', messageKey: 'contracts.error.validity_passed', date: c.validTo }
  }
  return null
}

/** The statuses the contract may move to today (what the page offers as buttons). */
export const allowedTransitions = (c: Pick<ContractView, 'status' | 'validTo'>, today: string): ContractStatus[] =>
  TRANSITIONS[c.status].filter((to) => transitionRefusal(c, to, today) === null)

/**
 * Moves a contract to another status along the workflow, with an optional comment, if it still has
 * `version` (a stale version is a ConflictError). Every change leaves a history row and an audit record.
 */
export async function changeContractStatus(
  ctx: Ctx,
  id: string,
  to: string,
  opts: { comment?: string | null; version?: number } = {},
): Promise<ContractView> {
  ctx.require('contracts.manage')
  const contract = await getContract(ctx, id)
  if (!CONTRACT_STATUSES.includes(to as ContractStatus)) throw new ValidationError({ to: 'form.invalid_choice' })
  const comment = opts.comment?.trim() || null
  if (comment && comment.length > 1000) throw new ValidationError({ comment: 'form.too_long' })
  if (opts.version !== undefined && opts.version !== contract.version) throw staleContract()
  const target = to as ContractStatus
  const refusal = transitionRefusal(contract, target, await companyToday(ctx))
  if (refusal) {
    const t = ctx.services.catalog.translator(ctx.locale)
    throw new RuleError(refusal.code, refusal.messageKey, {
      from: t(`contracts.status.${contract.status}`),
      to: t(`contracts.status.${target}`),
      date: refusal.date ? formatDate(ctx.locale, refusal.date) : '',
    })
  }
  await ctx.transaction(async (tx) => {
    await recordStatusChange(tx, contract, target, comment, ctx.actor?.id ?? 'system')
  })
  return getContract(ctx, id)
}

/** Writes the new status (guarded by the version), its history row, the audit record and the event. */
export async function recordStatusChange(
  tx: Ctx,
  c: Pick<ContractView, 'id' | 'clientId' | 'status' | 'version'>,
  to: ContractStatus,
  comment: string | null,
  changedBy: string,
): Promise<void> {
  const now = nowIso()
  if (!(await updateContractAt(tx, c.id, c.version, { status: to, updated_at: now }))) throw staleContract()
  await insertStatusChange(tx, {
    id: newId(),
    client_id: c.clientId,
    contract_id: c.id,
    from_status: c.status,
    to_status: to,
    changed_by: changedBy,
    changed_at: now,
    comment,
  })
  await tx.audit('contract.status_changed', {
    entity: 'contract',
    entityId: c.id,
    clientId: c.clientId,
    before: { status: c.status },
    after: { status: to, comment, by: changedBy },
  })
  await tx.emit('contracts.status_changed', { contractId: c.id, clientId: c.clientId, from: c.status, to })
}

export interface StatusHistoryItem {
  id: string
  from: ContractStatus | null
  to: ContractStatus
  /** The user's name; null for the system (the expiry job) or a user no longer visible. */
  by: string | null
  bySystem: boolean
  at: string
  comment: string | null
}

/** A contract's status history, oldest first; comments are staff-only. */
export async function contractHistory(ctx: Ctx, id: string): Promise<StatusHistoryItem[]> {
  const contract = await getContract(ctx, id)
  const staff = ctx.actor?.role !== 'client'
  const rows = await listStatusChanges(ctx, contract.id)
  return rows
    .filter((r) => staff || r.from_status !== null)
    .map((r) => ({
      id: r.id,
      from: r.from_status,
      to: r.to_status,
      by: r.changed_by_name,
      bySystem: r.changed_by === 'system',
      at: r.changed_at,
      comment: staff ? r.comment : null,
    }))
}
