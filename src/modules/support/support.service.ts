import type { Ctx } from '../../core/ctx.js'
import { ForbiddenError, NotFoundError } from '../../core/errors.js'
import { containsText, fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import { getSupportVisibility } from '../clients/index.js'
import { breachedAt, inBucket, overdueNow } from './sla-sql.js'
import {
  AGE_BUCKETS,
  type AgeBucket,
  type LinkKind,
  OPEN_STATUSES,
  PRIORITIES,
  type Priority,
  REQUEST_STATUSES,
  type RequestStatus,
} from './support.constants.js'
import { type RequestRecord, requestsQuery } from './support.queries.js'
import { categoryName } from './support-settings.service.js'

export const READ = 'support.read'
export const MANAGE = 'support.manage'
export const CLIENT = 'support.client'

/** A request as pages, the API and notifications use it. */
export interface RequestView {
  id: string
  clientId: string
  clientName: string
  number: string
  categoryId: string | null
  categoryName: string
  priority: Priority
  subject: string
  status: RequestStatus
  createdBy: string
  creatorName: string | null
  assigneeId: string | null
  assigneeName: string | null
  link: { kind: LinkKind; id: string } | null
  firstResponseTargetMinutes: number
  resolutionTargetMinutes: number
  firstResponseDueAt: string
  resolutionDueAt: string
  firstRespondedAt: string | null
  firstResponseMinutes: number | null
  resolvedAt: string | null
  resolutionMinutes: number | null
  closedAt: string | null
  slaPausedMinutes: number
  pausedSince: string | null
  lastMessageAt: string
  rating: number | null
  ratingComment: string | null
  ratedAt: string | null
  version: number
  createdAt: string
  updatedAt: string
}

export function toRequestView(r: RequestRecord, ctx: Ctx): RequestView {
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    number: r.number,
    categoryId: r.category_id,
    categoryName: r.category_id
      ? categoryName({ name: r.category_name, names_json: r.category_names_json }, ctx.locale)
      : '',
    priority: r.priority,
    subject: r.subject,
    status: r.status,
    createdBy: r.created_by,
    creatorName: r.creator_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    link: r.linked_kind && r.linked_id ? { kind: r.linked_kind, id: r.linked_id } : null,
    firstResponseTargetMinutes: Number(r.first_response_target_minutes),
    resolutionTargetMinutes: Number(r.resolution_target_minutes),
    firstResponseDueAt: r.first_response_due_at,
    resolutionDueAt: r.resolution_due_at,
    firstRespondedAt: r.first_responded_at,
    firstResponseMinutes: r.first_response_minutes === null ? null : Number(r.first_response_minutes),
    resolvedAt: r.resolved_at,
    resolutionMinutes: r.resolution_minutes === null ? null : Number(r.resolution_minutes),
    closedAt: r.closed_at,
    slaPausedMinutes: Number(r.sla_paused_minutes),
    pausedSince: r.paused_since,
    lastMessageAt: r.last_message_at,
    rating: r.rating === null ? null : Number(r.rating),
    ratingComment: r.rating_comment,
    ratedAt: r.rated_at,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

export type SlaOutcome = 'met' | 'breached' | 'running' | 'paused'

/**
 * Where a request stands against its targets at `now`: a target is met or breached once reached,
 * otherwise running (or paused while the clock stands). A due time passed before a pause stays
 * breached: waiting for the client does not undo a late answer.
 */
export function slaState(r: RequestView, now: string) {
  const stop = r.pausedSince ?? now
  const response: SlaOutcome = r.firstRespondedAt
    ? r.firstRespondedAt <= r.firstResponseDueAt
      ? 'met'
      : 'breached'
    : r.firstResponseDueAt < stop
      ? 'breached'
      : r.pausedSince
        ? 'paused'
        : 'running'
  const resolution: SlaOutcome = r.resolvedAt
    ? r.resolvedAt <= r.resolutionDueAt
      ? 'met'
      : 'breached'
    : r.resolutionDueAt < stop
      ? 'breached'
      : r.pausedSince
        ? 'paused'
        : 'running'
  const open = OPEN_STATUSES.includes(r.status)
  const overdue = open && ((!r.firstRespondedAt && response === 'breached') || resolution === 'breached')
  return { response, resolution, overdue }
}

/** Staff read with `support.read`, client users with `support.client` (their support area). */
export function requireRead(ctx: Ctx): void {
  if (!ctx.can(READ) && !ctx.can(CLIENT)) throw new ForbiddenError(READ)
}

export const isClient = (ctx: Ctx) => ctx.actor?.role === 'client'

/** For a client user whose company keeps requests personal: its own id; otherwise null (the scope suffices). */
export async function ownOnly(ctx: Ctx): Promise<string | null> {
  const actor = ctx.actor
  if (actor?.role !== 'client' || !actor.clientId) return null
  return (await getSupportVisibility(ctx, actor.clientId)) === 'mine' ? actor.id : null
}

/** A request the caller may see, or NotFoundError (also for a colleague's request under `mine`). */
export async function getRequest(ctx: Ctx, id: string): Promise<RequestView> {
  requireRead(ctx)
  const row = await requestsQuery(ctx, await ownOnly(ctx))
    .where('support_requests.id', '=', id)
    .executeTakeFirst()
  if (!row) throw new NotFoundError('request')
  return toRequestView(row, ctx)
}

export interface RequestFilters {
  /** `mine`: assigned to the caller; `unassigned`; anything else: all in scope. */
  queue?: string
  /** A status, `open` (new, open, waiting; the default) or `all`. */
  status?: string
  priority?: string
  categoryId?: string
  clientId?: string
  assigneeId?: string
  overdue?: boolean
  /** Created in [from, to) (ISO instants), for the report's drill-down. */
  createdFrom?: string
  createdTo?: string
  /** Breached a target (now, for the report's period drill-down). */
  breached?: boolean
  /** Overdue now, late for this long (the report's ageing drill-down). */
  bucket?: string
  now?: string
}

const SORTS = {
  number: 'support_requests.number',
  client: 'clients.name',
  subject: 'support_requests.subject',
  status: 'support_requests.status',
  priority: 'support_requests.priority',
  due: 'support_requests.resolution_due_at',
  response_due: 'support_requests.first_response_due_at',
  created_at: 'support_requests.created_at',
  updated: 'support_requests.last_message_at',
  assignee: 'assignee.name',
}
export const REQUEST_SORTS = Object.keys(SORTS)

/** The filtered query behind lists, exports and the report's drill-down. */
export async function filteredRequests(ctx: Ctx, lq: Pick<ListQuery, 'q'>, f: RequestFilters) {
  requireRead(ctx)
  let q = requestsQuery(ctx, await ownOnly(ctx))
  const now = f.now ?? new Date().toISOString()
  if (lq.q) {
    q = q.where((eb) =>
      eb.or([containsText('support_requests.subject', lq.q), containsText('support_requests.number', lq.q)]),
    )
  }
  if (f.queue === 'mine' && ctx.actor) q = q.where('support_requests.assignee_id', '=', ctx.actor.id)
  else if (f.queue === 'unassigned') q = q.where('support_requests.assignee_id', 'is', null)
  if (f.status === 'all') {
    // every status
  } else if (f.status && REQUEST_STATUSES.includes(f.status as RequestStatus)) {
    q = q.where('support_requests.status', '=', f.status as RequestStatus)
  } else if (!f.createdFrom) {
    q = q.where('support_requests.status', 'in', [...OPEN_STATUSES])
  }
  if (f.priority && PRIORITIES.includes(f.priority as Priority)) {
    q = q.where('support_requests.priority', '=', f.priority as Priority)
  }
  if (f.categoryId) q = q.where('support_requests.category_id', '=', f.categoryId)
  if (f.clientId) q = q.where('support_requests.client_id', '=', f.clientId)
  if (f.assigneeId === 'none') q = q.where('support_requests.assignee_id', 'is', null)
  else if (f.assigneeId) q = q.where('support_requests.assignee_id', '=', f.assigneeId)
  if (f.overdue) q = q.where(overdueNow(now))
  if (f.createdFrom) q = q.where('support_requests.created_at', '>=', f.createdFrom)
  if (f.createdTo) q = q.where('support_requests.created_at', '<', f.createdTo)
  if (f.breached) q = q.where(breachedAt(now))
  if (f.bucket && AGE_BUCKETS.includes(f.bucket as AgeBucket)) q = q.where(inBucket(f.bucket as AgeBucket, now))
  return q
}

/** Requests inside the caller's scope (and visibility), filtered, searched, sorted and paginated. */
export async function listRequests(ctx: Ctx, lq: ListQuery, f: RequestFilters = {}): Promise<Page<RequestView>> {
  const q = await filteredRequests(ctx, lq, f)
  const page = await fetchPage(q, lq, SORTS, 'support_requests.id')
  return { ...page, rows: page.rows.map((r) => toRequestView(r, ctx)) }
}

export const sortColumn = (sort: string) => SORTS[sort as keyof typeof SORTS] ?? SORTS.created_at

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/

/** List filters from query parameters (pages, exports and the report's drill-down links). */
export function filtersFromParams(p: Record<string, string>): RequestFilters {
  return {
    status: p.status || undefined,
    priority: p.priority || undefined,
    categoryId: p.category || undefined,
    clientId: p.client || undefined,
    assigneeId: p.assignee || undefined,
    overdue: p.overdue === '1',
    createdFrom: ISO.test(p.from ?? '') ? p.from : undefined,
    createdTo: ISO.test(p.to ?? '') ? p.to : undefined,
    breached: p.breached === '1',
    bucket: p.bucket || undefined,
  }
}
