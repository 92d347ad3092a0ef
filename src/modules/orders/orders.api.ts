import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import { ErrorJson, IdParams, pageOf } from '../../core/api/schemas.js'
import type { Ctx } from '../../core/ctx.js'
import { ValidationError } from '../../core/errors.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { orderDetail } from './order-detail.service.js'
import { createOrder, placeOrder, updateOrder } from './order-entry.service.js'
import type { OrderInput } from './order-input.js'
import { changeOrderStatus } from './order-status.service.js'
import { statusLabel, type Workflow } from './order-workflow.js'
import { CreateBody, ListQuery, OrderDetailJson, OrderJson, StatusBody, UpdateBody } from './orders.api-schemas.js'
import { companyToday, listOrders, ORDER_SORTS, type OrderView, ordersWorkflow } from './orders.service.js'

const errors = { 401: ErrorJson, 403: ErrorJson, 404: ErrorJson }
const READ_ANY = { access: 'signed-in' } as const
const MANAGE = { access: { permission: 'orders.manage' } } as const
const tags = ['orders']

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id

const toJson = (ctx: Ctx, w: Workflow, o: OrderView) => ({
  id: o.id,
  clientId: o.clientId,
  clientName: o.clientName,
  number: o.number,
  orderDate: o.orderDate,
  contractId: o.contractId,
  contractNumber: o.contractNumber,
  status: o.status,
  statusLabel: statusLabel(w, o.status, ctx.locale),
  open: w.statuses.find((s) => s.key === o.status)?.open ?? false,
  currency: o.currency,
  netMinor: o.netMinor,
  vatMinor: o.vatMinor,
  totalMinor: o.totalMinor,
  isPriced: o.isPriced,
  lineCount: o.lineCount,
  deliveryAddress: o.deliveryAddress,
  desiredDate: o.desiredDate,
  comment: o.comment,
  createdVia: o.createdVia,
  version: o.version,
  createdAt: o.createdAt,
  updatedAt: o.updatedAt,
})

/** The order with lines, history and shipments; what is internal stays out of a client user's answer. */
async function detailJson(ctx: Ctx, id: string) {
  const d = await orderDetail(ctx, id)
  const staff = ctx.actor?.role !== 'client'
  return {
    ...toJson(ctx, d.w, d.order),
    lines: d.lines,
    history: d.history.map((h) => ({
      from: h.from,
      to: h.to,
      at: h.at,
      by: h.by,
      comment: h.comment,
      internal: staff ? h.internal : undefined,
    })),
    shipments: d.shipments.map((s) => ({
      id: s.id,
      kind: s.kind,
      shippedAt: s.shippedAt,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      note: staff ? s.note : undefined,
      currency: s.currency,
      netMinor: s.netMinor,
      vatMinor: s.vatMinor,
      totalMinor: s.totalMinor,
      ledgerEntryId: staff ? s.ledgerEntryId : undefined,
      documentId: staff ? s.documentId : undefined,
      lines: s.lines.map((l) => ({
        orderLineId: l.orderLineId,
        quantityMilli: l.quantityMilli,
        netMinor: l.netMinor,
        vatMinor: l.vatMinor,
        totalMinor: l.totalMinor,
      })),
    })),
  }
}

type LineBody = Static<typeof CreateBody>['lines'][number]
const linesOf = (lines: LineBody[]): OrderInput['lines'] =>
  lines.map((l) => ({
    sku: l.sku ?? null,
    name: l.name,
    quantityMilli: l.quantityMilli,
    unit: l.unit,
    unitPriceMinor: l.unitPriceMinor ?? null,
    vatRateBp: l.vatRateBp ?? null,
  }))

/** `/api/v1/orders`: list, read, create (staff for a client; client users for their own), change, move along. */
export async function ordersApi(app: FastifyInstance) {
  app.get(
    '/',
    {
      config: READ_ANY,
      schema: {
        tags,
        summary: 'Orders in your scope (client users: their own), current or archived',
        querystring: ListQuery,
        response: { 200: pageOf(OrderJson), ...errors },
      },
    },
    async (req) => {
      const raw = Object.fromEntries(
        Object.entries(req.query as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      )
      const lq = parseListQuery(raw, { sortable: ORDER_SORTS, defaultSort: 'order_date', defaultDir: 'desc' })
      const page = await listOrders(req.ctx, lq, {
        view: raw.view === 'current' || raw.view === 'archive' ? raw.view : undefined,
        status: raw.status,
        clientId: raw.clientId,
        from: raw.from,
        to: raw.to,
      })
      const w = await ordersWorkflow(req.ctx)
      return { items: page.rows.map((o) => toJson(req.ctx, w, o)), total: page.total, page: page.page, per: page.per }
    },
  )

  app.get(
    '/:id',
    {
      config: READ_ANY,
      schema: {
        tags,
        summary: 'One order with its lines, status history and shipments',
        params: IdParams,
        response: { 200: OrderDetailJson, ...errors },
      },
    },
    async (req) => detailJson(req.ctx, idOf(req)),
  )

  app.post(
    '/',
    {
      config: READ_ANY,
      schema: {
        tags,
        summary: 'Create an order (staff: for a client; client users: their own, without prices, when allowed)',
        body: CreateBody,
        response: { 201: OrderDetailJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as Static<typeof CreateBody>
      const common = {
        deliveryAddress: b.deliveryAddress ?? null,
        desiredDate: b.desiredDate ?? null,
        comment: b.comment ?? null,
        lines: linesOf(b.lines),
      }
      let id: string
      if (req.actor?.role === 'client') id = (await placeOrder(req.ctx, common, 'api')).id
      else {
        if (!b.clientId) throw new ValidationError({ clientId: 'form.required' })
        const company = await req.server.services.settings.get('company')
        const input: OrderInput = {
          ...common,
          orderDate: b.orderDate ?? (await companyToday(req.ctx)),
          contractId: b.contractId ?? null,
          currency: b.currency ?? company.defaultCurrency,
        }
        id = (await createOrder(req.ctx, b.clientId, input, 'api')).id
      }
      return reply.status(201).send(await detailJson(req.ctx, id))
    },
  )

  app.patch(
    '/:id',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Change a new order (e.g. price a client’s order); send the version you read',
        params: IdParams,
        body: UpdateBody,
        response: { 200: OrderDetailJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const { version, lines, ...rest } = req.body as Static<typeof UpdateBody>
      const changes: Partial<OrderInput> = Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v !== undefined),
      ) as Partial<OrderInput>
      if (lines) changes.lines = linesOf(lines)
      await updateOrder(req.ctx, idOf(req), version, changes)
      return detailJson(req.ctx, idOf(req))
    },
  )

  app.post(
    '/:id/status',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Move an order along the workflow; send the version you read (a stale one answers 409)',
        params: IdParams,
        body: StatusBody,
        response: { 200: OrderDetailJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const b = req.body as Static<typeof StatusBody>
      const s = b.shipment
      await changeOrderStatus(req.ctx, idOf(req), b.to, {
        version: b.version,
        comment: b.comment ?? null,
        internal: b.internal ?? false,
        shipment: s
          ? {
              shippedAt: s.shippedAt,
              carrier: s.carrier,
              trackingNumber: s.trackingNumber,
              note: s.note,
              quantities: s.lines ? Object.fromEntries(s.lines.map((l) => [l.lineId, l.quantityMilli])) : null,
            }
          : undefined,
      })
      return detailJson(req.ctx, idOf(req))
    },
  )
}
