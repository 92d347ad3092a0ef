import type { Ctx } from '../../core/ctx.js'
import { openStatuses } from './order-workflow.js'
import { WAITING_STATUSES } from './orders.constants.js'
import { countInStatuses, listVisibleClients, ordersInStatuses, statusFigures } from './orders.queries.js'
import { type OrderView, ordersWorkflow, requireOrderRead, toOrderView } from './orders.service.js'

/** Orders waiting for the caller (new or confirmed) in its scope: the oldest `limit` first, and how many per status. */
export async function waitingOrders(
  ctx: Ctx,
  limit = 10,
): Promise<{ rows: OrderView[]; counts: { status: string; count: number }[]; total: number }> {
  ctx.require('orders.read')
  const w = await ordersWorkflow(ctx)
  const statuses = WAITING_STATUSES.filter((s) => w.statuses.some((x) => x.key === s))
  const [rows, ...counts] = await Promise.all([
    ordersInStatuses(ctx, statuses, limit, 'asc'),
    ...statuses.map((s) => countInStatuses(ctx, [s])),
  ])
  return {
    rows: (rows as Awaited<ReturnType<typeof ordersInStatuses>>).map(toOrderView),
    counts: statuses.map((status, i) => ({ status, count: counts[i] as number })),
    total: (counts as number[]).reduce((a, b) => a + b, 0),
  }
}

export interface StatusFigure {
  status: string
  count: number
  /** Sum of totals in the company's currency. */
  totalMinor: number
  /** Orders of this status in other currencies (counted, not summed). */
  otherCurrency: number
}

/** Every status of the workflow with its order count and value in the company's default currency. */
export async function ordersByStatus(ctx: Ctx): Promise<{ currency: string; figures: StatusFigure[] }> {
  ctx.require('orders.read')
  const [w, company] = await Promise.all([ordersWorkflow(ctx), ctx.services.settings.get('company')])
  const rows = await statusFigures(ctx, company.defaultCurrency)
  const byStatus = new Map(rows.map((r) => [r.status, r]))
  const known = w.statuses.map((s) => s.key)
  const keys = [...known, ...rows.map((r) => r.status).filter((s) => !known.includes(s))]
  return {
    currency: company.defaultCurrency,
    figures: keys.map((status) => {
      const r = byStatus.get(status)
      return {
        status,
        count: Number(r?.n ?? 0),
        totalMinor: Number(r?.total ?? 0),
        otherCurrency: Number(r?.other_currency ?? 0),
      }
    }),
  }
}

/** A client user's current orders: how many, and the latest few. */
export async function myCurrentOrders(ctx: Ctx, limit = 5): Promise<{ rows: OrderView[]; total: number }> {
  requireOrderRead(ctx)
  const statuses = openStatuses(await ordersWorkflow(ctx))
  const [rows, total] = await Promise.all([ordersInStatuses(ctx, statuses, limit), countInStatuses(ctx, statuses)])
  return { rows: rows.map(toOrderView), total }
}

/** Clients the caller may pick from; null when there are more than `limit` (too many for a select). */
export async function clientChoices(ctx: Ctx, limit: number) {
  const rows = await listVisibleClients(ctx, limit + 1)
  return rows.length > limit ? null : rows
}
