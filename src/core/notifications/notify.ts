import type { Ctx } from '../ctx.js'
import type { Locale, Translate } from '../i18n/messages.js'
import { isLocale } from '../i18n/messages.js'
import { enqueueMail } from './outbox.js'

/** The channels a notification can go out on; e-mail is built in, others come with the messaging module. */
export const CHANNELS = ['email'] as const
export type Channel = (typeof CHANNELS)[number]

export interface Notification {
  /** Event name declared in a module manifest's `notifications`. */
  event: string
  /** Recipients; inactive users and those who switched the event off are skipped. */
  userIds: string[]
  /** Builds the message in each recipient's language. */
  message: (t: Translate, locale: Locale) => { subject: string; text: string }
}

/**
 * Queues a notification for each recipient in its own language, honouring its preferences, in the
 * caller's transaction: it leaves only if the business change commits.
 */
export async function notifyUsers(ctx: Ctx, n: Notification): Promise<number> {
  const ids = [...new Set(n.userIds)]
  if (ids.length === 0) return 0
  const raw = ctx.unscoped('recipients of a notification may be outside the actor’s scope')
  const users = await raw
    .selectFrom('users')
    .select(['id', 'email', 'locale'])
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .execute()
  const off = await raw
    .selectFrom('notification_preferences')
    .select('user_id')
    .where('user_id', 'in', ids)
    .where('event', '=', n.event)
    .where('channel', '=', 'email')
    .where('enabled', '=', 0)
    .execute()
  const muted = new Set(off.map((r) => r.user_id))
  const company = await ctx.services.settings.get('company')
  let queued = 0
  for (const user of users) {
    if (muted.has(user.id)) continue
    const locale = isLocale(user.locale) ? user.locale : company.defaultLocale
    const { subject, text } = n.message(ctx.services.catalog.translator(locale), locale)
    await enqueueMail(raw, { to: user.email, userId: user.id, subject, text })
    queued++
  }
  return queued
}

/** The events a user may receive, with whether each channel is on. */
export async function preferencesOf(ctx: Ctx, userId: string, role: 'client' | 'staff') {
  const defs = ctx.services.modules
    .filter((m) => ctx.services.isEnabled(m.name))
    .flatMap((m) => m.notifications ?? [])
    .filter((d) => d.audience.includes(role))
  const rows = await ctx
    .unscoped('own notification preferences')
    .selectFrom('notification_preferences')
    .select(['event', 'channel', 'enabled'])
    .where('user_id', '=', userId)
    .execute()
  return defs.map((d) => ({
    ...d,
    channels: Object.fromEntries(
      CHANNELS.map((c) => [c, rows.find((r) => r.event === d.event && r.channel === c)?.enabled !== 0]),
    ) as Record<Channel, boolean>,
  }))
}

/** Saves the caller's choices: `on` lists `event:channel` pairs switched on; the rest are off. */
export async function savePreferences(ctx: Ctx, on: string[]): Promise<void> {
  const actor = ctx.actor
  if (!actor) return
  const prefs = await preferencesOf(ctx, actor.id, actor.role === 'client' ? 'client' : 'staff')
  const wanted = new Set(on)
  await ctx.transaction(async (tx) => {
    const raw = tx.unscoped('own notification preferences')
    const now = new Date().toISOString()
    for (const p of prefs) {
      for (const channel of CHANNELS) {
        const enabled = wanted.has(`${p.event}:${channel}`) ? 1 : 0
        await raw
          .insertInto('notification_preferences')
          .values({ user_id: actor.id, event: p.event, channel, enabled, updated_at: now })
          .onConflict((oc) => oc.columns(['user_id', 'event', 'channel']).doUpdateSet({ enabled, updated_at: now }))
          .execute()
      }
    }
    await tx.audit('user.notifications_updated', {
      entity: 'user',
      entityId: actor.id,
      clientId: actor.clientId,
      after: Object.fromEntries(prefs.map((p) => [p.event, CHANNELS.filter((c) => wanted.has(`${p.event}:${c}`))])),
    })
  })
}
