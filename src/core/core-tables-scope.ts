import type { TableScope } from './permissions/scope.js'

/** How core's own tables are scoped; modules declare theirs in their manifests. */
export const CORE_TABLE_SCOPES: Record<string, TableScope> = {
  clients: 'tenant',
  users: 'client-or-staff',
  audit_log: 'client-or-staff',
  sessions: 'staff',
  one_time_tokens: 'staff',
  api_tokens: 'staff',
  outbox: 'staff',
  job_locks: 'staff',
  notification_preferences: 'staff',
  number_sequences: 'staff',
  stored_files: 'staff',
  settings: 'global',
}
