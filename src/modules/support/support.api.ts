import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Static, Type } from 'typebox'
import { ErrorJson, IdParams, PageQuery, pageOf } from '../../core/api/schemas.js'
import type { Ctx } from '../../core/ctx.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { attachmentFile } from './attachments.service.js'
import { LINK_KINDS, PRIORITIES, REQUEST_STATUSES } from './support.constants.js'
import { sendAttachment } from './support.http.js'
import { getRequest, isClient, listRequests, REQUEST_SORTS, type RequestView, slaState } from './support.service.js'
import { listCategories } from './support-settings.service.js'
import { addMessage, createRequest, requestThread } from './support-thread.service.js'
import { changeStatus } from './support-workflow.service.js'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

const RequestJson = Type.Object({
  id: Type.String(),
  number: Type.String(),
  clientId: Type.String(),
  clientName: Type.String(),
  categoryId: Type.Union([Type.String(), Type.Null()]),
  categoryName: Type.String(),
  priority: literals(PRIORITIES),
  subject: Type.String(),
  status: literals(REQUEST_STATUSES),
  createdBy: Type.String(),
  creatorName: Nullable(Type.String()),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  link: Type.Union([Type.Object({ kind: literals(LINK_KINDS), id: Type.String() }), Type.Null()]),
  firstResponseDueAt: Type.String(),
  resolutionDueAt: Type.String(),
  firstRespondedAt: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  overdue: Type.Boolean({ description: 'Open and past a due time now' }),
  rating: Type.Union([Type.Integer(), Type.Null()]),
  ratingComment: Nullable(Type.String()),
  version: Type.Integer({ description: 'Send it back with a status change; a stale one answers 409' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  lastMessageAt: Type.String(),
})

const AttachmentJson = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
})

const MessageJson = Type.Object({
  id: Type.String(),
  authorName: Nullable(Type.String()),
  fromClient: Type.Boolean(),
  internal: Type.Boolean({ description: 'Staff-only note; client users never receive these' }),
  bodyMarkdown: Type.String(),
  bodyHtml: Type.String({ description: 'Sanitised HTML rendered from the Markdown' }),
  createdAt: Type.String(),
  attachments: Type.Array(AttachmentJson),
})

const CreateBody = Type.Object({
  clientId: Type.Optional(
    Type.String({ maxLength: 64, description: 'Staff only; client users open requests for their own company' }),
  ),
  categoryId: Type.Optional(Type.String({ maxLength: 64 })),
  priority: Type.Optional(literals(PRIORITIES)),
  subject: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 20_000, description: 'Markdown' }),
  link: Type.Optional(Type.Object({ kind: literals(LINK_KINDS), id: Type.String({ maxLength: 64 }) })),
})

const MessageBody = Type.Object({
  body: Type.String({ minLength: 1, maxLength: 20_000, description: 'Markdown' }),
  internal: Type.Optional(Type.Boolean({ description: 'Staff only: a note the client never sees' })),
  nextStatus: Type.Optional(
    Type.Union([Type.Literal('waiting'), Type.Literal('resolved')], { description: 'Staff only' }),
  ),
})

const StatusBody = Type.Object({ to: literals(REQUEST_STATUSES), version: Type.Optional(Type.Integer({ minimum: 1 })) })

const ListQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(Type.Union([literals(REQUEST_STATUSES), Type.Literal('all')])),
  priority: Type.Optional(literals(PRIORITIES)),
  queue: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('unassigned'), Type.Literal('all')])),
  categoryId: Type.Optional(Type.String({ maxLength: 64 })),
  clientId: Type.Optional(Type.String({ maxLength: 64 })),
  overdue: Type.Optional(Type.Boolean()),
})

const CategoryJson = Type.Object({ id: Type.String(), name: Type.String() })

const errors = { 401: ErrorJson, 403: ErrorJson, 404: ErrorJson }
// Staff (support.read / support.manage) and client users (support.client); the service decides.
const ANY = { access: 'signed-in' } as const
const tags = ['support']
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id

const toJson = (r: RequestView) => ({
  id: r.id,
  number: r.number,
  clientId: r.clientId,
  clientName: r.clientName,
  categoryId: r.categoryId,
  categoryName: r.categoryName,
  priority: r.priority,
  subject: r.subject,
  status: r.status,
  createdBy: r.createdBy,
  creatorName: r.creatorName,
  assigneeId: r.assigneeId,
  assigneeName: r.assigneeName,
  link: r.link,
  firstResponseDueAt: r.firstResponseDueAt,
  resolutionDueAt: r.resolutionDueAt,
  firstRespondedAt: r.firstRespondedAt,
  resolvedAt: r.resolvedAt,
  closedAt: r.closedAt,
  overdue: slaState(r, new Date().toISOString()).overdue,
  rating: r.rating,
  ratingComment: r.ratingComment,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  lastMessageAt: r.lastMessageAt,
})

/** The thread's messages; for a client user the service has already left internal notes out. */
async function messagesJson(ctx: Ctx, id: string) {
  return (await requestThread(ctx, id))
    .filter((i) => i.kind === 'message')
    .map((m) => ({
      id: m.id,
      authorName: m.authorName,
      fromClient: m.fromClient,
      internal: m.internal,
      bodyMarkdown: m.bodyMarkdown,
      bodyHtml: m.bodyHtml,
      createdAt: m.at,
      attachments: m.attachments.map((a) => ({
        ...a,
        url: `/api/v1/support/attachments/${encodeURIComponent(a.id)}`,
      })),
    }))
}

/** `/api/v1/support`: requests (list, read, open, change status), their messages, categories, attachments. */
export async function supportApi(app: FastifyInstance) {
  app.get(
    '/requests',
    {
      config: ANY,
      schema: {
        tags,
        summary: 'Requests in your scope (client users: their company’s, or their own where it keeps them personal)',
        querystring: ListQuery,
        response: { 200: pageOf(RequestJson), ...errors },
      },
    },
    async (req) => {
      const raw = Object.fromEntries(
        Object.entries(req.query as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      )
      const lq = parseListQuery(raw, { sortable: REQUEST_SORTS, defaultSort: 'created_at', defaultDir: 'desc' })
      const page = await listRequests(req.ctx, lq, {
        status: raw.status ?? 'all',
        priority: raw.priority,
        queue: isClient(req.ctx) ? 'all' : (raw.queue ?? 'all'),
        categoryId: raw.categoryId,
        clientId: raw.clientId,
        overdue: raw.overdue === 'true',
      })
      return { items: page.rows.map(toJson), total: page.total, page: page.page, per: page.per }
    },
  )

  app.get(
    '/requests/:id',
    {
      config: ANY,
      schema: { tags, summary: 'One request', params: IdParams, response: { 200: RequestJson, ...errors } },
    },
    async (req) => toJson(await getRequest(req.ctx, idOf(req))),
  )

  app.post(
    '/requests',
    {
      config: ANY,
      schema: {
        tags,
        summary: 'Open a request',
        body: CreateBody,
        response: { 201: RequestJson, 422: ErrorJson, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as Static<typeof CreateBody>
      const created = await createRequest(req.ctx, {
        clientId: b.clientId,
        categoryId: b.categoryId ?? '',
        priority: b.priority ?? 'normal',
        subject: b.subject,
        body: b.body,
        linkKind: b.link?.kind,
        linkId: b.link?.id,
      })
      return reply.status(201).send(toJson(created))
    },
  )

  app.get(
    '/requests/:id/messages',
    {
      config: ANY,
      schema: {
        tags,
        summary: 'The request’s messages, oldest first (internal notes for staff only)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(MessageJson) }), ...errors },
      },
    },
    async (req) => ({ items: await messagesJson(req.ctx, idOf(req)) }),
  )

  app.post(
    '/requests/:id/messages',
    {
      config: ANY,
      schema: {
        tags,
        summary: 'Reply (or, staff, add an internal note)',
        params: IdParams,
        body: MessageBody,
        response: { 201: RequestJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as Static<typeof MessageBody>
      const saved = await addMessage(req.ctx, idOf(req), {
        body: b.body,
        internal: b.internal,
        nextStatus: b.nextStatus ?? null,
      })
      return reply.status(201).send(toJson(saved))
    },
  )

  app.post(
    '/requests/:id/status',
    {
      config: ANY,
      schema: {
        tags,
        summary: 'Change the status (staff along the workflow; client users close or reopen within the window)',
        params: IdParams,
        body: StatusBody,
        response: { 200: RequestJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const b = req.body as Static<typeof StatusBody>
      return toJson(await changeStatus(req.ctx, idOf(req), b.to, b.version))
    },
  )

  app.get(
    '/categories',
    {
      config: ANY,
      schema: {
        tags,
        summary: 'Active request categories',
        response: { 200: Type.Object({ items: Type.Array(CategoryJson) }), 401: ErrorJson },
      },
    },
    async (req) => ({
      items: (await listCategories(req.ctx, { activeOnly: true })).map((c) => ({
        id: c.id,
        name: c.names[req.locale] || c.name,
      })),
    }),
  )

  app.get(
    '/attachments/:id',
    { config: ANY, schema: { tags, summary: 'Download an attachment', params: IdParams, response: errors } },
    async (req, reply) => sendAttachment(reply, await attachmentFile(req.ctx, idOf(req))),
  )
}
