import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Static, Type } from 'typebox'
import { ErrorJson, IdParams, PageQuery, pageOf } from '../../core/api/schemas.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { companySettings } from './finance-settings.js'
import { pdfLocale, reconciliationPdf } from './reconciliation.pdf.js'
import {
  acceptReconciliation,
  createReconciliation,
  disputeReconciliation,
  getReconciliationDetail,
  listReconciliations,
  type ReconciliationDetail,
  type ReconciliationView,
  resolveReconciliation,
} from './reconciliation.service.js'

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })
const Status = Type.Union([Type.Literal('issued'), Type.Literal('accepted'), Type.Literal('disputed')])
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

const ReconciliationJson = Type.Object({
  id: Type.String(),
  clientId: Type.String(),
  clientName: Type.String(),
  number: Type.String(),
  currency: Type.String(),
  from: Type.String(),
  to: Type.String(),
  status: Status,
  currentVersion: Type.Integer(),
  requestedByClient: Type.Boolean(),
  lock: Type.Integer({ description: 'Send back with an answer: a stale value is refused with 409' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

const DisputedItemJson = Type.Object({
  entryId: Nullable(
    Type.String({ maxLength: 64, description: 'A line of the current version; null: an entry missing from it' }),
  ),
  theirAmountMinor: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'The amount in the client’s books, minor units',
  }),
  note: Type.String({ maxLength: 500 }),
})

const DetailJson = Type.Object({
  ...ReconciliationJson.properties,
  version: Type.Integer({ description: 'The version shown (the current one unless ?version= asks otherwise)' }),
  openingMinor: Type.Integer({ description: 'Signed like the ledger: + credit, − owed by the client' }),
  debitMinor: Type.Integer({ description: 'Charges in the period' }),
  creditMinor: Type.Integer({ description: 'Money received in the period' }),
  closingMinor: Type.Integer(),
  lines: Type.Array(
    Type.Object({
      entryId: Type.String(),
      date: Type.String(),
      kind: Type.String(),
      description: Type.String(),
      debitMinor: Type.Integer(),
      creditMinor: Type.Integer(),
    }),
  ),
  events: Type.Array(
    Type.Object({
      version: Type.Integer(),
      action: Type.String(),
      comment: Nullable(Type.String()),
      items: Type.Array(DisputedItemJson),
      actorName: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
})

const ListQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(Status),
  clientId: Type.Optional(Type.String({ maxLength: 64 })),
})
const CreateBody = Type.Object({
  clientId: Type.Optional(
    Type.String({ maxLength: 64, description: 'Staff: required. Client users: their own company.' }),
  ),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  from: DateString,
  to: DateString,
})
const AcceptBody = Type.Object({ lock: Type.Integer(), comment: Type.Optional(Type.String({ maxLength: 2000 })) })
const DisputeBody = Type.Object({
  lock: Type.Integer(),
  comment: Type.String({ minLength: 1, maxLength: 2000 }),
  items: Type.Array(DisputedItemJson, { minItems: 1, maxItems: 100 }),
})
const ResolveBody = Type.Object({ lock: Type.Integer(), comment: Type.String({ minLength: 1, maxLength: 2000 }) })
const VersionQuery = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('hu'), Type.Literal('ru')])),
})

const errors = { 401: ErrorJson, 403: ErrorJson, 404: ErrorJson }
const ANY = { access: 'signed-in' } as const
const CLIENT = { access: { permission: 'finance.client' } } as const
const MANAGE = { access: { permission: 'finance.manage' } } as const
const tags = ['finance']
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id

const toJson = (r: ReconciliationView) => ({
  id: r.id,
  clientId: r.clientId,
  clientName: r.clientName,
  number: r.number,
  currency: r.currency,
  from: r.from,
  to: r.to,
  status: r.status,
  currentVersion: r.currentVersion,
  requestedByClient: r.requestedByClient,
  lock: r.lockVersion,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
})

const detailJson = (d: ReconciliationDetail) => ({
  ...toJson(d),
  version: d.shown.version,
  openingMinor: d.shown.openingMinor,
  debitMinor: d.shown.debitMinor,
  creditMinor: d.shown.creditMinor,
  closingMinor: d.shown.closingMinor,
  lines: d.shown.lines.map((l) => ({
    entryId: l.entryId,
    date: l.date,
    kind: l.kind,
    description: l.description,
    debitMinor: l.debitMinor,
    creditMinor: l.creditMinor,
  })),
  events: d.events,
})

/** `/api/v1/finance/reconciliations`: statements of account — issue or request, read, PDF, accept, dispute, resolve. */
export async function reconciliationApi(app: FastifyInstance) {
  app.get(
    '/reconciliations',
    {
      config: ANY,
      schema: {
        tags,
        summary: 'Statements of account in your scope',
        querystring: ListQuery,
        response: { 200: pageOf(ReconciliationJson), ...errors },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof ListQuery>
      const lq = parseListQuery(Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])), {
        sortable: ['updated_at', 'number', 'status', 'client'],
        defaultSort: 'updated_at',
        defaultDir: 'desc',
      })
      const page = await listReconciliations(req.ctx, lq, { status: q.status, clientId: q.clientId })
      return { items: page.rows.map(toJson), total: page.total, page: page.page, per: page.per }
    },
  )

  app.post(
    '/reconciliations',
    {
      config: ANY,
      schema: {
        tags,
        summary: 'Issue a statement of account (staff for a client; a client user for its own company)',
        body: CreateBody,
        response: { 201: ReconciliationJson, 422: ErrorJson, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as Static<typeof CreateBody>
      const rec = await createReconciliation(req.ctx, b)
      return reply.status(201).send(toJson(rec))
    },
  )

  app.get(
    '/reconciliations/:id',
    {
      config: ANY,
      schema: {
        tags,
        summary: 'A statement with the lines of one version and every step taken',
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: DetailJson, ...errors },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof VersionQuery>
      return detailJson(await getReconciliationDetail(req.ctx, idOf(req), q.version))
    },
  )

  app.get(
    '/reconciliations/:id/pdf',
    {
      config: ANY,
      schema: { tags, summary: 'A version of the statement as PDF', params: IdParams, querystring: VersionQuery },
    },
    async (req, reply) => {
      const q = req.query as Static<typeof VersionQuery>
      const rec = await getReconciliationDetail(req.ctx, idOf(req), q.version)
      const { defaultLocale } = await companySettings(req.ctx)
      const pdf = await reconciliationPdf(req.ctx, rec, pdfLocale(q.lang, req.ctx, defaultLocale))
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${rec.number}-v${rec.shown.version}.pdf"`)
        .send(pdf)
    },
  )

  app.post(
    '/reconciliations/:id/accept',
    {
      config: CLIENT,
      schema: {
        tags,
        summary: 'The client accepts the current version',
        params: IdParams,
        body: AcceptBody,
        response: { 200: ReconciliationJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const b = req.body as Static<typeof AcceptBody>
      return toJson(await acceptReconciliation(req.ctx, idOf(req), { lockVersion: b.lock, comment: b.comment }))
    },
  )

  app.post(
    '/reconciliations/:id/dispute',
    {
      config: CLIENT,
      schema: {
        tags,
        summary: 'The client disputes the current version, naming lines and its own amounts',
        params: IdParams,
        body: DisputeBody,
        response: { 200: ReconciliationJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const b = req.body as Static<typeof DisputeBody>
      return toJson(
        await disputeReconciliation(req.ctx, idOf(req), { lockVersion: b.lock, comment: b.comment, items: b.items }),
      )
    },
  )

  app.post(
    '/reconciliations/:id/resolve',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Answer a dispute: a new version from the ledger as it stands, with the reply',
        params: IdParams,
        body: ResolveBody,
        response: { 200: ReconciliationJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const b = req.body as Static<typeof ResolveBody>
      return toJson(await resolveReconciliation(req.ctx, idOf(req), { lockVersion: b.lock, comment: b.comment }))
    },
  )
}
