import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ConflictError, ValidationError } from '../../core/errors.js'
import { findLink, insertLink, isUniqueViolation } from './site-links.queries.js'

/** The statuses a client can have (DESIGN.md §2 `clients`). */
export const CLIENT_STATUSES = ['prospect', 'active', 'suspended', 'archived'] as const

export interface SiteClientInput {
  name: string
  status?: string
}

export interface UpsertResult {
  id: string
  externalId: string
  created: boolean
  changed: boolean
}

function checkClientInput(input: SiteClientInput): { name: string; status?: string } {
  const errors: Record<string, string> = {}
  const name = input.name.trim()
  if (!name) errors.name = 'form.required'
  else if (name.length > 200) errors.name = 'form.too_long'
  if (input.status !== undefined && !(CLIENT_STATUSES as readonly string[]).includes(input.status)) {
    errors.status = 'form.invalid_choice'
  }
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return { name, status: input.status }
}

export function checkExternalId(externalId: string): string {
  const id = externalId.trim()
  if (!id || id.length > 200) throw new ValidationError({ externalId: 'site.external_id_invalid' })
  return id
}

async function upsertOnce(ctx: Ctx, externalId: string, input: { name: string; status?: string }) {
  return ctx.transaction(async (tx): Promise<UpsertResult> => {
    const link = await findLink(tx, 'client', externalId)
    const now = nowIso()
    if (!link) {
      const row = {
        id: newId(),
        name: input.name,
        manager_id: null,
        status: input.status ?? 'active',
        created_at: now,
        updated_at: now,
      }
      await tx.db.insert('clients', row)
      await insertLink(tx, { kind: 'client', externalId, entityId: row.id, clientId: row.id })
      await tx.audit('client.created', {
        entity: 'client',
        entityId: row.id,
        clientId: row.id,
        after: { name: row.name, status: row.status, external_id: externalId, source: 'site' },
      })
      await tx.emit('clients.created', { clientId: row.id })
      return { id: row.id, externalId, created: true, changed: true }
    }
    const client = await tx.db
      .selectFrom('clients')
      .select(['id', 'name', 'status'])
      .where('id', '=', link.entity_id)
      .executeTakeFirst()
    if (!client) throw new ConflictError('site.link_broken', 'site.link_broken')
    const next = { name: input.name, status: input.status ?? client.status }
    if (next.name === client.name && next.status === client.status) {
      return { id: client.id, externalId, created: false, changed: false }
    }
    await tx.db
      .updateTable('clients')
      .set({ ...next, updated_at: now })
      .where('id', '=', client.id)
      .execute()
    await tx.audit('client.updated', {
      entity: 'client',
      entityId: client.id,
      clientId: client.id,
      before: { name: client.name, status: client.status },
      after: { ...next, source: 'site' },
    })
    await tx.emit('clients.updated', { clientId: client.id })
    return { id: client.id, externalId, created: false, changed: true }
  })
}

/**
 * Creates or updates the client the website knows as `externalId`. Sending the same data again
 * changes nothing and writes no audit record; fields left out keep their value.
 */
export async function upsertSiteClient(ctx: Ctx, externalId: string, raw: SiteClientInput): Promise<UpsertResult> {
  ctx.require('site.sync')
  const id = checkExternalId(externalId)
  const input = checkClientInput(raw)
  try {
    return await upsertOnce(ctx, id, input)
  } catch (err) {
    // Two requests for a new id at once: the loser's link insert fails; it is now an update.
    if (isUniqueViolation(err)) return upsertOnce(ctx, id, input)
    throw err
  }
}
