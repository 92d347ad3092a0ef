import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ForbiddenError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import { type ClientInput, type ClientValues, checkClientInput } from './client-input.js'
import { SUPPORT_VISIBILITIES, type SupportVisibility } from './clients.constants.js'
import {
  CLIENT_SORTS,
  type ClientListFilters,
  type ClientListRow,
  type ClientWithManager,
  clientListQuery,
  findClient,
} from './clients.queries.js'
import { refreshSearchText } from './search-text.js'

/** A client in the caller's scope (staff with clients.read), or NotFoundError. */
export async function getClient(ctx: Ctx, id: string): Promise<ClientWithManager> {
  ctx.require('clients.read')
  const client = await findClient(ctx, id)
  if (!client) throw new NotFoundError('client')
  return client
}

/** The clients the caller sees (a manager: its own; head and all-clients managers: all), filtered, sorted and paginated. */
export async function listClients(ctx: Ctx, lq: ListQuery, filters: ClientListFilters): Promise<Page<ClientListRow>> {
  ctx.require('clients.read')
  return fetchPage(clientListQuery(ctx, filters), lq, CLIENT_SORTS, 'clients.id')
}

/** The display name of a client in the caller's scope (short name if set), or NotFoundError. */
export async function getClientName(ctx: Ctx, clientId: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('clients')
    .select(['name', 'short_name'])
    .where('id', '=', clientId)
    .executeTakeFirst()
  if (!row) throw new NotFoundError('client')
  return row.short_name || row.name
}

/** Whether the client's users see only their own support requests ('mine') or their colleagues' too ('company'). */
export async function getSupportVisibility(ctx: Ctx, clientId: string): Promise<SupportVisibility> {
  const row = await ctx.db
    .selectFrom('clients')
    .select('support_visibility')
    .where('id', '=', clientId)
    .executeTakeFirst()
  if (!row) throw new NotFoundError('client')
  return row.support_visibility === 'mine' ? 'mine' : 'company'
}

/** Refuses a tax id (with its KPP) that another client already has, across all clients. */
export async function assertTaxIdFree(
  ctx: Ctx,
  values: Pick<ClientValues, 'tax_id' | 'kpp' | 'country'>,
  exceptId?: string,
) {
  if (!values.tax_id) return
  // Uniqueness spans every client, including those of other managers; only the fact leaks, no name.
  let q = ctx
    .unscoped('tax id uniqueness spans all clients')
    .selectFrom('clients')
    .select('id')
    .where('tax_id', '=', values.tax_id)
    .where('country', values.country === null ? 'is' : '=', values.country)
    .where('kpp', values.kpp === null ? 'is' : '=', values.kpp)
  if (exceptId) q = q.where('id', '!=', exceptId)
  if (await q.executeTakeFirst()) throw new ValidationError({ tax_id: 'clients.tax_id_taken' })
}

/** Refuses a manager id that is not an active account manager or head. */
export async function assertManager(ctx: Ctx, managerId: string, field = 'manager_id'): Promise<void> {
  const row = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('id', '=', managerId)
    .where('role', 'in', ['manager', 'head'])
    .where('status', '!=', 'disabled')
    .executeTakeFirst()
  if (!row) throw new ValidationError({ [field]: 'clients.manager_unknown' })
}

const columnsOf = (v: ClientValues) => ({ ...v, bank_accounts: JSON.stringify(v.bank_accounts) })

/**
 * Creates a client. Whoever may reassign clients (the head) picks its manager; any other manager
 * becomes the manager of the client it creates, so it never loses sight of it.
 */
export async function createClient(ctx: Ctx, input: ClientInput, managerId?: string | null): Promise<{ id: string }> {
  ctx.require('clients.manage')
  const values = checkClientInput(input)
  let manager: string | null
  if (ctx.can('clients.reassign')) {
    manager = managerId || null
    if (manager) await assertManager(ctx, manager)
  } else {
    if (!ctx.actor) throw new ForbiddenError('clients.manage')
    manager = ctx.actor.id
  }
  await assertTaxIdFree(ctx, values)
  return ctx.transaction(async (tx) => {
    const id = newId()
    const now = nowIso()
    await tx.db.insert('clients', { id, ...columnsOf(values), manager_id: manager, created_at: now, updated_at: now })
    await refreshSearchText(tx, id)
    await tx.audit('client.created', {
      entity: 'client',
      entityId: id,
      clientId: id,
      after: { ...values, manager_id: manager },
    })
    await tx.emit('clients.created', { clientId: id })
    return { id }
  })
}

/** The fields that differ between two versions of a client, for the audit record. */
function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {}
  const a: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(after)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(v ?? null)) {
      b[k] = before[k] ?? null
      a[k] = v
    }
  }
  return { before: b, after: a }
}

/** Updates a client's details (not its manager: that is a reassignment). */
export async function updateClient(ctx: Ctx, id: string, input: ClientInput): Promise<void> {
  ctx.require('clients.manage')
  const current = await getClient(ctx, id)
  const values = checkClientInput(input)
  await assertTaxIdFree(ctx, values, id)
  const diff = changes({ ...current, bank_accounts: JSON.parse(current.bank_accounts) }, { ...values })
  if (Object.keys(diff.after).length === 0) return
  await ctx.transaction(async (tx) => {
    await tx.db
      .updateTable('clients')
      .set({ ...columnsOf(values), updated_at: nowIso() })
      .where('id', '=', id)
      .execute()
    await refreshSearchText(tx, id)
    await tx.audit('client.updated', { entity: 'client', entityId: id, clientId: id, ...diff })
    await tx.emit('clients.updated', { clientId: id })
  })
}

/** Hands a client to another manager (head only); the change is kept in the history and audited. */
export async function reassignClient(ctx: Ctx, id: string, toManagerId: string, comment: string): Promise<void> {
  ctx.require('clients.reassign')
  const client = await getClient(ctx, id)
  if (!toManagerId) throw new ValidationError({ manager_id: 'form.required' })
  await assertManager(ctx, toManagerId)
  const note = comment.trim()
  if (note.length > 500) throw new ValidationError({ comment: 'form.too_long' })
  if (client.manager_id === toManagerId) throw new RuleError('clients.same_manager', 'clients.same_manager')
  await ctx.transaction(async (tx) => {
    const now = nowIso()
    await tx.db.updateTable('clients').set({ manager_id: toManagerId, updated_at: now }).where('id', '=', id).execute()
    await tx.db.insert('client_manager_history', {
      id: newId(),
      client_id: id,
      from_manager_id: client.manager_id,
      to_manager_id: toManagerId,
      changed_by: ctx.actor?.id ?? null,
      changed_at: now,
      comment: note || null,
    })
    await tx.audit('client.reassigned', {
      entity: 'client',
      entityId: id,
      clientId: id,
      before: { manager_id: client.manager_id },
      after: { manager_id: toManagerId, comment: note || null },
    })
    await tx.emit('clients.reassigned', { clientId: id, from: client.manager_id, to: toManagerId })
  })
}

/**
 * Sets whether the client's users see their colleagues' support requests: the client's manager
 * (clients.manage) or the client's own admin (company.manage) may.
 */
export async function setSupportVisibility(ctx: Ctx, clientId: string, value: string): Promise<void> {
  const own = ctx.actor?.role === 'client' && ctx.actor.clientId === clientId && ctx.can('company.manage')
  if (!own) ctx.require('clients.manage')
  if (!(SUPPORT_VISIBILITIES as readonly string[]).includes(value)) {
    throw new ValidationError({ support_visibility: 'form.invalid_choice' })
  }
  const before = await getSupportVisibility(ctx, clientId)
  if (before === value) return
  await ctx.transaction(async (tx) => {
    await tx.db
      .updateTable('clients')
      .set({ support_visibility: value as SupportVisibility, updated_at: nowIso() })
      .where('id', '=', clientId)
      .execute()
    await tx.audit('client.support_visibility_changed', {
      entity: 'client',
      entityId: clientId,
      clientId,
      before: { support_visibility: before },
      after: { support_visibility: value },
    })
    await tx.emit('clients.updated', { clientId })
  })
}
