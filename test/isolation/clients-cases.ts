import { newId, nowIso } from '../../src/core/db/ids.js'
import type { IsolationCases, IsolationWorld } from './world.js'

/** A contact person of client A, straight into the database. */
async function contactOfA(w: IsolationWorld, email: string | null = null) {
  const now = nowIso()
  const id = newId()
  await w.services.db.kysely
    .insertInto('contact_persons')
    .values({
      id,
      client_id: w.a.client.id,
      name: 'Contact of A',
      position: null,
      email,
      phone: null,
      mobile: null,
      messenger: null,
      relationship_role: 'other',
      is_primary: 0,
      notes: null,
      user_id: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

const client = async (w: IsolationWorld) => ({ params: { id: w.a.client.id } })
const contact = async (w: IsolationWorld) => ({ params: { id: w.a.client.id, contactId: await contactOfA(w) } })
const contactForm = { name: 'Renamed', relationship_role: 'other' }

/** Id-taking routes of the clients module: client A's card, contact persons and users. */
export const clientsCases: IsolationCases = {
  'GET /clients/:id': client,
  'GET /clients/:id/edit': client,
  'POST /clients/:id': async (w) => ({
    params: { id: w.a.client.id },
    body: { name: 'Renamed A', kind: 'company', status: 'active', bank_rows: '0' },
  }),
  'POST /clients/:id/reassign': async (w) => ({ params: { id: w.a.client.id }, body: { manager_id: w.b.manager.id } }),
  'POST /clients/:id/support-visibility': async (w) => ({
    params: { id: w.a.client.id },
    body: { support_visibility: 'mine' },
  }),
  'POST /clients/:id/users/:userId': async (w) => ({
    params: { id: w.a.client.id, userId: w.a.user.id },
    body: { areas: 'orders' },
  }),
  'GET /clients/:id/contacts/new': client,
  'POST /clients/:id/contacts': async (w) => ({ params: { id: w.a.client.id }, body: contactForm }),
  'GET /clients/:id/contacts/:contactId/edit': contact,
  'POST /clients/:id/contacts/:contactId': async (w) => ({ ...(await contact(w)), body: contactForm }),
  'POST /clients/:id/contacts/:contactId/archive': contact,
  'POST /clients/:id/contacts/:contactId/portal-access': async (w) => ({
    params: { id: w.a.client.id, contactId: await contactOfA(w, `contact-${newId()}@a.example`) },
  }),
  'GET /api/v1/clients/:id': client,
  'PATCH /api/v1/clients/:id': async (w) => ({ params: { id: w.a.client.id }, body: { notes: 'changed' } }),
  'GET /api/v1/clients/:id/contact-persons': client,
  'POST /api/v1/clients/:id/contact-persons': async (w) => ({
    params: { id: w.a.client.id },
    body: { name: 'New person' },
  }),
  'PATCH /api/v1/clients/:id/contact-persons/:contactId': async (w) => ({
    ...(await contact(w)),
    body: { position: 'CFO' },
  }),
}
