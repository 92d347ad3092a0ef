import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'

/** 0 or 1: SQLite has no boolean type, so both dialects store flags as integers. */
export type Flag = 0 | 1

export type Role = 'client' | 'manager' | 'head' | 'admin'
export type UserStatus = 'invited' | 'active' | 'disabled'

/** Parts of the client portal a client admin can open or close for each colleague. */
export const CLIENT_AREAS = ['orders', 'finance', 'documents', 'support'] as const
export type ClientArea = (typeof CLIENT_AREAS)[number]

export const parseAreas = (value: string | null | undefined): ClientArea[] =>
  (value ?? '').split(',').filter((a): a is ClientArea => (CLIENT_AREAS as readonly string[]).includes(a))

/** The tenant: every client-owned row points here. The clients module adds the business columns. */
export interface ClientTable {
  id: string
  name: string
  manager_id: string | null
  status: string
  created_at: string
  updated_at: string
}

export interface UserTable {
  id: string
  email: string
  name: string
  role: Role
  client_id: string | null
  is_client_admin: Flag
  all_clients: Flag
  /** Comma-separated client areas (see CLIENT_AREAS); meaningful for client users only. */
  areas: ColumnType<string, string | undefined, string>
  locale: string | null
  password_hash: string | null
  status: UserStatus
  totp_secret: string | null
  totp_enabled: Flag
  failed_logins: number
  locked_until: string | null
  last_login_at: string | null
  created_at: string
  updated_at: string
}

export interface SessionTable {
  id: string
  user_id: string
  mfa_pending: Flag
  created_at: string
  expires_at: string
  last_seen_at: string
  ip: string | null
  user_agent: string | null
}

export type OneTimeTokenKind = 'setup' | 'invite' | 'reset'

export interface OneTimeTokenTable {
  id: string
  kind: OneTimeTokenKind
  user_id: string | null
  created_at: string
  expires_at: string
  used_at: string | null
}

export interface ApiTokenTable {
  id: string
  user_id: string
  name: string
  token_hash: string
  prefix: string
  created_at: string
  expires_at: string | null
  last_used_at: string | null
  revoked_at: string | null
}

export interface AuditLogTable {
  id: string
  at: string
  actor_id: string | null
  actor_label: string
  action: string
  entity: string
  entity_id: string | null
  client_id: string | null
  before_json: string | null
  after_json: string | null
  ip: string | null
  request_id: string | null
}

export interface SettingTable {
  key: string
  value_json: string
  updated_at: string
  updated_by: string | null
}

export interface StoredFileTable {
  sha256: string
  size: number
  mime: string
  created_at: string
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed'

export interface OutboxTable {
  id: string
  channel: string
  recipient: string
  user_id: string | null
  subject: string
  body_text: string
  status: OutboxStatus
  attempts: number
  next_attempt_at: string
  locked_until: string | null
  last_error: string | null
  created_at: string
  sent_at: string | null
}

export interface NotificationPreferenceTable {
  user_id: string
  event: string
  channel: string
  enabled: Flag
  updated_at: string
}

export interface NumberSequenceTable {
  kind: string
  period: string
  last_value: number
}

export interface JobLockTable {
  name: string
  owner: string
  locked_until: string
}

export interface CoreTables {
  clients: ClientTable
  users: UserTable
  sessions: SessionTable
  one_time_tokens: OneTimeTokenTable
  api_tokens: ApiTokenTable
  audit_log: AuditLogTable
  settings: SettingTable
  stored_files: StoredFileTable
  outbox: OutboxTable
  job_locks: JobLockTable
  notification_preferences: NotificationPreferenceTable
  number_sequences: NumberSequenceTable
}

export type User = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>
export type Client = Selectable<ClientTable>
export type AuditEntry = Selectable<AuditLogTable>
