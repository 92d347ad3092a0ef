import type { Ctx } from '../../core/ctx.js'
import type {
  NewSupportRequest,
  SupportAttachmentTable,
  SupportMessageTable,
  SupportRequestTable,
  SupportStatusChangeTable,
} from './support.schema.js'

const FIELDS = [
  'support_requests.id',
  'support_requests.client_id',
  'support_requests.number',
  'support_requests.category_id',
  'support_requests.priority',
  'support_requests.subject',
  'support_requests.status',
  'support_requests.created_by',
  'support_requests.assignee_id',
  'support_requests.linked_kind',
  'support_requests.linked_id',
  'support_requests.first_response_target_minutes',
  'support_requests.resolution_target_minutes',
  'support_requests.first_response_due_at',
  'support_requests.resolution_due_at',
  'support_requests.first_responded_at',
  'support_requests.first_response_minutes',
  'support_requests.resolved_at',
  'support_requests.resolution_minutes',
  'support_requests.closed_at',
  'support_requests.sla_paused_minutes',
  'support_requests.paused_since',
  'support_requests.last_message_at',
  'support_requests.rating',
  'support_requests.rating_comment',
  'support_requests.rated_at',
  'support_requests.version',
  'support_requests.created_at',
  'support_requests.updated_at',
] as const

/**
 * Requests in the caller's scope with the names a page shows. A client user whose company keeps
 * requests personal (`mine`) sees only the ones it opened.
 */
export function requestsQuery(ctx: Ctx, onlyCreatedBy: string | null) {
  const q = ctx.db
    .selectFrom('support_requests')
    .innerJoin('clients', 'clients.id', 'support_requests.client_id')
    .leftJoin('support_categories', 'support_categories.id', 'support_requests.category_id')
    .leftJoin('users as assignee', 'assignee.id', 'support_requests.assignee_id')
    .leftJoin('users as creator', 'creator.id', 'support_requests.created_by')
    .select([
      ...FIELDS,
      'clients.name as client_name',
      'support_categories.name as category_name',
      'support_categories.names_json as category_names_json',
      'assignee.name as assignee_name',
      'creator.name as creator_name',
    ])
  return onlyCreatedBy ? q.where('support_requests.created_by', '=', onlyCreatedBy) : q
}

export type RequestRecord = Awaited<ReturnType<ReturnType<typeof requestsQuery>['executeTakeFirstOrThrow']>>

export const insertRequest = (ctx: Ctx, row: NewSupportRequest) => ctx.db.insert('support_requests', row)
export const insertMessage = (ctx: Ctx, row: SupportMessageTable) => ctx.db.insert('support_messages', row)
export const insertAttachments = (ctx: Ctx, rows: SupportAttachmentTable[]) =>
  ctx.db.insert('support_attachments', rows)
export const insertStatusChange = (ctx: Ctx, row: SupportStatusChangeTable) =>
  ctx.db.insert('support_status_changes', row)

/** Updates a request only if it still has `version`; returns whether it did (false: someone was first). */
export async function updateRequestAt(
  ctx: Ctx,
  id: string,
  version: number,
  set: Partial<Omit<SupportRequestTable, 'id' | 'client_id' | 'version' | 'created_at' | 'created_by' | 'number'>>,
): Promise<boolean> {
  const res = await ctx.db
    .updateTable('support_requests')
    .set({ ...set, version: version + 1 })
    .where('support_requests.id', '=', id)
    .where('support_requests.version', '=', version)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** A request's messages oldest first, internal notes left out unless `withInternal`. */
export function messagesOf(ctx: Ctx, requestId: string, withInternal: boolean) {
  let q = ctx.db
    .selectFrom('support_messages')
    .leftJoin('users', 'users.id', 'support_messages.author_id')
    .select([
      'support_messages.id',
      'support_messages.author_id',
      'support_messages.body_markdown',
      'support_messages.body_html',
      'support_messages.is_internal',
      'support_messages.created_at',
      'users.name as author_name',
      'users.role as author_role',
    ])
    .where('support_messages.request_id', '=', requestId)
  if (!withInternal) q = q.where('support_messages.is_internal', '=', 0)
  return q.orderBy('support_messages.created_at').orderBy('support_messages.id').execute()
}

export const attachmentsOf = (ctx: Ctx, requestId: string) =>
  ctx.db
    .selectFrom('support_attachments')
    .select([
      'support_attachments.id',
      'support_attachments.message_id',
      'support_attachments.filename',
      'support_attachments.mime',
      'support_attachments.size',
    ])
    .where('support_attachments.request_id', '=', requestId)
    .orderBy('support_attachments.created_at')
    .orderBy('support_attachments.id')
    .execute()

export const findAttachment = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom('support_attachments')
    .innerJoin('support_messages', 'support_messages.id', 'support_attachments.message_id')
    .select([
      'support_attachments.id',
      'support_attachments.request_id',
      'support_attachments.sha256',
      'support_attachments.filename',
      'support_attachments.mime',
      'support_attachments.size',
      'support_messages.is_internal',
    ])
    .where('support_attachments.id', '=', id)
    .executeTakeFirst()

export const statusChangesOf = (ctx: Ctx, requestId: string) =>
  ctx.db
    .selectFrom('support_status_changes')
    .leftJoin('users', 'users.id', 'support_status_changes.changed_by')
    .select([
      'support_status_changes.id',
      'support_status_changes.from_status',
      'support_status_changes.to_status',
      'support_status_changes.changed_by',
      'support_status_changes.changed_at',
      'users.name as changed_by_name',
    ])
    .where('support_status_changes.request_id', '=', requestId)
    .orderBy('support_status_changes.changed_at')
    .orderBy('support_status_changes.id')
    .execute()

export const findVisibleClient = (ctx: Ctx, clientId: string) =>
  ctx.db
    .selectFrom('clients')
    .select(['clients.id', 'clients.name', 'clients.manager_id'])
    .where('clients.id', '=', clientId)
    .executeTakeFirst()

/** Clients the caller may open a request for, by name; `limit` keeps huge books out of a select. */
export const listVisibleClients = (ctx: Ctx, limit: number) =>
  ctx.db
    .selectFrom('clients')
    .select(['clients.id', 'clients.name'])
    .where('clients.status', '!=', 'archived')
    .orderBy('clients.name')
    .limit(limit)
    .execute()

/**
 * Staff who can see the client's requests and so may be assigned them: heads, managers with every
 * client, and the client's own manager.
 */
export function assignableStaff(ctx: Ctx, managerId: string | null) {
  return ctx.db
    .selectFrom('users')
    .select(['users.id', 'users.name', 'users.role'])
    .where('users.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('users.role', '=', 'head'),
        eb.and([eb('users.role', '=', 'manager'), eb('users.all_clients', '=', 1)]),
        ...(managerId ? [eb('users.id', '=', managerId)] : []),
      ]),
    )
    .orderBy('users.name')
    .execute()
}
