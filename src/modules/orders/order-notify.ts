import type { Ctx } from '../../core/ctx.js'
import { isLocale, type Locale } from '../../core/i18n/messages.js'
import { notifyUsers } from '../../core/notifications/notify.js'
import { statusLabel, type Workflow } from './order-workflow.js'
import { findClientManager, orderAreaUsers } from './orders.queries.js'

const orderUrl = (ctx: Ctx, id: string) =>
  `${ctx.services.config.baseUrl.replace(/\/$/, '')}/orders/${encodeURIComponent(id)}`

/**
 * Tells the client's users who follow orders (active, orders area open) that an order moved on, in
 * each one's language; an internal comment never leaves the company, a public one goes along.
 */
export async function notifyStatusChange(
  tx: Ctx,
  order: { id: string; number: string; clientId: string },
  workflow: Workflow,
  to: string,
  publicComment: string | null,
): Promise<number> {
  const users = await orderAreaUsers(tx, order.clientId)
  if (users.length === 0) return 0
  const fallback = (await tx.services.settings.get('company')).defaultLocale
  // The status label comes from the settings, per language: one message per language group.
  const groups = new Map<Locale, string[]>()
  for (const u of users) {
    const locale = isLocale(u.locale) ? u.locale : fallback
    groups.set(locale, [...(groups.get(locale) ?? []), u.id])
  }
  let queued = 0
  for (const [locale, userIds] of groups) {
    const status = statusLabel(workflow, to, locale)
    queued += await notifyUsers(tx, {
      event: 'orders.status_changed',
      userIds,
      message: (t) => ({
        subject: t('orders.notify.status_subject', { number: order.number, status }),
        text: [
          t('orders.notify.status_text', { number: order.number, status }),
          publicComment ? t('orders.notify.comment', { comment: publicComment }) : '',
          t('orders.notify.link', { url: orderUrl(tx, order.id) }),
        ]
          .filter(Boolean)
          .join('\n\n'),
      }),
    })
  }
  return queued
}

/** Tells the client's account manager that a client user has placed an order waiting for prices. */
export async function notifyOrderPlaced(tx: Ctx, order: { id: string; number: string; clientId: string }) {
  const manager = (await findClientManager(tx, order.clientId))?.manager_id
  if (!manager) return 0
  return notifyUsers(tx, {
    event: 'orders.placed',
    userIds: [manager],
    message: (t) => ({
      subject: t('orders.notify.placed_subject', { number: order.number }),
      text: [
        t('orders.notify.placed_text', { number: order.number }),
        t('orders.notify.link', { url: orderUrl(tx, order.id) }),
      ].join('\n\n'),
    }),
  })
}
