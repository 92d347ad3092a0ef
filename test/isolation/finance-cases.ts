import { Ctx } from '../../src/core/ctx.js'
import { createInvoice, issueInvoice, recordCharge } from '../../src/modules/finance/index.js'
import { createReconciliation } from '../../src/modules/finance/reconciliation.service.js'
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

/** A draft payment request of client A. */
const aDraft: IsolationCase = async (w) => {
  const ctx = Ctx.system(w.services, 'isolation test')
  const inv = await createInvoice(ctx, w.a.client.id, {
    currency: 'EUR',
    dueDate: null,
    note: 'A only',
    lines: [{ name: 'Work', quantityMilli: 1000, unit: 'h', unitPriceMinor: 10_000, vatRateBp: 2700 }],
  })
  return { params: { id: inv.id } }
}

/** An issued payment request of client A (its client users see it). */
const anIssued: IsolationCase = async (w) => {
  const { params } = await aDraft(w)
  await issueInvoice(Ctx.system(w.services, 'isolation test'), params.id as string)
  return { params }
}

/** A statement of account of client A (issued, awaiting the client's answer). */
const aStatement: IsolationCase = async (w) => {
  const ctx = Ctx.system(w.services, 'isolation test')
  await recordCharge(ctx, w.a.client.id, {
    kind: 'fee',
    amountMinor: 1_000,
    currency: 'EUR',
    date: '2026-01-05',
    description: 'A only',
  })
  const r = await createReconciliation(ctx, {
    clientId: w.a.client.id,
    currency: 'EUR',
    from: '2026-01-01',
    to: '2026-01-31',
  })
  return { params: { id: r.id }, body: { lock: String(r.lockVersion), comment: 'isolation' } }
}
const apiStatement: IsolationCase = async (w) => {
  const t = await aStatement(w)
  return {
    params: t.params,
    body: {
      lock: Number(t.body?.lock),
      comment: 'isolation',
      items: [{ entryId: null, theirAmountMinor: 1, note: 'x' }],
    },
  }
}

const aClient: IsolationCase = async (w) => ({ params: { clientId: w.a.client.id } })

/** Id-taking routes of the finance module and how to make client A's resource for each. */
export const financeCases: IsolationCases = {
  'GET /finance/clients/:clientId/ledger': aClient,
  'POST /finance/clients/:clientId/charges': async (w) => ({
    ...(await aClient(w)),
    body: { kind: 'service', amount: '10.00', currency: 'EUR', date: '2026-03-02', description: 'Charge' },
  }),
  'GET /finance/invoices/:id': anIssued,
  'POST /finance/invoices/:id/issue': aDraft,
  'POST /finance/invoices/:id/cancel': anIssued,
  'POST /finance/invoices/:id/payments': async (w) => ({
    ...(await anIssued(w)),
    body: { amount: '10.00', date: '2026-03-02', reference: `ISO-${Math.random().toString(36).slice(2)}` },
  }),
  'GET /api/v1/finance/invoices/:id': anIssued,
  'POST /api/v1/finance/invoices/:id/issue': async (w) => ({ ...(await aDraft(w)), body: {} }),
  'POST /api/v1/finance/invoices/:id/cancel': async (w) => ({ ...(await anIssued(w)), body: {} }),
  'POST /api/v1/finance/invoices/:id/payments': async (w) => ({
    ...(await anIssued(w)),
    body: { amountMinor: 1000, date: '2026-03-02', reference: `ISO-${Math.random().toString(36).slice(2)}` },
  }),
  'GET /finance/reconciliations/:id': aStatement,
  'GET /finance/reconciliations/:id/pdf': aStatement,
  'POST /finance/reconciliations/:id/accept': aStatement,
  'POST /finance/reconciliations/:id/dispute': aStatement,
  'POST /finance/reconciliations/:id/resolve': aStatement,
  'GET /api/v1/finance/reconciliations/:id': aStatement,
  'GET /api/v1/finance/reconciliations/:id/pdf': aStatement,
  'POST /api/v1/finance/reconciliations/:id/accept': apiStatement,
  'POST /api/v1/finance/reconciliations/:id/dispute': apiStatement,
  'POST /api/v1/finance/reconciliations/:id/resolve': apiStatement,
  'POST /finance/entries/:id/reverse': async (w) => {
    const { params } = await aEntry(w)
    return { params: { id: params.id as string }, body: { reason: 'Mistake' } }
  },
}
