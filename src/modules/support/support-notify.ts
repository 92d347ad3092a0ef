import type { Ctx } from '../../core/ctx.js'
import type { Translate } from '../../core/i18n/messages.js'
import { notifyUsers } from '../../core/notifications/notify.js'
import { plainExcerpt } from './markdown.js'
import type { RequestView } from './support.service.js'

/** Events this module notifies about (declared in the manifest; users switch them off per channel). */
export const EVENTS = {
  created: 'support.request_created',
  staffReplied: 'support.staff_replied',
  clientReplied: 'support.client_replied',
  statusChanged: 'support.status_changed',
  assigned: 'support.assigned',
} as const

const link = (ctx: Ctx, r: Pick<RequestView, 'id'>) =>
  `${ctx.services.config.baseUrl.replace(/\/$/, '')}/support/${encodeURIComponent(r.id)}`

/** The company side of a request: its assignee, or every active head while nobody has it. */
async function staffSide(tx: Ctx, r: Pick<RequestView, 'assigneeId'>): Promise<string[]> {
  if (r.assigneeId) return [r.assigneeId]
  const heads = await tx
    .unscoped('the heads receive unassigned requests whatever the actor’s scope')
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'head')
    .where('status', '=', 'active')
    .execute()
  return heads.map((h) => h.id)
}

/** The client side: the client user who opened the request (staff who opened it for a client get nothing). */
async function clientSide(tx: Ctx, r: Pick<RequestView, 'createdBy'>): Promise<string[]> {
  const creator = await tx
    .unscoped('the request’s author may be outside the actor’s scope')
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', '=', r.createdBy)
    .executeTakeFirst()
  return creator?.role === 'client' ? [creator.id] : []
}

const others = (tx: Ctx, ids: string[]) => ids.filter((id) => id !== tx.actor?.id)

/** A new request: to the assignee (or the heads). */
export async function notifyCreated(tx: Ctx, r: RequestView, body: string) {
  await notifyUsers(tx, {
    event: EVENTS.created,
    userIds: others(tx, await staffSide(tx, r)),
    message: (t) => ({
      subject: t('support.mail.created_subject', { number: r.number, subject: r.subject }),
      text: `${t('support.mail.created_text', { number: r.number, client: r.clientName, subject: r.subject })}\n\n${plainExcerpt(body)}\n\n${link(tx, r)}\n`,
    }),
  })
}

/**
 * A public reply, to the other side. Internal notes never come here: the caller sends only public
 * messages, and the text is the reply itself.
 */
export async function notifyReply(tx: Ctx, r: RequestView, body: string, fromClient: boolean, author: string) {
  await notifyUsers(tx, {
    event: fromClient ? EVENTS.clientReplied : EVENTS.staffReplied,
    userIds: others(tx, fromClient ? await staffSide(tx, r) : await clientSide(tx, r)),
    message: (t) => ({
      subject: t('support.mail.reply_subject', { number: r.number, subject: r.subject }),
      text: `${t('support.mail.reply_text', { number: r.number, author })}\n\n${plainExcerpt(body)}\n\n${link(tx, r)}\n`,
    }),
  })
}

const statusText = (t: Translate, r: RequestView, from: string, to: string) =>
  t('support.mail.status_text', {
    number: r.number,
    subject: r.subject,
    from: t(`support.status.${from}`),
    to: t(`support.status.${to}`),
  })

/** A status change, to the side that did not make it. */
export async function notifyStatus(tx: Ctx, r: RequestView, from: string, to: string, byClient: boolean) {
  await notifyUsers(tx, {
    event: EVENTS.statusChanged,
    userIds: others(tx, byClient ? await staffSide(tx, r) : await clientSide(tx, r)),
    message: (t) => ({
      subject: t('support.mail.status_subject', { number: r.number, status: t(`support.status.${to}`) }),
      text: `${statusText(t, r, from, to)}\n\n${link(tx, r)}\n`,
    }),
  })
}

/** A request handed to someone: to that person. */
export async function notifyAssigned(tx: Ctx, r: RequestView, assigneeId: string) {
  await notifyUsers(tx, {
    event: EVENTS.assigned,
    userIds: others(tx, [assigneeId]),
    message: (t) => ({
      subject: t('support.mail.assigned_subject', { number: r.number, subject: r.subject }),
      text: `${t('support.mail.assigned_text', { number: r.number, client: r.clientName, subject: r.subject })}\n\n${link(tx, r)}\n`,
    }),
  })
}
