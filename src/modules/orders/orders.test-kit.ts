import { toActor } from '../../core/auth/sessions.js'
import { Ctx } from '../../core/ctx.js'
import type { User } from '../../core/db/core-tables.js'
import type { Locale } from '../../core/i18n/messages.js'
import type { Services } from '../../core/services.js'
import { createOrder } from './order-entry.service.js'
import type { OrderInput, OrderLineInput } from './order-input.js'

/** A service ctx acting as `user`, as a request of theirs would have. */
export const ctxOf = (services: Services, user: User, locale: Locale = 'en') =>
  Ctx.forActor(services, toActor(user), { locale })

export const line = (overrides: Partial<OrderLineInput> = {}): OrderLineInput => ({
  sku: 'TON-59A',
  name: 'Toner HP 59A',
  quantityMilli: 2000,
  unit: 'pcs',
  unitPriceMinor: 12_990,
  vatRateBp: 2700,
  ...overrides,
})

/** A valid order input; override what the test is about. */
export const orderInput = (overrides: Partial<OrderInput> = {}): OrderInput => ({
  orderDate: '2026-03-02',
  contractId: null,
  currency: 'EUR',
  deliveryAddress: '1097 Budapest, Könyves Kálmán krt. 12.',
  desiredDate: '2026-03-10',
  comment: null,
  lines: [line(), line({ sku: 'PAP-A4', name: 'Copy paper A4', quantityMilli: 10_000, unitPriceMinor: 549 })],
  ...overrides,
})

/** Creates an order as `ctx` and, when asked, puts it straight into `status` (test set-up only). */
export async function givenOrder(ctx: Ctx, clientId: string, opts: Partial<OrderInput> & { status?: string } = {}) {
  const { status, ...input } = opts
  const o = await createOrder(ctx, clientId, orderInput(input))
  if (status && status !== o.status) {
    await ctx.services.db.kysely.updateTable('orders').set({ status }).where('id', '=', o.id).execute()
  }
  return { ...o, status: status ?? o.status }
}

/** The mail queued for `email`, oldest first. */
export const mailTo = (services: Services, email: string) =>
  services.db.kysely
    .selectFrom('outbox')
    .select(['subject', 'body_text'])
    .where('recipient', '=', email)
    .orderBy('created_at')
    .execute()
