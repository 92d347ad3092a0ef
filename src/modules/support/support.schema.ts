import type { Insertable, Selectable } from 'kysely'
import type { LinkKind, Priority, RequestStatus } from './support.constants.js'

export interface SupportRequestTable {
  id: string
  client_id: string
  /** Human number from the `request` sequence, e.g. `REQ-2026-000123`. */
  number: string
  category_id: string | null
  priority: Priority
  subject: string
  status: RequestStatus
  /** The user who opened it (a client user, or staff on the client's behalf). */
  created_by: string
  assignee_id: string | null
  linked_kind: LinkKind | null
  linked_id: string | null
  /** Targets copied at creation, so a later settings change never moves existing due times. */
  first_response_target_minutes: number
  resolution_target_minutes: number
  first_response_due_at: string
  resolution_due_at: string
  first_responded_at: string | null
  /** SLA minutes (calendar of the settings, pauses left out) from creation to the first staff reply. */
  first_response_minutes: number | null
  resolved_at: string | null
  /** SLA minutes from creation to the (last) resolution, pauses left out. */
  resolution_minutes: number | null
  closed_at: string | null
  /** SLA minutes spent paused (waiting for the client, or resolved before a reopen). */
  sla_paused_minutes: number
  /** Set while the clock is paused. */
  paused_since: string | null
  last_message_at: string
  rating: number | null
  rating_comment: string | null
  rated_at: string | null
  version: number
  created_at: string
  updated_at: string
}

export interface SupportMessageTable {
  id: string
  client_id: string
  request_id: string
  author_id: string
  body_markdown: string
  /** The sanitised rendering of body_markdown (see markdown.ts): trusted output, inserted as is. */
  body_html: string
  /** Staff-only note: never shown to client users, never sent or exported to them. */
  is_internal: 0 | 1
  created_at: string
}

export interface SupportAttachmentTable {
  id: string
  client_id: string
  request_id: string
  message_id: string
  sha256: string
  filename: string
  mime: string
  size: number
  created_at: string
}

export interface SupportStatusChangeTable {
  id: string
  client_id: string
  request_id: string
  /** Null on the row that records the creation. */
  from_status: RequestStatus | null
  to_status: RequestStatus
  changed_by: string
  changed_at: string
}

export interface SupportCategoryTable {
  id: string
  /** The name in the company's default language; `names_json` holds `{ en?, hu?, ru? }` translations. */
  name: string
  names_json: string
  position: number
  is_active: 0 | 1
  created_at: string
  updated_at: string
}

/** A category's own SLA target for one priority; without a row the settings' default applies. */
export interface SupportSlaTargetTable {
  category_id: string
  priority: Priority
  first_response_minutes: number
  resolution_minutes: number
}

declare module '../../core/db/database.js' {
  interface Database {
    support_requests: SupportRequestTable
    support_messages: SupportMessageTable
    support_attachments: SupportAttachmentTable
    support_status_changes: SupportStatusChangeTable
    support_categories: SupportCategoryTable
    support_sla_targets: SupportSlaTargetTable
  }
}

export type SupportRequestRow = Selectable<SupportRequestTable>
export type NewSupportRequest = Insertable<SupportRequestTable>
export type SupportMessageRow = Selectable<SupportMessageTable>
export type SupportAttachmentRow = Selectable<SupportAttachmentTable>
export type SupportCategoryRow = Selectable<SupportCategoryTable>
