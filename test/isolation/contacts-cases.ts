import { givenContact } from '../helpers/contacts-given.js'
import type { IsolationCases, IsolationWorld } from './world.js'

/** Client A's contact log entry, had by A's manager, with an open next step. */
const entryOfA = async (w: IsolationWorld) => {
  const e = await givenContact(w.services, {
    clientId: w.a.client.id,
    employeeId: w.a.manager.id,
    nextStep: 'Send the offer',
    nextStepDue: '2026-12-01',
  })
  return { params: { id: e.id } }
}

const formBody = (w: IsolationWorld) => ({
  client_id: w.a.client.id,
  channel: 'call',
  direction: 'outbound',
  occurred_at: '2026-01-10T10:00',
  summary: 'Changed by the isolation test',
})

/** Every id-taking route of the contact log: client B's people and B's manager get 404 (or 403). */
export const contactsCases: IsolationCases = {
  'GET /contacts/:id': entryOfA,
  'GET /contacts/:id/edit': entryOfA,
  'POST /contacts/:id/edit': async (w) => ({ ...(await entryOfA(w)), body: formBody(w) }),
  'POST /contacts/:id/delete': entryOfA,
  'POST /contacts/:id/done': entryOfA,
  'GET /api/v1/contacts/:id': entryOfA,
  'PATCH /api/v1/contacts/:id': async (w) => ({
    ...(await entryOfA(w)),
    body: { summary: 'Changed by the isolation test' },
  }),
  'POST /api/v1/contacts/:id/done': entryOfA,
  'DELETE /api/v1/contacts/:id': entryOfA,
}
