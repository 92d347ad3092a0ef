import { Ctx } from '../../src/core/ctx.js'
import { createContract } from '../../src/modules/contracts/index.js'
import type { IsolationCase, IsolationCases } from './world.js'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

/** An active contract of client A (so A's client users see it) with a signed scan. */
const aContract: IsolationCase = async (w) => {
  const ctx = Ctx.system(w.services, 'isolation test')
  const c = await createContract(ctx, w.a.client.id, {
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
  const scan = await w.services.files.putBuffer(w.services.db.kysely, PDF, 'application/pdf')
  await w.services.db.kysely
    .updateTable('contracts')
    .set({ status: 'active', scan_sha256: scan.sha256, version: 2 })
    .where('id', '=', c.id)
    .execute()
  return { params: { id: c.id } }
}

const withBody =
  (body: Record<string, unknown>): IsolationCase =>
  async (w) => ({ ...(await aContract(w)), body })

/** Id-taking routes of the contracts module and how to make client A's resource for each. */
export const contractsCases: IsolationCases = {
  'GET /contracts/:id': aContract,
  'GET /contracts/:id/edit': aContract,
  'POST /contracts/:id': withBody({
    version: '2',
    number: 'ISO-X',
    type: 'services',
    subject: 'Changed',
    signed_on: '2026-01-15',
    valid_from: '2026-01-15',
  }),
  'POST /contracts/:id/status': withBody({ to: 'suspended', version: '2' }),
  'POST /contracts/:id/scan': aContract,
  'GET /contracts/:id/scan': aContract,
  'GET /api/v1/contracts/:id': aContract,
  'PATCH /api/v1/contracts/:id': withBody({ version: 2, subject: 'Changed' }),
  'POST /api/v1/contracts/:id/status': withBody({ to: 'suspended', version: 2 }),
  'POST /api/v1/contracts/:id/scan': aContract,
  'GET /api/v1/contracts/:id/scan': aContract,
}
