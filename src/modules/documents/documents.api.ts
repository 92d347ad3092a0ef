import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Static, Type } from 'typebox'
import { ErrorJson, IdParams, PageQuery, pageOf } from '../../core/api/schemas.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { discardUpload, uploadDocument } from './document-upload.service.js'
import { DOCUMENT_KINDS, PER_PAGE } from './documents.constants.js'
import { readUploadForm, sendPdf, uploadInputOf } from './documents.http.js'
import { DOCUMENT_SORTS, type DocumentView, getDocument, listDocuments, recordAccess } from './documents.service.js'

const READ_ANY = { access: 'signed-in' } as const
const MANAGE = { access: { permission: 'documents.manage' } } as const
const tags = ['documents']
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })

const DocumentJson = Type.Object({
  id: Type.String(),
  clientId: Type.String(),
  kind: literals(DOCUMENT_KINDS),
  origin: Type.Union([Type.Literal('generated'), Type.Literal('uploaded')]),
  number: Type.String(),
  title: Type.String(),
  date: Type.String(),
  totalMinor: Type.Union([Type.Integer({ description: 'Total in minor units' }), Type.Null()]),
  currency: Nullable(Type.String()),
  language: Type.String(),
  signed: Type.Boolean(),
  copy: Type.Boolean({ description: 'Marked "copy" under the facsimile rules' }),
  orderId: Nullable(Type.String()),
  contractId: Nullable(Type.String()),
  invoiceId: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  firstViewedAt: Nullable(Type.String()),
  pdfUrl: Type.String(),
})

const ListQuery = Type.Object({
  ...PageQuery.properties,
  clientId: Type.Optional(Type.String({ maxLength: 64, description: 'Staff: one client' })),
  kind: Type.Optional(literals(DOCUMENT_KINDS)),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  sent: Type.Optional(Type.Union([Type.Literal('sent'), Type.Literal('unsent')])),
})

const toJson = (d: DocumentView) => ({
  id: d.id,
  clientId: d.clientId,
  kind: d.kind,
  origin: d.origin,
  number: d.number,
  title: d.title,
  date: d.date,
  totalMinor: d.totalMinor,
  currency: d.currency,
  language: d.language,
  signed: d.isSigned,
  copy: d.isCopy,
  orderId: d.orderId,
  contractId: d.contractId,
  invoiceId: d.invoiceId,
  sentAt: d.sentAt,
  firstViewedAt: d.firstViewedAt,
  pdfUrl: `/api/v1/documents/${encodeURIComponent(d.id)}/pdf`,
})

const errors = { 401: ErrorJson, 403: ErrorJson, 404: ErrorJson }
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id

/** JSON under /api/v1/documents: list, upload (multipart), one document, its PDF. */
export async function documentsApi(app: FastifyInstance) {
  app.get(
    '/',
    {
      config: READ_ANY,
      schema: {
        tags,
        summary: 'Documents in your scope (client users: those sent to them)',
        querystring: ListQuery,
        response: { 200: pageOf(DocumentJson), ...errors },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof ListQuery>
      const lq = parseListQuery(req.query, {
        sortable: DOCUMENT_SORTS,
        defaultSort: 'date',
        defaultDir: 'desc',
        per: PER_PAGE,
      })
      const page = await listDocuments(req.ctx, lq, {
        clientId: q.clientId,
        kind: q.kind,
        from: q.from,
        to: q.to,
        sent: q.sent,
      })
      return { items: page.rows.map(toJson), total: page.total, page: page.page, per: page.per }
    },
  )

  app.post(
    '/',
    {
      config: MANAGE,
      schema: {
        tags,
        summary:
          'Upload a PDF for a client (multipart/form-data: clientId, kind, number, date, optional title, total, currency, language, orderId, contractId, invoiceId, and the file as `file`)',
        consumes: ['multipart/form-data'],
        response: { 201: DocumentJson, 413: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req, reply) => {
      const { fields, file } = await readUploadForm(req)
      try {
        const company = await req.ctx.services.settings.get('company')
        const input = uploadInputOf(fields)
        if (!input.language) input.language = company.defaultLocale
        const doc = await uploadDocument(req.ctx, input, file, '.')
        return reply.status(201).send(toJson(doc))
      } finally {
        discardUpload(file)
      }
    },
  )

  app.get(
    '/:id',
    {
      config: READ_ANY,
      schema: { tags, summary: 'One document', params: IdParams, response: { 200: DocumentJson, ...errors } },
    },
    async (req) => {
      const doc = await getDocument(req.ctx, idOf(req))
      await recordAccess(req.ctx, [doc], 'view')
      return toJson(doc)
    },
  )

  app.get(
    '/:id/pdf',
    { config: READ_ANY, schema: { tags, summary: 'Download the PDF', params: IdParams, response: errors } },
    async (req, reply) => {
      const doc = await getDocument(req.ctx, idOf(req))
      await recordAccess(req.ctx, [doc], 'download')
      return sendPdf(req.ctx, reply, doc)
    },
  )
}
