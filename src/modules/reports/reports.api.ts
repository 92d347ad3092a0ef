import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import { ErrorJson } from '../../core/api/schemas.js'
import { incomeByClient, incomeByManager } from './pnl.queries.js'
import { checkParams, type PnlLine, pnlReport, REPORTS } from './pnl.service.js'
import { paramsFrom } from './report-params.js'

const ACCESS = { access: { permission: REPORTS } } as const
const errors = { 401: ErrorJson, 404: ErrorJson, 422: ErrorJson }

const Query = Type.Object({
  from: Type.Optional(Type.String({ description: 'YYYY-MM-DD, included' })),
  to: Type.Optional(Type.String({ description: 'YYYY-MM-DD, included' })),
  preset: Type.Optional(
    Type.String({ description: 'this_month, last_month, this_quarter, last_quarter, this_year, last_year' }),
  ),
  group: Type.Optional(Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')])),
  basis: Type.Optional(Type.Union([Type.Literal('accrual'), Type.Literal('cash')])),
  currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
})
const Range = Type.Object({ from: Type.String(), to: Type.String() })
const Line = Type.Object({
  key: Type.String(),
  label: Type.String(),
  level: Type.Integer(),
  subtotal: Type.Boolean(),
  cellsMinor: Type.Array(Type.Integer()),
  totalMinor: Type.Integer(),
  share: Type.Union([Type.Number(), Type.Null()]),
  previousMinor: Type.Integer(),
  yearAgoMinor: Type.Integer(),
})
const PnlJson = Type.Object({
  from: Type.String(),
  to: Type.String(),
  group: Type.String(),
  basis: Type.String(),
  currency: Type.String(),
  periods: Type.Array(Type.Object({ key: Type.String(), from: Type.String(), to: Type.String() })),
  previous: Range,
  yearAgo: Range,
  income: Type.Array(Line),
  incomeTotal: Line,
  expenses: Type.Array(Line),
  expenseTotal: Line,
  result: Line,
})
const ClientsJson = Type.Object({
  total: Type.Integer(),
  incomeMinor: Type.Integer(),
  items: Type.Array(Type.Object({ clientId: Type.String(), name: Type.String(), incomeMinor: Type.Integer() })),
})
const ManagersJson = Type.Object({
  items: Type.Array(
    Type.Object({
      managerId: Type.Union([Type.String(), Type.Null()]),
      name: Type.Union([Type.String(), Type.Null()]),
      incomeMinor: Type.Integer(),
      clients: Type.Integer(),
    }),
  ),
})

const lineJson = (l: PnlLine) => ({
  key: l.key,
  label: l.label,
  level: l.level,
  subtotal: l.subtotal,
  cellsMinor: l.cells,
  totalMinor: l.total,
  share: l.share,
  previousMinor: l.prev,
  yearAgoMinor: l.yearAgo,
})

/** The head's reports as JSON under /api/v1/reports. */
export async function reportsApi(app: FastifyInstance) {
  app.get(
    '/pnl',
    { config: ACCESS, schema: { tags: ['reports'], querystring: Query, response: { 200: PnlJson, ...errors } } },
    async (req): Promise<Static<typeof PnlJson>> => {
      const r = await pnlReport(req.ctx, await paramsFrom(req.ctx, req.query))
      return {
        ...r.params,
        periods: r.buckets,
        previous: r.previous,
        yearAgo: r.yearAgo,
        income: r.income.map(lineJson),
        incomeTotal: lineJson(r.incomeTotal),
        expenses: r.expenses.map(lineJson),
        expenseTotal: lineJson(r.expenseTotal),
        result: lineJson(r.result),
      }
    },
  )

  app.get(
    '/income/clients',
    { config: ACCESS, schema: { tags: ['reports'], querystring: Query, response: { 200: ClientsJson, ...errors } } },
    async (req) => {
      const q = req.query as Static<typeof Query>
      const p = await pnlParams(req)
      const r = await incomeByClient(req.ctx, p.currency, p, p.basis, { limit: q.limit ?? 20, offset: q.offset ?? 0 })
      return {
        total: r.total,
        incomeMinor: r.sum,
        items: r.rows.map(({ clientId, name, incomeMinor }) => ({ clientId, name, incomeMinor })),
      }
    },
  )

  app.get(
    '/income/managers',
    { config: ACCESS, schema: { tags: ['reports'], querystring: Query, response: { 200: ManagersJson, ...errors } } },
    async (req) => {
      const p = await pnlParams(req)
      return { items: await incomeByManager(req.ctx, p.currency, p, p.basis) }
    },
  )
}

async function pnlParams(req: import('fastify').FastifyRequest) {
  const p = await paramsFrom(req.ctx, req.query)
  checkParams(p)
  return p
}
