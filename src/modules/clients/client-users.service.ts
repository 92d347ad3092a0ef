import type { Ctx } from '../../core/ctx.js'
import { CLIENT_AREAS, type ClientArea, parseAreas } from '../../core/db/core-tables.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { updateUser } from '../../core/users/users.service.js'
import { getClient } from './clients.service.js'

export interface ClientUserRow {
  id: string
  name: string
  email: string
  status: string
  areas: ClientArea[]
  isClientAdmin: boolean
  lastLoginAt: string | null
}

/** The users of a client (staff with clients.read, in scope), client admins first. */
export async function listClientUsers(ctx: Ctx, clientId: string): Promise<ClientUserRow[]> {
  await getClient(ctx, clientId)
  const rows = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'status', 'areas', 'is_client_admin', 'last_login_at'])
    .where('client_id', '=', clientId)
    .where('role', '=', 'client')
    .orderBy('is_client_admin', 'desc')
    .orderBy('name')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    status: r.status,
    areas: parseAreas(r.areas),
    isClientAdmin: r.is_client_admin === 1,
    lastLoginAt: r.last_login_at,
  }))
}

/**
 * The client's manager sets which portal areas a client user may use and whether it is its
 * company's client admin. The user must belong to this client; the users service audits the change.
 */
export async function setClientUserRights(
  ctx: Ctx,
  clientId: string,
  userId: string,
  rights: { areas: string[]; isClientAdmin: boolean },
): Promise<{ name: string }> {
  ctx.require('clients.manage')
  await getClient(ctx, clientId)
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', '=', userId)
    .where('client_id', '=', clientId)
    .where('role', '=', 'client')
    .executeTakeFirst()
  if (!user) throw new NotFoundError('user')
  if (rights.areas.some((a) => !(CLIENT_AREAS as readonly string[]).includes(a))) {
    throw new ValidationError({ areas: 'form.invalid_choice' })
  }
  await updateUser(ctx, userId, { areas: rights.areas as ClientArea[], isClientAdmin: rights.isClientAdmin })
  return { name: user.name }
}
