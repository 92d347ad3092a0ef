import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { addSlaMinutes, type SlaCalendar, slaMinutesBetween } from './sla-clock.js'
import {
  CLOCK_RUNNING,
  RATING_COMMENT_MAX,
  REQUEST_STATUSES,
  type RequestStatus,
  TRANSITIONS,
} from './support.constants.js'
import { assignableStaff, findVisibleClient, insertStatusChange, updateRequestAt } from './support.queries.js'
import type { SupportRequestTable } from './support.schema.js'
import { CLIENT, getRequest, isClient, MANAGE, type RequestView } from './support.service.js'
import { notifyAssigned, notifyStatus } from './support-notify.js'
import { slaCalendar, supportSettings } from './support-settings.service.js'

export const staleRequest = () => new ConflictError('support.stale', 'support.error.stale')

const DAY = 86_400_000

/** Whether a resolved or closed request may still be reopened at `now` (within `days` of its resolution). */
export function inReopenWindow(r: Pick<RequestView, 'resolvedAt' | 'closedAt'>, now: string, days: number): boolean {
  const base = r.resolvedAt ?? r.closedAt
  return base !== null && new Date(now).getTime() <= new Date(base).getTime() + days * DAY
}

/**
 * The columns a move to `to` at `now` changes, with the SLA bookkeeping: leaving new/open pauses the
 * clock; coming back adds the paused SLA minutes and moves the due times that had not passed when
 * the pause began; resolving records the resolution time; reopening forgets the resolution.
 */
export function transitionColumns(
  r: RequestView,
  to: RequestStatus,
  now: string,
  cal: SlaCalendar,
): Partial<SupportRequestTable> {
  const set: Partial<SupportRequestTable> = { status: to, updated_at: now }
  const wasRunning = CLOCK_RUNNING.includes(r.status)
  const willRun = CLOCK_RUNNING.includes(to)
  let paused = r.slaPausedMinutes
  if (wasRunning && !willRun) set.paused_since = now
  if (!wasRunning && willRun) {
    const pausedAt = r.pausedSince ?? now
    paused += slaMinutesBetween(pausedAt, now, cal)
    set.sla_paused_minutes = paused
    set.paused_since = null
    if (!r.firstRespondedAt && r.firstResponseDueAt >= pausedAt) {
      set.first_response_due_at = addSlaMinutes(r.createdAt, r.firstResponseTargetMinutes + paused, cal).toISOString()
    }
    if (r.resolutionDueAt >= pausedAt) {
      set.resolution_due_at = addSlaMinutes(r.createdAt, r.resolutionTargetMinutes + paused, cal).toISOString()
    }
  }
  if (to === 'resolved') {
    set.resolved_at = now
    set.resolution_minutes = Math.max(0, slaMinutesBetween(r.createdAt, r.pausedSince ?? now, cal) - paused)
  }
  if (to === 'closed') set.closed_at = now
  if (to === 'open' && (r.status === 'resolved' || r.status === 'closed')) {
    Object.assign(set, {
      resolved_at: null,
      resolution_minutes: null,
      closed_at: null,
      rating: null,
      rating_comment: null,
      rated_at: null,
    })
  }
  return set
}

/** The moves the caller may make now: staff along TRANSITIONS, client users reopen and close; reopening only in the window. */
export async function allowedMoves(ctx: Ctx, r: RequestView, now = nowIso()): Promise<RequestStatus[]> {
  const client = isClient(ctx)
  if (!ctx.can(client ? CLIENT : MANAGE)) return []
  const days = (await supportSettings(ctx)).reopenDays
  return TRANSITIONS[r.status].filter((to) => {
    const reopen = to === 'open' && (r.status === 'resolved' || r.status === 'closed')
    if (reopen) return inReopenWindow(r, now, days)
    if (client) return to === 'closed'
    return true
  })
}

/** Writes a move inside the caller's transaction: the row (guarded by the version), history, audit, notification. */
export async function applyMove(tx: Ctx, r: RequestView, to: RequestStatus, now: string, cal: SlaCalendar) {
  if (!(await updateRequestAt(tx, r.id, r.version, transitionColumns(r, to, now, cal)))) throw staleRequest()
  await insertStatusChange(tx, {
    id: newId(),
    client_id: r.clientId,
    request_id: r.id,
    from_status: r.status,
    to_status: to,
    changed_by: tx.actor?.id ?? 'system',
    changed_at: now,
  })
  await tx.audit('support_request.status_changed', {
    entity: 'support_request',
    entityId: r.id,
    clientId: r.clientId,
    before: { status: r.status },
    after: { status: to },
  })
  await notifyStatus(tx, r, r.status, to, isClient(tx))
  await tx.emit('support.status_changed', { requestId: r.id, clientId: r.clientId, from: r.status, to })
}

/**
 * Moves a request to another status. Staff follow the workflow; a client user may close its
 * request or reopen it within the reopen window (after it, a new request is the way).
 */
export async function changeStatus(ctx: Ctx, id: string, to: string, version?: number): Promise<RequestView> {
  const r = await getRequest(ctx, id)
  if (!ctx.can(isClient(ctx) ? CLIENT : MANAGE)) throw new ForbiddenError(MANAGE)
  if (!REQUEST_STATUSES.includes(to as RequestStatus)) throw new ValidationError({ to: 'form.invalid_choice' })
  if (version !== undefined && version !== r.version) throw staleRequest()
  const target = to as RequestStatus
  const now = nowIso()
  if (!(await allowedMoves(ctx, r, now)).includes(target)) {
    const reopen = target === 'open' && (r.status === 'resolved' || r.status === 'closed')
    throw reopen
      ? new RuleError('support.reopen_window_passed', 'support.error.reopen_window_passed', {
          days: (await supportSettings(ctx)).reopenDays,
        })
      : new RuleError('support.illegal_transition', 'support.error.illegal_transition')
  }
  const cal = await slaCalendar(ctx)
  await ctx.transaction((tx) => applyMove(tx, r, target, now, cal))
  return getRequest(ctx, id)
}

/** The client's satisfaction with a resolved or closed request: 1–5 stars and an optional comment. */
export async function rateRequest(ctx: Ctx, id: string, rating: number, comment: string | null): Promise<RequestView> {
  ctx.require(CLIENT)
  if (!isClient(ctx)) throw new ForbiddenError(CLIENT)
  const r = await getRequest(ctx, id)
  if (r.status !== 'resolved' && r.status !== 'closed') {
    throw new RuleError('support.not_resolved', 'support.error.not_resolved')
  }
  const errors: Record<string, string> = {}
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) errors.rating = 'support.error.rating'
  const text = comment?.trim() || null
  if (text && text.length > RATING_COMMENT_MAX) errors.rating_comment = 'form.too_long'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const now = nowIso()
  await ctx.transaction(async (tx) => {
    if (
      !(await updateRequestAt(tx, r.id, r.version, { rating, rating_comment: text, rated_at: now, updated_at: now }))
    ) {
      throw staleRequest()
    }
    await tx.audit('support_request.rated', {
      entity: 'support_request',
      entityId: r.id,
      clientId: r.clientId,
      before: { rating: r.rating, comment: r.ratingComment },
      after: { rating, comment: text },
    })
  })
  return getRequest(ctx, id)
}

/** Staff a request can be given to: those who can see its client (see assignableStaff). */
export async function assigneeChoices(ctx: Ctx, r: Pick<RequestView, 'clientId'>) {
  ctx.require(MANAGE)
  const client = await findVisibleClient(ctx, r.clientId)
  if (!client) throw new NotFoundError('client')
  return assignableStaff(ctx, client.manager_id)
}

/** Hands a request to a member of staff who can see its client, or back to the unassigned queue (null). */
export async function assignRequest(ctx: Ctx, id: string, assigneeId: string | null, version?: number) {
  ctx.require(MANAGE)
  const r = await getRequest(ctx, id)
  if (version !== undefined && version !== r.version) throw staleRequest()
  if (assigneeId && !(await assigneeChoices(ctx, r)).some((u) => u.id === assigneeId)) {
    throw new ValidationError({ assignee_id: 'support.error.assignee' })
  }
  if ((assigneeId ?? null) === r.assigneeId) return r
  const now = nowIso()
  await ctx.transaction(async (tx) => {
    if (!(await updateRequestAt(tx, r.id, r.version, { assignee_id: assigneeId, updated_at: now })))
      throw staleRequest()
    await tx.audit('support_request.assigned', {
      entity: 'support_request',
      entityId: r.id,
      clientId: r.clientId,
      before: { assignee_id: r.assigneeId },
      after: { assignee_id: assigneeId },
    })
    if (assigneeId) await notifyAssigned(tx, r, assigneeId)
  })
  return getRequest(ctx, id)
}

/** Closes resolved requests whose reopen window has passed (the hourly job; system ctx). */
export async function closeStaleResolved(ctx: Ctx, now = nowIso()): Promise<number> {
  const days = (await supportSettings(ctx)).reopenDays
  const cutoff = new Date(new Date(now).getTime() - days * DAY).toISOString()
  const due = await ctx.db
    .selectFrom('support_requests')
    .select('id')
    .where('status', '=', 'resolved')
    .where('resolved_at', '<', cutoff)
    .limit(500)
    .execute()
  const cal = await slaCalendar(ctx)
  let closed = 0
  for (const { id } of due) {
    try {
      const r = await getRequest(ctx, id)
      await ctx.transaction((tx) => applyMove(tx, r, 'closed', now, cal))
      closed++
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err
    }
  }
  return closed
}
