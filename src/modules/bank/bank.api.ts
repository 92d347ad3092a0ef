import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ErrorJson, IdParams, PageQuery, pageOf } from '../../core/api/schemas.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { parseListQuery } from '../../core/http/list-query.js'
import {
  IMPORT,
  IMPORT_SORTS,
  MATCH_KINDS,
  REVIEW,
  REVIEW_REASONS,
  REVIEW_SORTS,
  TX_STATUSES,
} from './bank.constants.js'
import { csvMappingOf, listOwnAccounts } from './bank-accounts.service.js'
import { getImport, type ImportView, listImports } from './bank-history.service.js'
import { importStatement } from './bank-import.service.js'
import { getTransaction, listTransactions, type TransactionView } from './bank-review.service.js'
import { readUpload } from './bank-upload.js'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const errors = { 401: ErrorJson, 403: ErrorJson, 404: ErrorJson }
const tags = ['bank']
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id

/** The CLI's summary of one file (docs/bank-import.md). */
const SummaryJson = Type.Object({
  importId: Type.Union([Type.String(), Type.Null()], {
    description: 'The history row; null when the file was refused',
  }),
  format: Type.String(),
  statements: Type.Integer(),
  transactions: Type.Integer(),
  new: Type.Integer(),
  duplicates: Type.Integer(),
  matched: Type.Integer(),
  toReview: Type.Integer(),
  expenses: Type.Integer(),
  errors: Type.Array(
    Type.Object({
      code: Type.String({
        description: 'truncated, unknown_format, not_a_statement, invalid_amount, invalid_date, malformed',
      }),
      message: Type.String(),
      line: Type.Optional(Type.Integer()),
      path: Type.Optional(Type.String()),
    }),
  ),
})

const ImportJson = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  fileSha256: Type.String(),
  format: Type.String(),
  statements: Type.Integer(),
  transactions: Type.Integer(),
  new: Type.Integer(),
  duplicates: Type.Integer(),
  matched: Type.Integer(),
  toReview: Type.Integer(),
  expenses: Type.Integer(),
  importedBy: Type.String(),
  importedAt: Type.String(),
})

const TransactionJson = Type.Object({
  id: Type.String(),
  importId: Type.String(),
  accountId: Type.String(),
  accountName: Type.String(),
  date: Type.String(),
  valueDate: Nullable(Type.String()),
  amountMinor: Type.Integer({ description: 'Never signed; see direction' }),
  currency: Type.String(),
  direction: literals(['in', 'out'] as const),
  counterpartyName: Nullable(Type.String()),
  counterpartyTaxId: Nullable(Type.String()),
  counterpartyAccount: Nullable(Type.String()),
  reference: Nullable(Type.String()),
  purpose: Nullable(Type.String()),
  bankTransactionId: Nullable(Type.String()),
  isReversal: Type.Boolean(),
  status: literals(TX_STATUSES),
  reviewReason: Type.Union([literals(REVIEW_REASONS), Type.Null()]),
  matchKind: Type.Union([literals(MATCH_KINDS), Type.Null()]),
  clientId: Nullable(Type.String()),
  clientName: Nullable(Type.String()),
  invoiceId: Nullable(Type.String()),
  invoiceNumber: Nullable(Type.String()),
  expenseId: Nullable(Type.String()),
  expenseCategoryId: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String()),
  createdAt: Type.String(),
})

const ImportsQuery = Type.Object({
  ...PageQuery.properties,
  format: Type.Optional(Type.String({ maxLength: 40 })),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
})

const ReviewQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(Type.Union([literals(TX_STATUSES), Type.Literal('uncategorised'), Type.Literal('all')])),
  direction: Type.Optional(literals(['in', 'out'] as const)),
  reason: Type.Optional(literals(REVIEW_REASONS)),
  account: Type.Optional(Type.String({ maxLength: 64 })),
})

const toImportJson = (v: ImportView) => v
const toTxJson = (v: TransactionView) => v
const stringQuery = (req: FastifyRequest) =>
  Object.fromEntries(Object.entries(req.query as Record<string, unknown>).map(([k, v]) => [k, String(v)]))

/** `/api/v1/bank`: import a statement file, the imports history, the review queue. */
export async function bankApi(app: FastifyInstance) {
  // Bank data is the company's money: to client users the whole module does not exist.
  app.addHook('onRequest', async (req) => {
    if (req.actor?.role === 'client') throw new NotFoundError('bank')
  })
  const importer = { access: { permission: IMPORT } } as const
  const reviewer = { access: { permission: REVIEW } } as const

  app.post(
    '/imports',
    {
      config: importer,
      schema: {
        tags,
        summary:
          'Import one statement file (multipart/form-data: `file`; `account` = own account id whose CSV mapping reads a CSV file). A refused file answers 422 with the same summary and stores nothing',
        consumes: ['multipart/form-data'],
        response: { 200: SummaryJson, 413: ErrorJson, 422: Type.Union([SummaryJson, ErrorJson]), ...errors },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, reply, 'file')
      const file = upload.files.find((f) => f.field === 'file')
      if (!file) throw new ValidationError({ file: 'form.required' })
      let csvMapping = null
      if (upload.fields.account) {
        const account = (await listOwnAccounts(req.ctx)).find((a) => a.id === upload.fields.account)
        if (!account) throw new ValidationError({ account: 'form.invalid_choice' })
        csvMapping = csvMappingOf(account)
      }
      const outcome = await importStatement(req.ctx, { name: file.name, bytes: file.bytes, csvMapping })
      return reply.status(outcome.importId ? 200 : 422).send({ importId: outcome.importId, ...outcome.summary })
    },
  )

  app.get(
    '/imports',
    {
      config: importer,
      schema: {
        tags,
        summary: 'Imported files, newest first',
        querystring: ImportsQuery,
        response: { 200: pageOf(ImportJson), ...errors },
      },
    },
    async (req) => {
      const lq = parseListQuery(stringQuery(req), {
        sortable: IMPORT_SORTS,
        defaultSort: 'imported_at',
        defaultDir: 'desc',
      })
      const page = await listImports(req.ctx, lq)
      return { items: page.rows.map(toImportJson), total: page.total, page: page.page, per: page.per }
    },
  )

  app.get(
    '/imports/:id',
    {
      config: importer,
      schema: { tags, summary: 'One import', params: IdParams, response: { 200: ImportJson, ...errors } },
    },
    async (req) => toImportJson(await getImport(req.ctx, idOf(req))),
  )

  app.get(
    '/review',
    {
      config: reviewer,
      schema: {
        tags,
        summary:
          'Bank transactions in your scope; by default those waiting for review (managers: incoming ones of their clients and unassigned ones)',
        querystring: ReviewQuery,
        response: { 200: pageOf(TransactionJson), ...errors },
      },
    },
    async (req) => {
      const q = stringQuery(req)
      const lq = parseListQuery(q, { sortable: REVIEW_SORTS, defaultSort: 'date', defaultDir: 'desc' })
      const status = q.status === 'all' ? undefined : (q.status ?? 'review')
      const page = await listTransactions(req.ctx, lq, {
        status,
        direction: q.direction,
        reason: q.reason,
        accountId: q.account,
        q: lq.q,
      })
      return { items: page.rows.map(toTxJson), total: page.total, page: page.page, per: page.per }
    },
  )

  app.get(
    '/review/:id',
    {
      config: reviewer,
      schema: {
        tags,
        summary: 'One bank transaction',
        params: IdParams,
        response: { 200: TransactionJson, ...errors },
      },
    },
    async (req) => toTxJson(await getTransaction(req.ctx, idOf(req))),
  )
}
