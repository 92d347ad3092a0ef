import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Static, Type } from 'typebox'
import { ErrorJson, IdParams, PageQuery, pageOf } from '../../core/api/schemas.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { ENTRY_KINDS } from './finance.constants.js'
import { companySettings } from './finance-settings.js'
import {
  cancelInvoice,
  createInvoice,
  getInvoiceDetail,
  INVOICE_SORTS,
  INVOICE_STATUSES,
  type InvoiceDetail,
  type InvoiceView,
  issueInvoice,
  listInvoices,
} from './invoice.service.js'
import { recordPayment } from './invoice-payment.service.js'
import { clientBalances, defaultPeriod, ledgerPage } from './ledger.service.js'
import { reconciliationApi } from './reconciliation.api.js'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' })
const Minor = (description: string) => Type.Integer({ description: `${description}, in minor units` })

const ClientQuery = Type.Object({
  clientId: Type.Optional(
    Type.String({ maxLength: 64, description: 'Staff: required. Client users: their own company.' }),
  ),
})

const BalanceJson = Type.Object({
  clientId: Type.String(),
  balances: Type.Array(
    Type.Object({
      currency: Type.String(),
      balanceMinor: Minor('Positive: credit (available funds); negative: amount due'),
    }),
  ),
})

const EntryJson = Type.Object({
  id: Type.String(),
  date: Type.String(),
  kind: literals(ENTRY_KINDS),
  amountMinor: Minor('Signed: + money received, − charges'),
  currency: Type.String(),
  description: Type.String(),
  sourceKind: Type.Union([Type.String(), Type.Null()]),
  sourceId: Type.Union([Type.String(), Type.Null()]),
  reversesEntryId: Type.Union([Type.String(), Type.Null()]),
  runningMinor: Minor('Balance after this entry'),
})

const LedgerQuery = Type.Object({
  ...ClientQuery.properties,
  currency: Type.Optional(Currency),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  per: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
})

const LedgerJson = Type.Object({
  clientId: Type.String(),
  currency: Type.String(),
  from: Type.String(),
  to: Type.String(),
  openingMinor: Minor('Balance before the period'),
  closingMinor: Minor('Balance at the end of the period'),
  pageOpeningMinor: Minor('Balance before the first entry of this page'),
  items: Type.Array(EntryJson),
  total: Type.Integer(),
  page: Type.Integer(),
  per: Type.Integer(),
})

const InvoiceJson = Type.Object(
  {
    id: Type.String(),
    clientId: Type.String(),
    clientName: Type.String(),
    number: Type.Union([Type.String(), Type.Null()], { description: 'Given at issue' }),
    kind: literals(['standard', 'top_up'] as const),
    status: literals(INVOICE_STATUSES),
    issueDate: Type.Union([Type.String(), Type.Null()]),
    dueDate: Type.Union([Type.String(), Type.Null()]),
    currency: Type.String(),
    netMinor: Type.Integer(),
    vatMinor: Type.Integer(),
    totalMinor: Type.Integer(),
    paidMinor: Type.Integer(),
    paymentReference: Type.Union([Type.String(), Type.Null()], { description: 'Write it in the transfer’s purpose' }),
    note: Type.String(),
    version: Type.Integer({ description: 'Send it back with issue/cancel; a stale one answers 409' }),
  },
  { description: 'A payment request (díjbekérő / счёт на оплату), not a tax invoice' },
)

const LineJson = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 300 }),
  quantityMilli: Type.Integer({ minimum: 1, description: 'Quantity in thousandths (1.5 = 1500)' }),
  unit: Type.Optional(Type.String({ maxLength: 20 })),
  unitPriceMinor: Type.Integer({ minimum: 0, description: 'Net unit price in minor units' }),
  vatRateBp: Type.Integer({
    minimum: 0,
    description: 'VAT rate in basis points (27% = 2700), one of the company’s rates',
  }),
})

const InvoiceDetailJson = Type.Object({
  ...InvoiceJson.properties,
  lines: Type.Array(
    Type.Object({
      ...LineJson.properties,
      unit: Type.String(),
      netMinor: Type.Integer(),
      vatMinor: Type.Integer(),
      totalMinor: Type.Integer(),
    }),
  ),
  payments: Type.Array(
    Type.Object({ id: Type.String(), amountMinor: Type.Integer(), paidOn: Type.String(), reference: Type.String() }),
  ),
})

const CreateBody = Type.Object({
  clientId: Type.String({ minLength: 1, maxLength: 64 }),
  currency: Currency,
  dueDate: Type.Optional(Type.Union([DateString, Type.Null()])),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  lines: Type.Array(LineJson, { minItems: 1, maxItems: 100 }),
})

const VersionBody = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) })

const PaymentBody = Type.Object({
  amountMinor: Type.Integer({ minimum: 1 }),
  date: DateString,
  reference: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'The bank’s reference; recorded once per client',
  }),
})

const InvoiceListQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(literals(INVOICE_STATUSES)),
  kind: Type.Optional(literals(['standard', 'top_up'] as const)),
  clientId: Type.Optional(Type.String({ maxLength: 64 })),
  overdue: Type.Optional(Type.Boolean()),
})

const errors = { 401: ErrorJson, 403: ErrorJson, 404: ErrorJson }
const READ_ANY = { access: 'signed-in' } as const
const MANAGE = { access: { permission: 'finance.manage' } } as const
const tags = ['finance']

const toJson = (i: InvoiceView) => ({
  id: i.id,
  clientId: i.clientId,
  clientName: i.clientName,
  number: i.number,
  kind: i.kind,
  status: i.status,
  issueDate: i.issueDate,
  dueDate: i.dueDate,
  currency: i.currency,
  netMinor: i.netMinor,
  vatMinor: i.vatMinor,
  totalMinor: i.totalMinor,
  paidMinor: i.paidMinor,
  paymentReference: i.paymentReference,
  note: i.note,
  version: i.version,
})

const detailJson = (d: InvoiceDetail) => ({
  ...toJson(d.invoice),
  lines: d.lines.map((l) => ({
    name: l.name,
    quantityMilli: l.quantity_milli,
    unit: l.unit,
    unitPriceMinor: l.unit_price_minor,
    vatRateBp: l.vat_rate_bp,
    netMinor: l.net_minor,
    vatMinor: l.vat_minor,
    totalMinor: l.total_minor,
  })),
  payments: d.payments.map((p) => ({
    id: p.id,
    amountMinor: p.amount_minor,
    paidOn: p.paid_on,
    reference: p.reference,
  })),
})

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id

/** The client the request is about: a client user's own company, or the staff's `clientId`. */
function clientOf(req: FastifyRequest, clientId: string | undefined): string {
  if (req.ctx.actor?.role === 'client') {
    if (!req.ctx.actor.clientId) throw new NotFoundError('client')
    return clientId ?? req.ctx.actor.clientId
  }
  if (!clientId) throw new ValidationError({ clientId: 'form.required' })
  return clientId
}

/** `/api/v1/finance`: balance, ledger, payment requests (list, read, create, issue, cancel, record a payment). */
export async function financeApi(app: FastifyInstance) {
  await reconciliationApi(app)
  app.get(
    '/balance',
    {
      config: READ_ANY,
      schema: {
        tags,
        summary: 'A client’s balance per currency',
        querystring: ClientQuery,
        response: { 200: BalanceJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const clientId = clientOf(req, (req.query as Static<typeof ClientQuery>).clientId)
      // The client must be visible even when it has no entries yet.
      await ledgerPage(req.ctx, clientId, {
        ...(await defaultPeriod(req.ctx)),
        currency: (await companySettings(req.ctx)).defaultCurrency,
        page: 1,
        per: 1,
      })
      return { clientId, balances: await clientBalances(req.ctx, clientId) }
    },
  )

  app.get(
    '/ledger',
    {
      config: READ_ANY,
      schema: {
        tags,
        summary: 'A client’s ledger for a period in one currency, with opening, closing and running balance',
        querystring: LedgerQuery,
        response: { 200: LedgerJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof LedgerQuery>
      const clientId = clientOf(req, q.clientId)
      const period = await defaultPeriod(req.ctx)
      const p = await ledgerPage(req.ctx, clientId, {
        currency: q.currency ?? (await companySettings(req.ctx)).defaultCurrency,
        from: q.from ?? period.from,
        to: q.to ?? period.to,
        page: q.page ?? 1,
        per: q.per,
      })
      return {
        clientId,
        currency: p.currency,
        from: p.from,
        to: p.to,
        openingMinor: p.openingMinor,
        closingMinor: p.closingMinor,
        pageOpeningMinor: p.pageOpeningMinor,
        items: p.rows.map((r) => ({
          id: r.id,
          date: r.date,
          kind: r.kind,
          amountMinor: r.amountMinor,
          currency: r.currency,
          description: r.description,
          sourceKind: r.sourceKind,
          sourceId: r.sourceId,
          reversesEntryId: r.reversesEntryId,
          runningMinor: r.runningMinor,
        })),
        total: p.total,
        page: p.page,
        per: p.per,
      }
    },
  )

  app.get(
    '/invoices',
    {
      config: READ_ANY,
      schema: {
        tags,
        summary: 'Payment requests in your scope (client users: their own, drafts excluded)',
        querystring: InvoiceListQuery,
        response: { 200: pageOf(InvoiceJson), ...errors },
      },
    },
    async (req) => {
      const raw = Object.fromEntries(
        Object.entries(req.query as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      )
      const lq = parseListQuery(raw, { sortable: INVOICE_SORTS, defaultSort: 'created_at', defaultDir: 'desc' })
      const page = await listInvoices(req.ctx, lq, {
        status: raw.status,
        kind: raw.kind,
        clientId: raw.clientId,
        overdue: raw.overdue === 'true',
      })
      return { items: page.rows.map(toJson), total: page.total, page: page.page, per: page.per }
    },
  )

  app.get(
    '/invoices/:id',
    {
      config: READ_ANY,
      schema: {
        tags,
        summary: 'One payment request with lines and payments',
        params: IdParams,
        response: { 200: InvoiceDetailJson, ...errors },
      },
    },
    async (req) => detailJson(await getInvoiceDetail(req.ctx, idOf(req))),
  )

  app.post(
    '/invoices',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Create a payment request (as a draft)',
        body: CreateBody,
        response: { 201: InvoiceDetailJson, 422: ErrorJson, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as Static<typeof CreateBody>
      const inv = await createInvoice(req.ctx, b.clientId, {
        currency: b.currency,
        dueDate: b.dueDate ?? null,
        note: b.note ?? '',
        lines: b.lines.map((l) => ({ ...l, unit: l.unit ?? '' })),
      })
      return reply.status(201).send(detailJson(await getInvoiceDetail(req.ctx, inv.id)))
    },
  )

  app.post(
    '/invoices/:id/issue',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Issue a draft: it gets its number and payment reference now (posts no ledger charge)',
        params: IdParams,
        body: VersionBody,
        response: { 200: InvoiceJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => toJson(await issueInvoice(req.ctx, idOf(req), (req.body as Static<typeof VersionBody>)?.version)),
  )

  app.post(
    '/invoices/:id/cancel',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Cancel a draft or an issued request with nothing paid',
        params: IdParams,
        body: VersionBody,
        response: { 200: InvoiceJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => toJson(await cancelInvoice(req.ctx, idOf(req), (req.body as Static<typeof VersionBody>)?.version)),
  )

  app.post(
    '/invoices/:id/payments',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Record a payment: ledger entry and request status in one transaction; overpayment stays as credit',
        params: IdParams,
        body: PaymentBody,
        response: { 200: InvoiceJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const b = req.body as Static<typeof PaymentBody>
      return toJson(
        await recordPayment(req.ctx, idOf(req), { amountMinor: b.amountMinor, date: b.date, reference: b.reference }),
      )
    },
  )
}
