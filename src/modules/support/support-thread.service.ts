import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import type { FieldErrors } from '../../core/errors.js'
import { ForbiddenError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { dateInZone } from '../../core/i18n/format.js'
import { nextNumber } from '../../core/numbering/numbering.js'
import { checkAttachmentCount, type ReceivedFile } from './attachments.service.js'
import { renderMarkdown } from './markdown.js'
import { addSlaMinutes, slaMinutesBetween } from './sla-clock.js'
import {
  BODY_MAX,
  LINK_KINDS,
  LINK_TABLES,
  type LinkKind,
  PRIORITIES,
  type Priority,
  type RequestStatus,
  SUBJECT_MAX,
} from './support.constants.js'
import {
  attachmentsOf,
  findVisibleClient,
  insertAttachments,
  insertMessage,
  insertRequest,
  insertStatusChange,
  messagesOf,
  statusChangesOf,
  updateRequestAt,
} from './support.queries.js'
import type { SupportRequestTable } from './support.schema.js'
import { CLIENT, getRequest, isClient, MANAGE, type RequestView } from './support.service.js'
import { notifyCreated, notifyReply } from './support-notify.js'
import { listCategories, slaCalendar, supportSettings, targetsFor } from './support-settings.service.js'
import { applyMove, inReopenWindow, staleRequest, transitionColumns } from './support-workflow.service.js'

export interface RequestInput {
  /** Staff only: the client the request is for (a client user's own client otherwise). */
  clientId?: string
  categoryId: string
  priority: string
  subject: string
  body: string
  linkKind?: string
  linkId?: string
}

/**
 * The id of the client's order, invoice or document that `ref` names by id or by number, or null
 * when there is none in the caller's scope. Kinds whose module is not installed keep `ref` as given.
 */
async function resolveLink(ctx: Ctx, kind: LinkKind, ref: string, clientId: string): Promise<string | null> {
  const table = LINK_TABLES[kind]
  if (!ctx.services.tables.has(table)) return ref
  // Typed as one of ours: every linkable table has `id`, `number` and `client_id`; the scope filter uses the real name.
  const row = await ctx.db
    .selectFrom(table as 'support_requests')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', ref), eb('number', '=', ref)]))
    .where('client_id', '=', clientId)
    .executeTakeFirst()
  return row?.id ?? null
}

/** The human number of a linked item, when its table exists and the caller can see it. */
export async function linkNumber(ctx: Ctx, link: { kind: LinkKind; id: string } | null): Promise<string | null> {
  if (!link || !ctx.services.tables.has(LINK_TABLES[link.kind])) return link?.id ?? null
  const row = await ctx.db
    .selectFrom(LINK_TABLES[link.kind] as 'support_requests')
    .select('number')
    .where('id', '=', link.id)
    .executeTakeFirst()
  return row?.number || link.id
}

async function checkInput(ctx: Ctx, input: RequestInput, clientId: string) {
  const errors: FieldErrors = {}
  const subject = input.subject.trim()
  const body = input.body.trim()
  if (!subject) errors.subject = 'form.required'
  else if (subject.length > SUBJECT_MAX) errors.subject = 'form.too_long'
  if (!body) errors.body = 'form.required'
  else if (body.length > BODY_MAX) errors.body = 'form.too_long'
  if (!PRIORITIES.includes(input.priority as Priority)) errors.priority = 'form.invalid_choice'
  const categories = await listCategories(ctx, { activeOnly: true })
  let categoryId: string | null = null
  if (input.categoryId) {
    if (!categories.some((c) => c.id === input.categoryId)) errors.category_id = 'form.invalid_choice'
    else categoryId = input.categoryId
  } else if (categories.length > 0) errors.category_id = 'form.required'
  let link: { kind: LinkKind; id: string } | null = null
  const linkId = (input.linkId ?? '').trim()
  if (input.linkKind || linkId) {
    if (!LINK_KINDS.includes(input.linkKind as LinkKind)) errors.link_kind = 'form.invalid_choice'
    else if (!/^[\p{L}\p{N}_/.-]{1,64}$/u.test(linkId)) errors.link_id = 'support.error.link_id'
    else {
      const id = await resolveLink(ctx, input.linkKind as LinkKind, linkId, clientId)
      if (id) link = { kind: input.linkKind as LinkKind, id }
      else errors.link_id = 'support.error.link_missing'
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return { subject, body, priority: input.priority as Priority, categoryId, link }
}

const attachmentRows = (
  files: ReceivedFile[],
  r: { clientId: string; requestId: string; messageId: string; at: string },
) =>
  files.map((f) => ({
    id: newId(),
    client_id: r.clientId,
    request_id: r.requestId,
    message_id: r.messageId,
    sha256: f.sha256,
    filename: f.filename,
    mime: f.mime,
    size: f.size,
    created_at: r.at,
  }))

/**
 * Opens a request: a client user for its own company, staff (support.manage) for a client in their
 * scope. Due times come from the category's targets on the SLA calendar; the client's manager gets it.
 */
export async function createRequest(ctx: Ctx, input: RequestInput, files: ReceivedFile[] = []): Promise<RequestView> {
  const client = isClient(ctx)
  ctx.require(client ? CLIENT : MANAGE)
  const clientId = client ? ctx.actor?.clientId : input.clientId
  if (!clientId) throw new ValidationError({ client_id: 'form.required' })
  const owner = await findVisibleClient(ctx, clientId)
  if (!owner) throw client ? new ForbiddenError(CLIENT) : new NotFoundError('client')
  checkAttachmentCount(files.length)
  const v = await checkInput(ctx, input, clientId)
  const targets = await targetsFor(ctx, v.categoryId, v.priority)
  const cal = await slaCalendar(ctx)
  const company = await ctx.services.settings.get('company')
  const now = nowIso()
  const id = newId()
  const messageId = newId()
  const authorId = ctx.actor?.id as string
  await ctx.transaction(async (tx) => {
    const number = await nextNumber(tx, 'request', dateInZone(now, company.timeZone))
    const row: SupportRequestTable = {
      id,
      client_id: clientId,
      number,
      category_id: v.categoryId,
      priority: v.priority,
      subject: v.subject,
      status: 'new',
      created_by: authorId,
      assignee_id: owner.manager_id,
      linked_kind: v.link?.kind ?? null,
      linked_id: v.link?.id ?? null,
      first_response_target_minutes: targets.firstResponseMinutes,
      resolution_target_minutes: targets.resolutionMinutes,
      first_response_due_at: addSlaMinutes(now, targets.firstResponseMinutes, cal).toISOString(),
      resolution_due_at: addSlaMinutes(now, targets.resolutionMinutes, cal).toISOString(),
      first_responded_at: null,
      first_response_minutes: null,
      resolved_at: null,
      resolution_minutes: null,
      closed_at: null,
      sla_paused_minutes: 0,
      paused_since: null,
      last_message_at: now,
      rating: null,
      rating_comment: null,
      rated_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    }
    await insertRequest(tx, row)
    await insertMessage(tx, {
      id: messageId,
      client_id: clientId,
      request_id: id,
      author_id: authorId,
      body_markdown: v.body,
      body_html: renderMarkdown(v.body),
      is_internal: 0,
      created_at: now,
    })
    await insertAttachments(tx, attachmentRows(files, { clientId, requestId: id, messageId, at: now }))
    await insertStatusChange(tx, {
      id: newId(),
      client_id: clientId,
      request_id: id,
      from_status: null,
      to_status: 'new',
      changed_by: authorId,
      changed_at: now,
    })
    const { last_message_at: _, version: __, ...audited } = row
    await tx.audit('support_request.created', {
      entity: 'support_request',
      entityId: id,
      clientId,
      after: { ...audited, attachments: files.map((f) => ({ filename: f.filename, sha256: f.sha256 })) },
    })
    const view = await getRequest(tx, id)
    await notifyCreated(tx, view, v.body)
    await tx.emit('support.request_created', { requestId: id, clientId })
  })
  return getRequest(ctx, id)
}

export interface ReplyInput {
  body: string
  /** Staff only: a note for colleagues, never shown to the client. */
  internal?: boolean
  /** Staff only: the status to move to with a public reply (waiting for the client, or resolved). */
  nextStatus?: string | null
}

/**
 * Adds a message to a request's thread. Staff may write internal notes; their first public reply
 * is the first response. A client reply to a request waiting for it resumes the clock; to a resolved
 * or closed one it reopens the request, but only within the reopen window.
 */
export async function addMessage(ctx: Ctx, id: string, input: ReplyInput, files: ReceivedFile[] = []) {
  const client = isClient(ctx)
  ctx.require(client ? CLIENT : MANAGE)
  const r = await getRequest(ctx, id)
  checkAttachmentCount(files.length)
  const body = input.body.trim()
  const internal = !client && input.internal === true
  const then = client || internal ? null : (input.nextStatus ?? null) || null
  const errors: FieldErrors = {}
  if (!body) errors.body = 'form.required'
  else if (body.length > BODY_MAX) errors.body = 'form.too_long'
  if (then !== null && then !== 'waiting' && then !== 'resolved') errors.next_status = 'form.invalid_choice'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const now = nowIso()
  const reopens = client && (r.status === 'resolved' || r.status === 'closed')
  if (reopens && !inReopenWindow(r, now, (await supportSettings(ctx)).reopenDays)) {
    throw new RuleError('support.reopen_window_passed', 'support.error.reopen_window_passed', {
      days: (await supportSettings(ctx)).reopenDays,
    })
  }
  const cal = await slaCalendar(ctx)
  const messageId = newId()
  await ctx.transaction(async (tx) => {
    await insertMessage(tx, {
      id: messageId,
      client_id: r.clientId,
      request_id: r.id,
      author_id: ctx.actor?.id as string,
      body_markdown: body,
      body_html: renderMarkdown(body),
      is_internal: internal ? 1 : 0,
      created_at: now,
    })
    await insertAttachments(tx, attachmentRows(files, { clientId: r.clientId, requestId: r.id, messageId, at: now }))
    await tx.audit(internal ? 'support_request.note_added' : 'support_request.replied', {
      entity: 'support_request',
      entityId: r.id,
      clientId: r.clientId,
      after: { message_id: messageId, internal, attachments: files.map((f) => f.filename) },
    })
    let current = r
    const set: Partial<SupportRequestTable> = { last_message_at: now, updated_at: now }
    if (!client && !internal && !r.firstRespondedAt) {
      set.first_responded_at = now
      set.first_response_minutes = Math.max(
        0,
        slaMinutesBetween(r.createdAt, r.pausedSince ?? now, cal) - r.slaPausedMinutes,
      )
    }
    // A client's answer hands the ball back to the company; staff picking up a new request open it.
    const move: RequestStatus | null =
      (client && r.status !== 'open' && r.status !== 'new') || (!client && !internal && r.status === 'new')
        ? 'open'
        : null
    if (move && move !== r.status) {
      Object.assign(set, transitionColumns(r, move, now, cal))
      await recordMove(tx, r, move, now)
      current = { ...r, status: move, pausedSince: (set.paused_since as string | null | undefined) ?? null }
    }
    if (!(await updateRequestAt(tx, r.id, r.version, set))) throw staleRequest()
    current = await getRequest(tx, r.id)
    if (!internal) await notifyReply(tx, current, body, client, ctx.actor?.name ?? '')
    if (then && then !== current.status) await applyMove(tx, current, then as RequestStatus, now, cal)
  })
  return getRequest(ctx, id)
}

/** History row and audit record of a move that a message makes (the row itself is updated by the caller). */
async function recordMove(tx: Ctx, r: RequestView, to: RequestStatus, now: string) {
  await insertStatusChange(tx, {
    id: newId(),
    client_id: r.clientId,
    request_id: r.id,
    from_status: r.status,
    to_status: to,
    changed_by: tx.actor?.id ?? 'system',
    changed_at: now,
  })
  await tx.audit('support_request.status_changed', {
    entity: 'support_request',
    entityId: r.id,
    clientId: r.clientId,
    before: { status: r.status },
    after: { status: to },
  })
}

export interface ThreadItem {
  kind: 'message' | 'status'
  id: string
  at: string
  authorName: string | null
  fromClient: boolean
  internal: boolean
  bodyMarkdown: string
  /** Sanitised HTML rendered from Markdown (see markdown.ts). */
  bodyHtml: string
  attachments: { id: string; filename: string; mime: string; size: number }[]
  from: RequestStatus | null
  to: RequestStatus | null
}

/**
 * A request's thread oldest first: messages with their attachments and status changes. Client users
 * get no internal notes (nor their attachments); that filter is applied in the query itself.
 */
export async function requestThread(ctx: Ctx, id: string): Promise<ThreadItem[]> {
  const r = await getRequest(ctx, id)
  const staff = !isClient(ctx)
  const [messages, files, changes] = await Promise.all([
    messagesOf(ctx, r.id, staff),
    attachmentsOf(ctx, r.id),
    statusChangesOf(ctx, r.id),
  ])
  const visible = new Set(messages.map((m) => m.id))
  const items: ThreadItem[] = messages.map((m) => ({
    kind: 'message',
    id: m.id,
    at: m.created_at,
    authorName: m.author_name,
    fromClient: m.author_role === 'client',
    internal: m.is_internal === 1,
    bodyMarkdown: m.body_markdown,
    bodyHtml: m.body_html,
    attachments: files
      .filter((f) => f.message_id === m.id && visible.has(f.message_id))
      .map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: Number(f.size) })),
    from: null,
    to: null,
  }))
  for (const c of changes) {
    if (c.from_status === null) continue
    items.push({
      kind: 'status',
      id: c.id,
      at: c.changed_at,
      authorName: c.changed_by === 'system' ? null : c.changed_by_name,
      fromClient: false,
      internal: false,
      bodyMarkdown: '',
      bodyHtml: '',
      attachments: [],
      from: c.from_status,
      to: c.to_status,
    })
  }
  return items.sort((a, b) => a.at.localeCompare(b.at) || (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1))
}
