import { createApiToken } from '../../src/core/auth/api-tokens.js'
import { newId, nowIso } from '../../src/core/db/ids.js'
import type { IsolationCase, IsolationCases } from './world.js'

/** A's ordinary client user. */
const aUser: IsolationCase = async (w) => ({ params: { id: w.a.user.id } })
/** A's client user who has not accepted the invitation yet. */
const aInvited: IsolationCase = async (w) => ({
  params: { id: (await w.given.clientUser({ client: w.a.client, status: 'invited' })).id },
})
const aDisabled: IsolationCase = async (w) => ({
  params: { id: (await w.given.clientUser({ client: w.a.client, status: 'disabled' })).id },
})

/** An audit record about client A (a colleague of A's admin was renamed). */
const aAuditEntry: IsolationCase = async (w) => {
  const id = newId()
  await w.services.db.kysely
    .insertInto('audit_log')
    .values({
      id,
      at: nowIso(),
      actor_id: w.a.admin.id,
      actor_label: w.a.admin.email,
      action: 'user.updated',
      entity: 'user',
      entity_id: w.a.user.id,
      client_id: w.a.client.id,
      before_json: JSON.stringify({ name: 'Old' }),
      after_json: JSON.stringify({ name: 'New' }),
      ip: null,
      request_id: null,
    })
    .execute()
  return { params: { id } }
}

/** Id-taking routes of the core and how to make client A's resource for each. */
export const coreCases: IsolationCases = {
  // An API token belongs to its user alone: A's admin owns this one.
  'POST /account/tokens/:id/revoke': async (w) => ({
    params: { id: (await createApiToken(w.services.db.kysely, w.a.admin.id, 'A sync')).id },
  }),
  'GET /users/:id': aUser,
  'POST /users/:id': async (w) => ({ params: { id: w.a.user.id }, body: { name: 'Renamed' } }),
  'POST /users/:id/disable': aUser,
  'POST /users/:id/enable': aDisabled,
  'POST /users/:id/reset-2fa': async (w) => ({
    params: { id: (await w.given.clientUser({ client: w.a.client, totpSecret: 'JBSWY3DPEHPK3PXP' })).id },
  }),
  'POST /users/:id/resend-invite': aInvited,
  'GET /company/users/:id': aUser,
  'POST /company/users/:id': async (w) => ({
    params: { id: w.a.user.id },
    body: { areas_present: '1', areas: 'orders' },
  }),
  'POST /company/users/:id/disable': aUser,
  'POST /company/users/:id/enable': aDisabled,
  'POST /company/users/:id/resend-invite': aInvited,
  'GET /api/v1/users/:id': aUser,
  'PATCH /api/v1/users/:id': async (w) => ({ params: { id: w.a.user.id }, body: { name: 'Renamed' } }),
  'POST /api/v1/users/:id/disable': aUser,
  'POST /api/v1/users/:id/enable': aDisabled,
  'GET /audit/:id': aAuditEntry,
  'GET /api/v1/audit/:id': aAuditEntry,
}
