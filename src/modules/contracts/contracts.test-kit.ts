import { toActor } from '../../core/auth/sessions.js'
import { Ctx } from '../../core/ctx.js'
import type { User } from '../../core/db/core-tables.js'
import type { Locale } from '../../core/i18n/messages.js'
import type { Services } from '../../core/services.js'
import type { ContractInput } from './contract-input.js'
import type { ContractStatus } from './contracts.constants.js'
import { createContract } from './contracts.service.js'

/** A service ctx acting as `user`, as a request of theirs would have. */
export const ctxOf = (services: Services, user: User, locale: Locale = 'en') =>
  Ctx.forActor(services, toActor(user), { locale })

let n = 0

/** A valid contract input; override what the test is about. */
export const contractInput = (overrides: Partial<ContractInput> = {}): ContractInput => ({
  number: `T-${++n}`,
  signedOn: '2026-01-15',
  subject: 'Supply of spare parts',
  type: 'supply',
  parameters: [],
  amount: { minor: 1_250_000, currency: 'HUF' },
  validFrom: '2026-02-01',
  validTo: '2027-01-31',
  issuer: 'Demo Kft.',
  notes: '',
  ...overrides,
})

/** Creates a contract as `ctx` and, when asked, puts it straight into `status` (test set-up only). */
export async function givenContract(
  ctx: Ctx,
  clientId: string,
  opts: Partial<ContractInput> & { status?: ContractStatus } = {},
) {
  const { status, ...input } = opts
  const c = await createContract(ctx, clientId, contractInput(input))
  if (status && status !== 'draft') {
    await ctx.services.db.kysely.updateTable('contracts').set({ status }).where('id', '=', c.id).execute()
  }
  return { ...c, status: status ?? c.status }
}

/** A multipart/form-data body with one file part. */
export function multipart(field: string, filename: string, type: string, data: Buffer) {
  const boundary = `----kabinet${Date.now()}${Math.random().toString(36).slice(2)}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { payload: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` }
}

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
)
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
