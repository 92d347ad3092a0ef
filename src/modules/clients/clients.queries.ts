import { type Expression, type SqlBool, sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import { CLIENT_STATUSES } from './clients.constants.js'

/** Filters of the client list (and its export), as they come from the query string. */
export interface ClientListFilters {
  q?: string
  /** A status; '' hides archived clients; 'any' shows every status. */
  status?: string
  group?: string
  /** A manager's id, or 'none' for unassigned clients. */
  manager?: string
}

/** The client list's query-string spec, shared by the page, the export and the API. */
export const CLIENT_LIST_SPEC = {
  sortable: ['name', 'status', 'group', 'manager', 'contacts', 'users', 'created_at'],
  defaultSort: 'name',
}

/** Sort key → column (or select alias) of the client list. */
export const CLIENT_SORTS: Record<string, string> = {
  name: 'name_sort',
  status: 'clients.status',
  group: 'group_sort',
  manager: 'manager_sort',
  contacts: 'contact_count',
  users: 'user_count',
  created_at: 'clients.created_at',
}

/** `column LIKE '%text%'` with an explicit escape character, which SQLite otherwise lacks. */
export function likeContains(column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`
}

/**
 * The client list in the caller's scope: one row per client with its manager's name and the counts
 * of its contact persons and users as correlated subqueries (no query per row).
 */
export function clientListQuery(ctx: Ctx, filters: ClientListFilters) {
  let q = ctx.db
    .selectFrom('clients')
    .leftJoin('users as m', 'm.id', 'clients.manager_id')
    .select([
      'clients.id',
      'clients.name',
      'clients.short_name',
      'clients.kind',
      'clients.country',
      'clients.tax_id',
      'clients.kpp',
      'clients.registration_number',
      'clients.legal_address',
      'clients.postal_address',
      'clients.phone',
      'clients.email',
      'clients.website',
      'clients.client_group',
      'clients.status',
      'clients.tags',
      'clients.notes',
      'clients.bank_accounts',
      'clients.manager_id',
      'clients.created_at',
      'm.name as manager_name',
      'm.email as manager_email',
    ])
    // Sort keys without NULLs: SQLite sorts them first, PostgreSQL last; '' sorts first in both.
    .select([
      sql<string>`coalesce(m.name, '')`.as('manager_sort'),
      sql<string>`coalesce(clients.client_group, '')`.as('group_sort'),
      // Rows written outside this module (before their first edit here) have no sort key yet.
      sql<string>`case when clients.sort_name = '' then lower(clients.name) else clients.sort_name end`.as('name_sort'),
    ])
    .select((eb) => [
      eb
        .selectFrom('contact_persons')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('contact_persons.client_id', '=', 'clients.id')
        .where('contact_persons.archived_at', 'is', null)
        .as('contact_count'),
      eb
        .selectFrom('users')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('users.client_id', '=', 'clients.id')
        .where('users.status', '!=', 'disabled')
        .as('user_count'),
    ])
  const text = (filters.q ?? '').trim().toLowerCase()
  if (text) {
    // search_text holds lower-cased names, tax ids and contact persons (Unicode-aware, unlike
    // SQLite's lower()); the name is searched too for rows written before it existed.
    q = q.where((eb) =>
      eb.or([likeContains('clients.search_text', text), likeContains('clients.name', filters.q?.trim() ?? '')]),
    )
  }
  const status = filters.status ?? ''
  if ((CLIENT_STATUSES as readonly string[]).includes(status)) q = q.where('clients.status', '=', status)
  else if (status !== 'any') q = q.where('clients.status', '!=', 'archived')
  if (filters.group) q = q.where('clients.client_group', '=', filters.group)
  if (filters.manager === 'none') q = q.where('clients.manager_id', 'is', null)
  else if (filters.manager) q = q.where('clients.manager_id', '=', filters.manager)
  return q
}

export type ClientListRow = Awaited<ReturnType<ReturnType<typeof clientListQuery>['execute']>>[number]

/** One client in the caller's scope with its manager's name, or undefined. */
export function findClient(ctx: Ctx, id: string) {
  return ctx.db
    .selectFrom('clients')
    .leftJoin('users as m', 'm.id', 'clients.manager_id')
    .selectAll('clients')
    .select(['m.name as manager_name', 'm.email as manager_email'])
    .where('clients.id', '=', id)
    .executeTakeFirst()
}

export type ClientWithManager = NonNullable<Awaited<ReturnType<typeof findClient>>>

/** The groups in use among the clients the caller sees, for the datalist and the filter. */
export async function listGroups(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('clients')
    .select('clients.client_group')
    .distinct()
    .where('clients.client_group', 'is not', null)
    .orderBy('clients.client_group')
    .limit(500)
    .execute()
  return rows.map((r) => r.client_group as string)
}

export interface ManagerOption {
  id: string
  name: string
  email: string
}

/** Staff who can look after clients: account managers and heads who are not disabled. */
export function listManagers(ctx: Ctx): Promise<ManagerOption[]> {
  return ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('role', 'in', ['manager', 'head'])
    .where('status', '!=', 'disabled')
    .orderBy('name')
    .execute()
}

/** Contact persons of a client (the caller's scope applies), primary first. */
export function contactPersonsOf(ctx: Ctx, clientId: string, opts: { includeArchived?: boolean } = {}) {
  let q = ctx.db.selectFrom('contact_persons').selectAll().where('client_id', '=', clientId)
  if (!opts.includeArchived) q = q.where('archived_at', 'is', null)
  return q.orderBy('is_primary', 'desc').orderBy('name').orderBy('id').execute()
}

/** The reassignment history of a client, newest first, with the managers' names. */
export function managerHistoryOf(ctx: Ctx, clientId: string) {
  return ctx.db
    .selectFrom('client_manager_history')
    .leftJoin('users as f', 'f.id', 'client_manager_history.from_manager_id')
    .leftJoin('users as t', 't.id', 'client_manager_history.to_manager_id')
    .leftJoin('users as b', 'b.id', 'client_manager_history.changed_by')
    .select([
      'client_manager_history.id',
      'client_manager_history.changed_at',
      'client_manager_history.comment',
      'f.name as from_name',
      't.name as to_name',
      'b.name as by_name',
    ])
    .where('client_manager_history.client_id', '=', clientId)
    .orderBy('client_manager_history.changed_at', 'desc')
    .orderBy('client_manager_history.id', 'desc')
    .execute()
}

export type ManagerHistoryEntry = Awaited<ReturnType<typeof managerHistoryOf>>[number]
