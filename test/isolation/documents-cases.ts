import { Readable } from 'node:stream'
import { Ctx } from '../../src/core/ctx.js'
import { encodePng } from '../../src/core/pdf/png.js'
import { createContract } from '../../src/modules/contracts/index.js'
import { generatePaymentRequest, sendDocuments } from '../../src/modules/documents/index.js'
import { addSigner, defaultIssuer, uploadIssuerImage } from '../../src/modules/documents/issuers.service.js'
import { createInvoice, issueInvoice } from '../../src/modules/finance/index.js'
import type { IsolationCase, IsolationCases, IsolationWorld } from './world.js'

const sys = (w: IsolationWorld) => Ctx.system(w.services, 'isolation test')
const png = () => encodePng(1, 1, new Uint8Array([10, 20, 30, 255]))

/** An issued payment request of client A. */
const anInvoice: IsolationCase = async (w) => {
  const inv = await createInvoice(sys(w), w.a.client.id, {
    currency: 'EUR',
    dueDate: null,
    note: 'A only',
    lines: [{ name: 'Work', quantityMilli: 1000, unit: 'h', unitPriceMinor: 10_000, vatRateBp: 2700 }],
  })
  await issueInvoice(sys(w), inv.id)
  return { params: { invoiceId: inv.id } }
}

/** A document of client A, sent (so A's client users see it). */
const aDocument: IsolationCase = async (w) => {
  const { params } = await anInvoice(w)
  const doc = await generatePaymentRequest(sys(w), params.invoiceId as string)
  await sendDocuments(sys(w), [doc.id])
  return { params: { id: doc.id } }
}

/** The default issuer with a stamp and a signer with a signature (issuers are the company's, not A's). */
const anIssuer: IsolationCase = async (w) => {
  const issuer = await defaultIssuer(sys(w))
  await uploadIssuerImage(sys(w), issuer.id, 'stamp', Readable.from([png()]))
  const signer = await addSigner(sys(w), issuer.id, { role: 'director', name: 'Director' }, Readable.from([png()]))
  return { params: { id: issuer.id, kind: 'stamp', signerId: signer.id } }
}

const aContract: IsolationCase = async (w) => {
  const target = await anIssuer(w)
  const c = await createContract(sys(w), w.a.client.id, {
    number: `ISO-${Math.random().toString(36).slice(2, 8)}`,
    signedOn: '2026-01-15',
    subject: 'Isolation',
    type: 'services',
    parameters: [],
    amount: null,
    validFrom: '2026-01-15',
    validTo: null,
    issuer: null,
    notes: 'A only',
  })
  return { params: { ...target.params, contractId: c.id } }
}

/** Id-taking routes of the documents module and how to make client A's resource for each. */
export const documentsCases: IsolationCases = {
  'GET /documents/:id': aDocument,
  'GET /documents/:id/pdf': aDocument,
  'POST /documents/:id/send': aDocument,
  'GET /documents/payment-requests/:invoiceId/pdf': anInvoice,
  'GET /api/v1/documents/:id': aDocument,
  'GET /api/v1/documents/:id/pdf': aDocument,
  'GET /documents/issuers/:id': anIssuer,
  'POST /documents/issuers/:id': async (w) => ({ ...(await anIssuer(w)), body: { name: '' } }),
  'POST /documents/issuers/:id/images/:kind': anIssuer,
  'GET /documents/issuers/:id/images/:kind': anIssuer,
  'GET /documents/issuers/:id/signers/:signerId/signature': anIssuer,
  'POST /documents/issuers/:id/signers': anIssuer,
  'POST /documents/issuers/:id/signers/:signerId/delete': anIssuer,
  'POST /documents/issuers/:id/contracts': aContract,
  'POST /documents/issuers/:id/contracts/:contractId/delete': aContract,
}
