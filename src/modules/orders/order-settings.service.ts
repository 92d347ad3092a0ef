import type { Ctx } from '../../core/ctx.js'
import { ValidationError } from '../../core/errors.js'
import type { OrdersSettings } from '../../core/settings/settings-store.js'
import { workflowErrors } from './order-workflow.js'
import { statusesInUse } from './orders.queries.js'

/** The workflow with each status's outgoing list tidied: only known targets, no duplicates, in status order. */
export function normalizeWorkflow(w: OrdersSettings): OrdersSettings {
  const keys = w.statuses.map((s) => s.key)
  const transitions: Record<string, string[]> = {}
  for (const from of keys) {
    const wanted = new Set(w.transitions[from] ?? [])
    transitions[from] = keys.filter((to) => wanted.has(to))
  }
  // Entries for unknown statuses are kept so the check can refuse them rather than drop them quietly.
  for (const [from, tos] of Object.entries(w.transitions)) if (!keys.includes(from)) transitions[from] = tos
  return { ...w, statuses: w.statuses.map((s) => ({ ...s, key: s.key.trim() })), transitions }
}

/**
 * Saves the order workflow and the ordering switch after checking them (see workflowErrors); a status
 * that orders still hold cannot be removed. Audited with the before and after.
 */
export async function saveOrderSettings(ctx: Ctx, input: OrdersSettings): Promise<OrdersSettings> {
  ctx.require('settings.manage')
  const value = normalizeWorkflow(input)
  const errors = workflowErrors(value, await statusesInUse(ctx))
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const store = ctx.services.settings
  await ctx.transaction(async (tx) => {
    const db = tx.unscoped('settings are company-wide, not client data')
    const before = await store.load(db, 'orders')
    await store.put(db, 'orders', value, tx.actor?.id ?? null)
    await tx.audit('orders.settings_updated', { entity: 'settings', entityId: 'orders', before, after: value })
  })
  return value
}
