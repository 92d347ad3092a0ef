import { newId, nowIso } from '../../src/core/db/ids.js'
import type { IsolationCases, IsolationWorld } from './world.js'

/** Client A as the website knows it: external ids count as ids, so B's people must not reach them. */
async function linkClientA(w: IsolationWorld): Promise<string> {
  const externalId = `web-a-${newId().slice(-8)}`
  const now = nowIso()
  await w.services.db.kysely
    .insertInto('site_links')
    .values({
      kind: 'client',
      external_id: externalId,
      entity_id: w.a.client.id,
      client_id: w.a.client.id,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return externalId
}

/** Id-taking routes of the site module (all need site.sync or site.manage, which only admin and head hold). */
export const siteCases: IsolationCases = {
  'PUT /api/v1/site/clients/:externalId': async (w) => ({
    params: { externalId: await linkClientA(w) },
    body: { name: 'Client A' },
  }),
  'PUT /api/v1/site/users/:externalId': async (w) => ({
    params: { externalId: `web-u-${newId().slice(-8)}` },
    body: { email: `site-${newId().slice(-8)}@a.example`, name: 'User of A', clientExternalId: await linkClientA(w) },
  }),
  'POST /site/deliveries/:id/retry': async (w) => {
    const id = newId()
    const now = nowIso()
    await w.services.db.kysely
      .insertInto('site_webhook_deliveries')
      .values({
        id,
        event: 'clients.updated',
        payload_json: JSON.stringify({
          id: newId(),
          event: 'clients.updated',
          occurredAt: now,
          data: { id: w.a.client.id },
        }),
        url: 'http://127.0.0.1:9/unreachable',
        status: 'failed',
        attempts: 8,
        next_attempt_at: now,
        last_status_code: null,
        last_error: 'HTTP 500',
        created_at: now,
        delivered_at: null,
      })
      .execute()
    return { params: { id } }
  },
}
