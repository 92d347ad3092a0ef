import { Ctx } from '../../src/core/ctx.js'
import { recordCharge } from '../../src/modules/finance/index.js'
import type { IsolationCase, IsolationCases } from './world.js'

/** Client A's account with one charge on it. */
const aEntry: IsolationCase = async (w) => {
  const ctx = Ctx.system(w.services, 'isolation test')
  const e = await recordCharge(ctx, w.a.client.id, {
    kind: 'service',
    amountMinor: 12_300,
    currency: 'EUR',
    date: '2026-03-01',
    description: 'A only',
  })
  return { params: { id: e.id, clientId: w.a.client.id } }
}

const aClient: IsolationCase = async (w) => ({ params: { clientId: w.a.client.id } })

/** Id-taking routes of the finance module and how to make client A's resource for each. */
export const financeCases: IsolationCases = {
  'GET /finance/clients/:clientId/ledger': aClient,
  'POST /finance/clients/:clientId/charges': async (w) => ({
    ...(await aClient(w)),
    body: { kind: 'service', amount: '10.00', currency: 'EUR', date: '2026-03-02', description: 'Charge' },
  }),
  'POST /finance/entries/:id/reverse': async (w) => {
    const { params } = await aEntry(w)
    return { params: { id: params.id as string }, body: { reason: 'Mistake' } }
  },
}
