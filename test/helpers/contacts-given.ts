import type { TestContext } from 'node:test'
import { toActor } from '../../src/core/auth/sessions.js'
import { Ctx } from '../../src/core/ctx.js'
import type { User } from '../../src/core/db/core-tables.js'
import { newId, nowIso } from '../../src/core/db/ids.js'
import type { Services } from '../../src/core/services.js'
import type { ContactLogRow } from '../../src/modules/contacts/index.js'
import { Agent } from './agent.js'
import { testApp } from './test-app.js'

/** A contact person of `clientId`, straight into the database. */
export async function givenContactPerson(
  services: Services,
  clientId: string,
  opts: { name?: string; position?: string | null; archived?: boolean } = {},
) {
  const now = nowIso()
  const row = {
    id: newId(),
    client_id: clientId,
    name: opts.name ?? `Person ${newId().slice(-5)}`,
    position: opts.position ?? null,
    email: null,
    phone: null,
    mobile: null,
    messenger: null,
    relationship_role: 'other' as const,
    is_primary: 0 as const,
    notes: null,
    user_id: null,
    archived_at: opts.archived ? now : null,
    created_at: now,
    updated_at: now,
  }
  await services.db.kysely.insertInto('contact_persons').values(row).execute()
  return row
}

/** A contact log entry of `clientId` had by `employeeId` (also its author unless said otherwise). */
export async function givenContact(
  services: Services,
  opts: {
    clientId: string
    employeeId: string
    createdBy?: string
    summary?: string
    channel?: ContactLogRow['channel']
    occurredAt?: string
    nextStep?: string | null
    nextStepDue?: string | null
    doneAt?: string | null
    personIds?: string[]
  },
): Promise<ContactLogRow> {
  const now = nowIso()
  const row: ContactLogRow = {
    id: newId(),
    client_id: opts.clientId,
    employee_id: opts.employeeId,
    channel: opts.channel ?? 'call',
    direction: 'outbound',
    occurred_at: opts.occurredAt ?? now,
    duration_minutes: 10,
    summary: opts.summary ?? `Talked about the offer ${newId().slice(-5)}`,
    outcome: null,
    next_step: opts.nextStep ?? null,
    next_step_due: opts.nextStepDue ?? null,
    next_step_done_at: opts.doneAt ?? null,
    next_step_done_by: opts.doneAt ? opts.employeeId : null,
    created_at: now,
    updated_at: now,
    created_by: opts.createdBy ?? opts.employeeId,
  }
  await services.db.kysely.insertInto('contact_log').values(row).execute()
  if (opts.personIds?.length) {
    await services.db.kysely
      .insertInto('contact_log_persons')
      .values(opts.personIds.map((p) => ({ contact_log_id: row.id, contact_person_id: p, client_id: opts.clientId })))
      .execute()
  }
  return row
}

/**
 * A small company for contact log tests: the head, two managers each with a client and a contact
 * person, and a client user of the first client.
 */
export async function contactsWorld(t: TestContext) {
  const w = await testApp(t)
  const { given, services } = w
  const head = await given.head({ name: 'Hedda Head' })
  const mara = await given.manager({ name: 'Mara Manager' })
  const otto = await given.manager({ name: 'Otto Other' })
  const acme = await given.client({ name: 'Acme Kft.', managerId: mara.id })
  const beta = await given.client({ name: 'Beta Zrt.', managerId: otto.id })
  const anna = await givenContactPerson(services, acme.id, { name: 'Anna Nagy', position: 'CFO' })
  const boris = await givenContactPerson(services, beta.id, { name: 'Boris Popov' })
  const acmeUser = await given.clientUser({ client: acme, isClientAdmin: true })
  const as = async (user: { id: string }) => Agent.signedIn(w.app, await given.sessionCookie(user))
  const ctxOf = (user: User) => Ctx.forActor(services, toActor(user), { locale: 'en' })
  return { ...w, head, mara, otto, acme, beta, anna, boris, acmeUser, as, ctxOf }
}
