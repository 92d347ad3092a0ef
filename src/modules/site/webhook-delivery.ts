import type { Ctx } from '../../core/ctx.js'
import { nowIso } from '../../core/db/ids.js'
import type { WebhookDelivery } from './site.schema.js'
import { signWebhook } from './webhook-signature.js'

export const MAX_WEBHOOK_ATTEMPTS = 8
const TIMEOUT_MS = 10_000
/** A claimed delivery is retried by anyone after this, should its sender die mid-request. */
const LEASE_MS = 2 * 60_000
/** The job stops claiming new rows after this, so it ends well inside its lease. */
const RUN_BUDGET_MS = 40_000

/** Back-off after the n-th failed attempt: 1, 2, 4 … 64 minutes. */
export const webhookRetryDelayMs = (attempts: number): number => Math.min(60_000 * 2 ** (attempts - 1), 6 * 3600_000)

export interface DeliveryOutcome {
  ok: boolean
  statusCode: number | null
  error: string | null
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (e?.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`
  return (e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err)).slice(0, 500)
}

/** POSTs one delivery, signed with the current webhook secret. Redirects are not followed. */
async function post(row: WebhookDelivery, secret: string): Promise<DeliveryOutcome> {
  if (!secret) return { ok: false, statusCode: null, error: 'no webhook secret is set' }
  const timestamp = String(Math.floor(Date.now() / 1000))
  try {
    const res = await fetch(row.url, {
      method: 'POST',
      body: row.payload_json,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Kabinet-Webhooks/1',
        'x-kabinet-event': row.event,
        'x-kabinet-delivery': row.id,
        'x-kabinet-timestamp': timestamp,
        'x-kabinet-signature': signWebhook(secret, timestamp, row.payload_json),
      },
    })
    await res.body?.cancel().catch(() => undefined)
    const ok = res.status >= 200 && res.status < 300
    return { ok, statusCode: res.status, error: ok ? null : `HTTP ${res.status}` }
  } catch (err) {
    return { ok: false, statusCode: null, error: describe(err) }
  }
}

/** Takes a due row for this sender; false when another instance took it first. */
async function claim(ctx: Ctx, row: WebhookDelivery): Promise<boolean> {
  const res = await ctx.db
    .updateTable('site_webhook_deliveries')
    .set({ status: 'sending', next_attempt_at: new Date(Date.now() + LEASE_MS).toISOString() })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .where('next_attempt_at', '=', row.next_attempt_at)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** Sends a claimed row and records the outcome: delivered, or retried later with back-off until the last attempt. */
async function attempt(ctx: Ctx, row: WebhookDelivery): Promise<DeliveryOutcome> {
  const { webhookSecret } = await ctx.services.settings.get('site')
  const outcome = await post(row, webhookSecret)
  const attempts = row.attempts + 1
  const giveUp = !outcome.ok && attempts >= MAX_WEBHOOK_ATTEMPTS
  await ctx.db
    .updateTable('site_webhook_deliveries')
    .set({
      status: outcome.ok ? 'delivered' : giveUp ? 'failed' : 'pending',
      attempts,
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
      delivered_at: outcome.ok ? nowIso() : null,
      next_attempt_at: outcome.ok
        ? nowIso()
        : new Date(Date.now() + (giveUp ? 0 : webhookRetryDelayMs(attempts))).toISOString(),
    })
    .where('id', '=', row.id)
    .execute()
  if (!outcome.ok) ctx.services.log.warn({ deliveryId: row.id, attempts, error: outcome.error }, 'webhook failed')
  return outcome
}

/** Claims and sends one row now (the "retry now" and "send test" buttons). */
export async function deliverNow(ctx: Ctx, row: WebhookDelivery): Promise<DeliveryOutcome | null> {
  if (!(await claim(ctx, row))) return null
  return attempt(ctx, { ...row, status: 'sending' })
}

/** The job: sends every delivery that is due, oldest first. */
export async function deliverDueWebhooks(ctx: Ctx, limit = 25): Promise<{ delivered: number; failed: number }> {
  const started = Date.now()
  const due = await ctx.db
    .selectFrom('site_webhook_deliveries')
    .selectAll()
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', nowIso())
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute()
  let delivered = 0
  let failed = 0
  for (const row of due) {
    if (Date.now() - started > RUN_BUDGET_MS) break
    const outcome = await deliverNow(ctx, row)
    if (outcome?.ok) delivered++
    else if (outcome) failed++
  }
  return { delivered, failed }
}

/** Forgets deliveries that arrived a month ago, and sign-in token ids past their expiry. */
export async function purgeSiteRecords(ctx: Ctx): Promise<void> {
  const monthAgo = new Date(Date.now() - 30 * 86400_000).toISOString()
  await ctx.db
    .deleteFrom('site_webhook_deliveries')
    .where('status', '=', 'delivered')
    .where('created_at', '<', monthAgo)
    .execute()
  await ctx.db.deleteFrom('site_sso_nonces').where('expires_at', '<', nowIso()).execute()
}
