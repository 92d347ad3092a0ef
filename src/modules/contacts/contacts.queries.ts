import type { Ctx } from '../../core/ctx.js'
import type { ListSpec } from '../../core/http/list-query.js'
import type {
  ContactFilters,
  ContactLogRow,
  ContactLogTable,
  ContactView,
  NewContactLogRow,
} from './contacts.schema.js'
import { localToUtc, nextDay } from './zoned-time.js'

/** Sort keys of the contact lists → the column each sorts by. */
export const CONTACT_SORTS: Record<string, string> = {
  occurred_at: 'contact_log.occurred_at',
  client: 'clients.name',
  employee: 'employee.name',
  channel: 'contact_log.channel',
  next_step_due: 'contact_log.next_step_due',
}

/** The contact lists: newest first unless asked otherwise. */
export const CONTACT_LIST_SPEC: ListSpec = {
  sortable: Object.keys(CONTACT_SORTS),
  defaultSort: 'occurred_at',
  defaultDir: 'desc',
}

/** Entries with their client's and employee's names, inside the caller's scope. */
export const contactRows = (ctx: Ctx) =>
  ctx.db
    .selectFrom('contact_log')
    .innerJoin('clients', 'clients.id', 'contact_log.client_id')
    .innerJoin('users as employee', 'employee.id', 'contact_log.employee_id')
    .selectAll('contact_log')
    .select(['clients.name as client_name', 'employee.name as employee_name'])

export type ContactRowsQuery = ReturnType<typeof contactRows>

/** Narrows a contact query by the list filters; dates are company-local days, stored times UTC. */
export function applyContactFilters(qb: ContactRowsQuery, f: ContactFilters, timeZone: string): ContactRowsQuery {
  let q = qb
  if (f.employeeId) q = q.where('contact_log.employee_id', '=', f.employeeId)
  if (f.clientId) q = q.where('contact_log.client_id', '=', f.clientId)
  if (f.channel) q = q.where('contact_log.channel', '=', f.channel)
  const from = f.from ? localToUtc(`${f.from}T00:00`, timeZone) : null
  if (from) q = q.where('contact_log.occurred_at', '>=', from)
  const until = f.to ? localToUtc(`${nextDay(f.to)}T00:00`, timeZone) : null
  if (until) q = q.where('contact_log.occurred_at', '<', until)
  if (f.openOnly)
    q = q.where('contact_log.next_step', 'is not', null).where('contact_log.next_step_done_at', 'is', null)
  return q
}

/** One entry with everybody's names, or undefined when it is missing or outside the scope. */
export async function findContact(ctx: Ctx, id: string): Promise<Omit<ContactView, 'persons'> | undefined> {
  return contactRows(ctx)
    .leftJoin('users as creator', 'creator.id', 'contact_log.created_by')
    .leftJoin('users as doner', 'doner.id', 'contact_log.next_step_done_by')
    .select(['creator.name as created_by_name', 'doner.name as done_by_name'])
    .where('contact_log.id', '=', id)
    .executeTakeFirst()
}

/** The contact persons linked to each of `ids`. */
export async function personsOf(ctx: Ctx, ids: string[]): Promise<Map<string, ContactView['persons']>> {
  const out = new Map<string, ContactView['persons']>()
  if (ids.length === 0) return out
  const rows = await ctx.db
    .selectFrom('contact_log_persons')
    .innerJoin('contact_persons', 'contact_persons.id', 'contact_log_persons.contact_person_id')
    .select([
      'contact_log_persons.contact_log_id as log_id',
      'contact_persons.id',
      'contact_persons.name',
      'contact_persons.position',
    ])
    .where('contact_log_persons.contact_log_id', 'in', ids)
    .orderBy('contact_persons.name')
    .execute()
  for (const r of rows) {
    const list = out.get(r.log_id) ?? []
    list.push({ id: r.id, name: r.name, position: r.position ?? null })
    out.set(r.log_id, list)
  }
  return out
}

export const insertContactRow = (ctx: Ctx, row: NewContactLogRow) => ctx.db.insert('contact_log', row)

export async function updateContactRow(ctx: Ctx, id: string, patch: Partial<ContactLogTable>): Promise<void> {
  await ctx.db.updateTable('contact_log').set(patch).where('id', '=', id).execute()
}

/** Makes the entry's contact persons exactly `personIds`. */
export async function replaceContactPersons(
  ctx: Ctx,
  entry: Pick<ContactLogRow, 'id' | 'client_id'>,
  personIds: string[],
) {
  await ctx.db.deleteFrom('contact_log_persons').where('contact_log_id', '=', entry.id).execute()
  await ctx.db.insert(
    'contact_log_persons',
    personIds.map((pid) => ({ contact_log_id: entry.id, contact_person_id: pid, client_id: entry.client_id })),
  )
}

export async function deleteContactRow(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.deleteFrom('contact_log_persons').where('contact_log_id', '=', id).execute()
  await ctx.db.deleteFrom('contact_log').where('id', '=', id).execute()
}

/** Open next steps of one employee, soonest due first (undated ones last). */
export const openNextStepRows = (ctx: Ctx, employeeId: string, limit: number) =>
  contactRows(ctx)
    .where('contact_log.employee_id', '=', employeeId)
    .where('contact_log.next_step', 'is not', null)
    .where('contact_log.next_step_done_at', 'is', null)
    .orderBy((eb) => eb.case().when('contact_log.next_step_due', 'is', null).then(1).else(0).end())
    .orderBy('contact_log.next_step_due')
    .orderBy('contact_log.occurred_at')
    .limit(limit)
    .execute()

/** A client's entries, newest first, for its timeline. */
export const clientTimelineRows = (ctx: Ctx, clientId: string, before: string | undefined, limit: number) => {
  let q: ContactRowsQuery = contactRows(ctx).where('contact_log.client_id', '=', clientId)
  if (before) q = q.where('contact_log.occurred_at', '<', before)
  return q.orderBy('contact_log.occurred_at', 'desc').orderBy('contact_log.id', 'desc').limit(limit).execute()
}

/** A client the caller may see, or undefined. */
export const findVisibleClient = (ctx: Ctx, clientId: string) =>
  ctx.db.selectFrom('clients').select(['id', 'name', 'status']).where('id', '=', clientId).executeTakeFirst()

/** Clients the caller may see, by name (archived ones only when asked). */
export const visibleClients = (ctx: Ctx, opts: { includeArchived: boolean }) => {
  let q = ctx.db.selectFrom('clients').select(['id', 'name', 'status'])
  if (!opts.includeArchived) q = q.where('status', '!=', 'archived')
  return q.orderBy('name').orderBy('id').execute()
}

/** Current contact persons of one client, primary first; archived ones only when in `keep`. */
export const contactPersonsOfClient = (ctx: Ctx, clientId: string, keep: string[] = []) =>
  ctx.db
    .selectFrom('contact_persons')
    .select(['id', 'name', 'position', 'is_primary'])
    .where('client_id', '=', clientId)
    .where((eb) =>
      keep.length ? eb.or([eb('archived_at', 'is', null), eb('id', 'in', keep)]) : eb('archived_at', 'is', null),
    )
    .orderBy('is_primary', 'desc')
    .orderBy('name')
    .execute()

/** Which of `ids` are contact persons of `clientId`, and whether each is archived. */
export async function personIdsOfClient(ctx: Ctx, clientId: string, ids: string[]): Promise<Map<string, boolean>> {
  if (ids.length === 0) return new Map()
  const rows = await ctx.db
    .selectFrom('contact_persons')
    .select(['id', 'archived_at'])
    .where('client_id', '=', clientId)
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, r.archived_at !== null]))
}

/** Staff who can have contacts: account managers and the head (disabled ones only when asked). */
export const staffRows = (ctx: Ctx, opts: { includeDisabled: boolean; id?: string }) => {
  let q = ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'status', 'role'])
    .where('role', 'in', ['manager', 'head'])
    .where('client_id', 'is', null)
  if (!opts.includeDisabled) q = q.where('status', '=', 'active')
  if (opts.id) q = q.where('id', '=', opts.id)
  return q.orderBy('name').orderBy('id').execute()
}
