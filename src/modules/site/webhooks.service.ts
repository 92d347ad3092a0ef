import { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { NotFoundError, RuleError } from '../../core/errors.js'
import { fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import type { WebhookDelivery, WebhookStatus } from './site.schema.js'
import { type DeliveryOutcome, deliverNow } from './webhook-delivery.js'

export const WEBHOOK_STATUSES: readonly WebhookStatus[] = ['pending', 'sending', 'delivered', 'failed']

/** Queues one delivery per configured URL; the job sends them. Nothing is queued without a URL. */
export async function enqueueWebhook(ctx: Ctx, event: string, data: Record<string, unknown>): Promise<string[]> {
  const { webhookUrls } = await ctx.services.settings.get('site')
  if (webhookUrls.length === 0) return []
  const now = nowIso()
  // One event id for all URLs (the receiver's idempotency key); one delivery id per URL.
  const body = JSON.stringify({ id: newId(), event, occurredAt: now, data })
  const rows = webhookUrls.map((url) => ({
    id: newId(),
    event,
    payload_json: body,
    url,
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: now,
    last_status_code: null,
    last_error: null,
    created_at: now,
    delivered_at: null,
  }))
  await ctx.db.insert('site_webhook_deliveries', rows)
  return rows.map((r) => r.id)
}

async function externalId(ctx: Ctx, entityId: string | null): Promise<string | null> {
  if (!entityId) return null
  const row = await ctx.db
    .selectFrom('site_links')
    .select('external_id')
    .where('entity_id', '=', entityId)
    .executeTakeFirst()
  return row?.external_id ?? null
}

// Handlers run after the emitter's commit with the emitter's ctx, which may be a client admin's:
// queueing a staff-only delivery is the system's act, not theirs.
const systemCtx = (ctx: Ctx) => Ctx.system(ctx.services, 'site webhooks')

/** `clients.created` / `clients.updated` → a webhook with the client as it is now. */
export const onClientChanged = (event: string) => async (emitter: Ctx, payload: Record<string, unknown>) => {
  const ctx = systemCtx(emitter)
  const clientId = String(payload.clientId ?? '')
  const client = await ctx.db
    .selectFrom('clients')
    .select(['id', 'name', 'status', 'country', 'tax_id', 'email', 'phone', 'updated_at'])
    .where('id', '=', clientId)
    .executeTakeFirst()
  if (!client) return
  await enqueueWebhook(ctx, event, {
    kind: 'client',
    id: client.id,
    externalId: await externalId(ctx, client.id),
    name: client.name,
    status: client.status,
    country: client.country,
    taxId: client.tax_id,
    email: client.email,
    phone: client.phone,
    updatedAt: client.updated_at,
  })
}

/** `users.created` / `users.updated` → a webhook for client users (staff accounts are not the website's). */
export const onUserChanged = (event: string) => async (emitter: Ctx, payload: Record<string, unknown>) => {
  const ctx = systemCtx(emitter)
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'client_id', 'locale', 'is_client_admin', 'status', 'updated_at'])
    .where('id', '=', String(payload.userId ?? ''))
    .executeTakeFirst()
  if (user?.role !== 'client') return
  await enqueueWebhook(ctx, event, {
    kind: 'user',
    id: user.id,
    externalId: await externalId(ctx, user.id),
    clientId: user.client_id,
    clientExternalId: await externalId(ctx, user.client_id),
    email: user.email,
    name: user.name,
    locale: user.locale,
    isClientAdmin: user.is_client_admin === 1,
    status: user.status,
    updatedAt: user.updated_at,
  })
}

/** Webhook deliveries, newest first by default, filtered by status. */
export async function listDeliveries(
  ctx: Ctx,
  lq: ListQuery,
  filters: { status?: string } = {},
): Promise<Page<WebhookDelivery>> {
  ctx.require('site.manage')
  let q = ctx.db.selectFrom('site_webhook_deliveries').selectAll()
  if (filters.status && WEBHOOK_STATUSES.includes(filters.status as WebhookStatus)) {
    q = q.where('status', '=', filters.status as WebhookStatus)
  }
  return fetchPage(q, lq, { created_at: 'created_at', status: 'status' }, 'id')
}

/** Sends a pending or failed delivery at once; a failed one gets one more attempt. Audited. */
export async function retryDelivery(ctx: Ctx, id: string): Promise<DeliveryOutcome | null> {
  ctx.require('site.manage')
  const row = await ctx.db.selectFrom('site_webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError('delivery')
  if (row.status === 'delivered') throw new RuleError('site.already_delivered', 'site.already_delivered')
  // A row being sent right now is left to its sender: retrying it too would post it twice.
  if (row.status === 'sending') return null
  const now = nowIso()
  const queued = await ctx.transaction(async (tx) => {
    const res = await tx.db
      .updateTable('site_webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: now })
      .where('id', '=', id)
      .where('status', '=', row.status)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) return false
    await tx.audit('site.webhook_retried', {
      entity: 'site_webhook',
      entityId: id,
      before: { status: row.status, attempts: row.attempts },
    })
    return true
  })
  if (!queued) return null
  // Null when another instance's job took it in the same instant: it is being sent anyway.
  return deliverNow(ctx, { ...row, status: 'pending', next_attempt_at: now })
}

/** Queues a `site.test` event to every webhook URL and sends it now; the outcomes come back. */
export async function sendTestWebhook(ctx: Ctx): Promise<{ url: string; outcome: DeliveryOutcome | null }[]> {
  ctx.require('site.manage')
  const ids = await ctx.transaction(async (tx) => {
    const queued = await enqueueWebhook(tx, 'site.test', { message: 'Test from Kabinet', by: tx.actor?.email ?? null })
    if (queued.length === 0) throw new RuleError('site.no_webhook_urls', 'site.no_webhook_urls')
    await tx.audit('site.webhook_tested', { entity: 'site_webhook', after: { deliveries: queued.length } })
    return queued
  })
  const rows = await ctx.db.selectFrom('site_webhook_deliveries').selectAll().where('id', 'in', ids).execute()
  const out: { url: string; outcome: DeliveryOutcome | null }[] = []
  for (const row of rows) out.push({ url: row.url, outcome: await deliverNow(ctx, row) })
  return out
}
