import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { ErrorJson, IdParams, pageOf } from '../api/schemas.js'
import { type AuditRow, getAuditEntry, listAudit } from './audit.service.js'
import { diffChanges } from './audit-diff.js'
import { auditFiltersFrom, auditListQuery } from './audit-query.js'

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const DATE = { pattern: '^\\d{4}-\\d{2}-\\d{2}$' }

export const AuditEntryJson = Type.Object(
  {
    id: Type.String(),
    at: Type.String({ format: 'date-time', description: 'When, in UTC' }),
    actorId: Nullable(Type.String()),
    actorLabel: Type.String({ description: 'Name and e-mail of the actor at the time, or "system: …"' }),
    action: Type.String({ description: '`<entity>.<past tense>`, e.g. `user.created`' }),
    entity: Type.String(),
    entityId: Nullable(Type.String()),
    clientId: Nullable(Type.String()),
    clientName: Nullable(Type.String()),
  },
  { title: 'AuditEntry' },
)

export const AuditEntryDetailJson = Type.Object(
  {
    ...AuditEntryJson.properties,
    before: Type.Unknown({ description: 'The values before the change (null when none were recorded)' }),
    after: Type.Unknown({ description: 'The values after the change (null when none were recorded)' }),
    changes: Type.Array(
      Type.Object({
        path: Type.String({ description: 'Dotted path of the changed value; empty for a bare value' }),
        kind: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
        before: Type.Optional(Type.Unknown()),
        after: Type.Optional(Type.Unknown()),
      }),
    ),
    ip: Nullable(Type.String({ description: 'Staff only; null for client users' })),
    requestId: Nullable(Type.String({ description: 'Staff only; null for client users' })),
  },
  { title: 'AuditEntryDetail' },
)

const AuditListQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  per: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  sort: Type.Optional(
    Type.Union([Type.Literal('at'), Type.Literal('action'), Type.Literal('entity'), Type.Literal('actor')]),
  ),
  dir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Default: newest first' })),
  action: Type.Optional(Type.String({ maxLength: 100, description: 'Exact action, e.g. `user.created`' })),
  actor: Type.Optional(Type.String({ maxLength: 200, description: "Part of the actor's name or e-mail" })),
  entity: Type.Optional(Type.String({ maxLength: 100 })),
  entity_id: Type.Optional(Type.String({ maxLength: 64 })),
  client_id: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ ...DATE, description: 'First day (YYYY-MM-DD) in the company time zone' })),
  to: Type.Optional(Type.String({ ...DATE, description: 'Last day (YYYY-MM-DD) in the company time zone, included' })),
})

const toJson = (r: AuditRow) => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  clientId: r.client_id,
  clientName: r.client_name,
})

/** `/api/v1/audit`: the audit log in the caller's scope (head and admin: all; a client admin: its company). */
export async function auditApi(root: FastifyInstance) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>()
  const access = { access: { permission: 'audit.read' } } as const

  app.get(
    '/',
    {
      config: access,
      schema: {
        tags: ['audit'],
        summary: 'Audit entries, newest first',
        querystring: AuditListQuery,
        response: { 200: pageOf(AuditEntryJson), 401: ErrorJson, 403: ErrorJson, 422: ErrorJson },
      },
    },
    async (req) => {
      // The list helpers read a query string; the validated query is turned back into one.
      const params = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]))
      const lq = auditListQuery(params)
      const page = await listAudit(req.ctx, lq, auditFiltersFrom(params))
      return { items: page.rows.map(toJson), total: page.total, page: page.page, per: page.per }
    },
  )

  app.get(
    '/:id',
    {
      config: access,
      schema: {
        tags: ['audit'],
        summary: 'One audit entry with its before/after values',
        params: IdParams,
        response: { 200: AuditEntryDetailJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson },
      },
    },
    async (req) => {
      const entry = await getAuditEntry(req.ctx, req.params.id)
      return {
        ...toJson(entry),
        before: entry.before,
        after: entry.after,
        changes: diffChanges(entry.before, entry.after),
        ip: entry.ip,
        requestId: entry.request_id,
      }
    },
  )
}
