import { Ctx } from '../../src/core/ctx.js'
import { createOrder } from '../../src/modules/orders/index.js'
import type { IsolationCase, IsolationCases } from './world.js'

/** A priced, new order of client A (so A's client users see it and staff may move it on). */
const anOrder: IsolationCase = async (w) => {
  const ctx = Ctx.system(w.services, 'isolation test')
  const order = await createOrder(ctx, w.a.client.id, {
    orderDate: '2026-03-02',
    contractId: null,
    currency: 'EUR',
    deliveryAddress: 'A only',
    desiredDate: null,
    comment: null,
    lines: [{ sku: 'A-1', name: 'A’s item', quantityMilli: 2000, unit: 'pcs', unitPriceMinor: 1000, vatRateBp: 2700 }],
  })
  return { params: { id: order.id } }
}

const withBody =
  (body: Record<string, unknown>): IsolationCase =>
  async (w) => ({ ...(await anOrder(w)), body })

/** Id-taking routes of the orders module (pages and API) and how to make client A's resource for each. */
export const ordersCases: IsolationCases = {
  'GET /orders/:id': anOrder,
  'GET /orders/:id/edit': anOrder,
  'POST /orders/:id': withBody({
    version: '1',
    order_date: '2026-03-02',
    currency: 'EUR',
    line_name_0: 'Changed',
    line_qty_0: '1',
    line_unit_0: 'pcs',
    line_price_0: '10',
    line_vat_0: '2700',
  }),
  'POST /orders/:id/status': withBody({ to: 'confirmed', version: '1' }),
  'GET /api/v1/orders/:id': anOrder,
  'PATCH /api/v1/orders/:id': withBody({ version: 1, comment: 'Changed' }),
  'POST /api/v1/orders/:id/status': withBody({ to: 'confirmed', version: 1 }),
}
