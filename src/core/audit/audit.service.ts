import { sql } from 'kysely'
import type { Ctx } from '../ctx.js'
import { NotFoundError, ValidationError } from '../errors.js'
import { containsPattern, fetchPage, type ListQuery, type Page } from '../http/list-query.js'
import { isPlainDate, nextDay, startOfDayUtc } from './zoned-day.js'

export interface AuditFilters {
  action?: string
  /** Part of the actor's name or e-mail. */
  actor?: string
  entity?: string
  entityId?: string
  clientId?: string
  /** First and last calendar day, `YYYY-MM-DD`, in the company's time zone. */
  from?: string
  to?: string
}

export interface AuditRow {
  id: string
  at: string
  actor_id: string | null
  actor_label: string
  action: string
  entity: string
  entity_id: string | null
  client_id: string | null
  client_name: string | null
}

export interface AuditDetail extends AuditRow {
  before: unknown
  after: unknown
  /** Null for client users: staff addresses are not theirs to see. */
  ip: string | null
  request_id: string | null
}

export const AUDIT_SORTS = ['at', 'action', 'entity', 'actor'] as const
const ORDER: Record<string, string> = {
  at: 'audit_log.at',
  action: 'audit_log.action',
  entity: 'audit_log.entity',
  actor: 'audit_log.actor_label',
}

/** The audit log as the caller may see it: `ctx.db` confines a client admin to its own company's entries. */
const scopedLog = (ctx: Ctx) =>
  ctx.db
    .selectFrom('audit_log')
    .leftJoin('clients', 'clients.id', 'audit_log.client_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_id',
      'audit_log.actor_label',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.client_id',
      'clients.name as client_name',
    ])

/** Turns the date filters into UTC bounds [from, to) of whole days in the company's time zone. */
async function dayBounds(ctx: Ctx, filters: AuditFilters): Promise<{ from?: string; to?: string }> {
  const errors: Record<string, string> = {}
  if (filters.from && !isPlainDate(filters.from)) errors.from = 'audit.invalid_date'
  if (filters.to && !isPlainDate(filters.to)) errors.to = 'audit.invalid_date'
  if (!errors.from && !errors.to && filters.from && filters.to && filters.from > filters.to) {
    errors.to = 'audit.range_reversed'
  }
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const { timeZone } = await ctx.services.settings.get('company')
  return {
    from: filters.from ? startOfDayUtc(filters.from, timeZone).toISOString() : undefined,
    to: filters.to ? startOfDayUtc(nextDay(filters.to), timeZone).toISOString() : undefined,
  }
}

/** Audit entries inside the caller's scope, filtered, sorted and paginated; needs audit.read. */
export async function listAudit(ctx: Ctx, lq: ListQuery, filters: AuditFilters = {}): Promise<Page<AuditRow>> {
  ctx.require('audit.read')
  const bounds = await dayBounds(ctx, filters)
  let q = scopedLog(ctx)
  if (filters.action) q = q.where('audit_log.action', '=', filters.action)
  if (filters.entity) q = q.where('audit_log.entity', '=', filters.entity)
  if (filters.entityId) q = q.where('audit_log.entity_id', '=', filters.entityId)
  if (filters.clientId) q = q.where('audit_log.client_id', '=', filters.clientId)
  if (filters.actor) {
    // lower() folds ASCII only on SQLite (and on PostgreSQL under the C locale), so for names in
    // Hungarian or Cyrillic the text is also tried as typed and with each word capitalised.
    const typed = filters.actor
    const titled = typed
      .toLowerCase()
      .replace(/(^|[\s.'-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
    const lowered = containsPattern(typed.toLowerCase())
    const variants = [...new Set([typed, titled])].map(
      (v) => sql`audit_log.actor_label like ${containsPattern(v)} escape '\\'`,
    )
    q = q.where(
      sql<boolean>`(lower(audit_log.actor_label) like ${lowered} escape '\\' or ${sql.join(variants, sql` or `)})`,
    )
  }
  if (bounds.from) q = q.where('audit_log.at', '>=', bounds.from)
  if (bounds.to) q = q.where('audit_log.at', '<', bounds.to)
  return fetchPage(q, lq, ORDER, 'audit_log.id')
}

function parseJson(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** One audit entry inside the caller's scope, or NotFoundError (also for another client's entry). */
export async function getAuditEntry(ctx: Ctx, id: string): Promise<AuditDetail> {
  ctx.require('audit.read')
  const row = await scopedLog(ctx)
    .select(['audit_log.before_json', 'audit_log.after_json', 'audit_log.ip', 'audit_log.request_id'])
    .where('audit_log.id', '=', id)
    .executeTakeFirst()
  if (!row) throw new NotFoundError('audit_entry')
  const { before_json, after_json, ip, request_id, ...rest } = row
  const staff = ctx.actor?.role !== 'client' && ctx.scope.kind === 'all'
  return {
    ...rest,
    before: parseJson(before_json),
    after: parseJson(after_json),
    ip: staff ? ip : null,
    request_id: staff ? request_id : null,
  }
}

/** The actions and entities present in the caller's part of the log, for the filter choices. */
export async function auditFacets(ctx: Ctx): Promise<{ actions: string[]; entities: string[] }> {
  ctx.require('audit.read')
  const [actions, entities] = await Promise.all([
    ctx.db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
    ctx.db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute(),
  ])
  return { actions: actions.map((r) => r.action), entities: entities.map((r) => r.entity) }
}
