import type { Ctx } from '../../core/ctx.js'
import { isId, newId, nowIso } from '../../core/db/ids.js'
import { ForbiddenError, NotFoundError, RuleError, UnauthenticatedError, ValidationError } from '../../core/errors.js'
import { fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import { dateInZone } from '../../core/i18n/format.js'
import { type CheckedContact, checkContactInput } from './contacts.check.js'
import {
  applyContactFilters,
  CONTACT_SORTS,
  contactPersonsOfClient,
  contactRows,
  deleteContactRow,
  findContact,
  findVisibleClient,
  insertContactRow,
  openNextStepRows,
  personIdsOfClient,
  personsOf,
  replaceContactPersons,
  staffRows,
  updateContactRow,
  visibleClients,
} from './contacts.queries.js'
import type { ContactFilters, ContactFormOptions, ContactInput, ContactLogRow, ContactView } from './contacts.schema.js'

export const READ = 'contacts.read'
export const MANAGE = 'contacts.manage'

/** The company's time zone: forms take wall-clock time in it, "overdue" is decided in it. */
export const companyTimeZone = async (ctx: Ctx): Promise<string> =>
  (await ctx.services.settings.get('company')).timeZone

function actorOf(ctx: Ctx) {
  if (!ctx.actor) throw new UnauthenticatedError()
  return ctx.actor
}

/** Reads one entry; outside the caller's scope (or for client users) it does not exist. */
export async function getContact(ctx: Ctx, id: string): Promise<ContactView> {
  ctx.require(READ)
  const row = await findContact(ctx, id)
  if (!row) throw new NotFoundError('contact')
  const persons = await personsOf(ctx, [row.id])
  return { ...row, persons: persons.get(row.id) ?? [] }
}

/** A page of entries the caller may see, filtered and sorted as asked. */
export async function listContacts(ctx: Ctx, lq: ListQuery, filters: ContactFilters): Promise<Page<ContactView>> {
  ctx.require(READ)
  const tz = await companyTimeZone(ctx)
  const page = await fetchPage(applyContactFilters(contactRows(ctx), filters, tz), lq, CONTACT_SORTS, 'contact_log.id')
  const persons = await personsOf(
    ctx,
    page.rows.map((r) => r.id),
  )
  return {
    ...page,
    rows: page.rows.map((r) => ({
      ...r,
      created_by_name: null,
      done_by_name: null,
      persons: persons.get(r.id) ?? [],
    })),
  }
}

/**
 * The rules every recorded or changed entry keeps: the client is one the caller sees, the contact
 * persons belong to that client, and only the head names another employee than itself.
 */
async function checkAgainstData(ctx: Ctx, c: CheckedContact, existing?: ContactView): Promise<string> {
  const actor = actorOf(ctx)
  if (!existing || existing.client_id !== c.clientId) {
    if (!(await findVisibleClient(ctx, c.clientId))) throw new NotFoundError('client')
  }
  // Persons already on the entry stay (even archived ones); new ones must be current persons of the client.
  const linked = new Set(existing?.client_id === c.clientId ? existing.persons.map((p) => p.id) : [])
  const found = await personIdsOfClient(
    ctx,
    c.clientId,
    c.contactPersonIds.filter((id) => !linked.has(id)),
  )
  if (c.contactPersonIds.some((id) => !linked.has(id) && found.get(id) !== false)) {
    throw new ValidationError({
      contact_person_ids: 'contacts.error.person_other_client',
    })
  }
  const employeeId = c.employeeId ?? existing?.employee_id ?? actor.id
  if (employeeId === existing?.employee_id) return employeeId
  if (actor.role !== 'head' && employeeId !== actor.id) {
    throw new ValidationError({
      employee_id: 'contacts.error.employee_not_allowed',
    })
  }
  const staff = await staffRows(ctx, { includeDisabled: false, id: employeeId })
  if (staff.length === 0) {
    throw new ValidationError({ employee_id: 'contacts.error.employee_unknown' })
  }
  return employeeId
}

const auditView = (row: ContactLogRow, personIds: string[]) => ({ ...row, contact_person_ids: personIds })

/** Records a contact with a client (contacts.manage); audited. */
export async function recordContact(ctx: Ctx, input: ContactInput): Promise<{ id: string }> {
  ctx.require(MANAGE)
  const actor = actorOf(ctx)
  const c = checkContactInput(input, new Date())
  const employeeId = await checkAgainstData(ctx, c)
  const now = nowIso()
  const row: ContactLogRow = {
    id: newId(),
    client_id: c.clientId,
    employee_id: employeeId,
    channel: c.channel,
    direction: c.direction,
    occurred_at: c.occurredAt,
    duration_minutes: c.durationMinutes,
    summary: c.summary,
    outcome: c.outcome,
    next_step: c.nextStep,
    next_step_due: c.nextStepDue,
    next_step_done_at: null,
    next_step_done_by: null,
    created_at: now,
    updated_at: now,
    created_by: actor.id,
  }
  await ctx.transaction(async (tx) => {
    await insertContactRow(tx, row)
    await replaceContactPersons(tx, row, c.contactPersonIds)
    await tx.audit('contact.recorded', {
      entity: 'contact_log',
      entityId: row.id,
      clientId: row.client_id,
      after: auditView(row, c.contactPersonIds),
    })
  })
  return { id: row.id }
}

/** Changes an entry (contacts.manage, in scope); a changed next step is open again; audited. */
export async function updateContact(ctx: Ctx, id: string, input: ContactInput): Promise<void> {
  const before = await getContact(ctx, id)
  ctx.require(MANAGE)
  const c = checkContactInput(input, new Date())
  const employeeId = await checkAgainstData(ctx, c, before)
  const stepChanged = c.nextStep !== before.next_step || c.nextStepDue !== before.next_step_due
  const patch = {
    client_id: c.clientId,
    employee_id: employeeId,
    channel: c.channel,
    direction: c.direction,
    occurred_at: c.occurredAt,
    duration_minutes: c.durationMinutes,
    summary: c.summary,
    outcome: c.outcome,
    next_step: c.nextStep,
    next_step_due: c.nextStepDue,
    ...(stepChanged || !c.nextStep ? { next_step_done_at: null, next_step_done_by: null } : {}),
    updated_at: nowIso(),
  }
  const { persons, client_name, employee_name, created_by_name, done_by_name, ...beforeRow } = before
  await ctx.transaction(async (tx) => {
    await updateContactRow(tx, id, patch)
    await replaceContactPersons(tx, { id, client_id: c.clientId }, c.contactPersonIds)
    await tx.audit('contact.updated', {
      entity: 'contact_log',
      entityId: id,
      clientId: c.clientId,
      before: auditView(
        beforeRow,
        persons.map((p) => p.id),
      ),
      after: auditView({ ...beforeRow, ...patch }, c.contactPersonIds),
    })
  })
}

/** Whether the caller may delete the entry: only its author or the head. */
export const canDeleteContact = (ctx: Ctx, entry: Pick<ContactLogRow, 'created_by'>): boolean =>
  ctx.can(MANAGE) && (ctx.actor?.role === 'head' || ctx.actor?.id === entry.created_by)

/** Deletes an entry: only its author or the head may; audited with what was deleted. */
export async function deleteContact(ctx: Ctx, id: string): Promise<ContactView> {
  const entry = await getContact(ctx, id)
  if (!canDeleteContact(ctx, entry)) throw new ForbiddenError(MANAGE)
  const { persons, client_name, employee_name, created_by_name, done_by_name, ...row } = entry
  await ctx.transaction(async (tx) => {
    await deleteContactRow(tx, id)
    await tx.audit('contact.deleted', {
      entity: 'contact_log',
      entityId: id,
      clientId: entry.client_id,
      before: auditView(
        row,
        persons.map((p) => p.id),
      ),
    })
  })
  return entry
}

/** Marks an entry's next step done (once; asking again changes nothing); audited. */
export async function markNextStepDone(ctx: Ctx, id: string): Promise<ContactView> {
  const entry = await getContact(ctx, id)
  ctx.require(MANAGE)
  const actor = actorOf(ctx)
  if (!entry.next_step) throw new RuleError('contacts.no_next_step', 'contacts.error.no_next_step')
  if (entry.next_step_done_at) return entry
  const doneAt = nowIso()
  await ctx.transaction(async (tx) => {
    await updateContactRow(tx, id, { next_step_done_at: doneAt, next_step_done_by: actor.id, updated_at: doneAt })
    await tx.audit('contact.next_step_done', {
      entity: 'contact_log',
      entityId: id,
      clientId: entry.client_id,
      before: { next_step: entry.next_step, next_step_due: entry.next_step_due, next_step_done_at: null },
      after: { next_step_done_at: doneAt, next_step_done_by: actor.id },
    })
  })
  return { ...entry, next_step_done_at: doneAt, next_step_done_by: actor.id, done_by_name: actor.name }
}

/** The signed-in employee's open next steps, soonest due first. */
export async function myOpenNextSteps(ctx: Ctx, limit: number) {
  ctx.require(READ)
  return openNextStepRows(ctx, actorOf(ctx).id, limit)
}

/** Today's date in the company's time zone: what "overdue" is measured against. */
export const companyToday = async (ctx: Ctx): Promise<string> => dateInZone(new Date(), await companyTimeZone(ctx))

/** The client a per-client list is about; a client outside the scope does not exist. */
export async function clientForList(ctx: Ctx, clientId: string): Promise<{ id: string; name: string }> {
  ctx.require(READ)
  const client = await findVisibleClient(ctx, clientId)
  if (!client) throw new NotFoundError('client')
  return { id: client.id, name: client.name }
}

/** What the list's filters offer: the clients and the staff the caller sees. */
export async function contactListOptions(ctx: Ctx) {
  ctx.require(READ)
  const [clients, employees] = await Promise.all([
    visibleClients(ctx, { includeArchived: true }),
    staffRows(ctx, { includeDisabled: true }),
  ])
  return { clients, employees }
}

/**
 * What the contact form offers: the clients the caller sees (plus `keep`, the entry's own), the
 * chosen client's contact persons, and the staff to pick from when the caller is the head.
 */
export async function contactFormOptions(
  ctx: Ctx,
  clientId: string,
  keep?: { client?: { id: string; name: string }; employeeId?: string; personIds?: string[] },
): Promise<ContactFormOptions> {
  ctx.require(MANAGE)
  const actor = actorOf(ctx)
  const [clients, client, timeZone] = await Promise.all([
    visibleClients(ctx, { includeArchived: false }),
    clientId && isId(clientId) ? findVisibleClient(ctx, clientId) : undefined,
    companyTimeZone(ctx),
  ])
  const list = clients.map((c) => ({ id: c.id, name: c.name }))
  for (const extra of [client, keep?.client]) if (extra && !list.some((c) => c.id === extra.id)) list.push(extra)
  const persons = client ? await contactPersonsOfClient(ctx, client.id, keep?.personIds) : []
  let employees: ContactFormOptions['employees'] = null
  if (actor.role === 'head') {
    const staff = await staffRows(ctx, { includeDisabled: true })
    employees = staff
      .filter((s) => s.status === 'active' || s.id === keep?.employeeId)
      .map((s) => ({ id: s.id, name: s.name }))
  }
  return {
    clients: list,
    persons: persons.map((p) => ({ id: p.id, name: p.name, position: p.position ?? null })),
    employees,
    timeZone,
  }
}
