import { normaliseEmail } from '../../core/auth/login.service.js'
import type { Ctx } from '../../core/ctx.js'
import { ConflictError, ValidationError } from '../../core/errors.js'
import { createUser, getUser, setUserStatus, type UserChanges, updateUser } from '../../core/users/users.service.js'
import { checkExternalId, type UpsertResult } from './site-clients.service.js'
import { findLink, insertLink, isUniqueViolation } from './site-links.queries.js'

export interface SiteUserInput {
  email: string
  name: string
  clientExternalId: string
  locale?: string
  isClientAdmin?: boolean
  disabled?: boolean
}

export interface UserUpsertResult extends UpsertResult {
  clientId: string
  status: string
}

async function clientOf(ctx: Ctx, clientExternalId: string): Promise<string> {
  const link = await findLink(ctx, 'client', clientExternalId.trim())
  if (!link) throw new ValidationError({ clientExternalId: 'site.client_unknown' })
  return link.entity_id
}

async function createLinkedUser(ctx: Ctx, externalId: string, input: SiteUserInput, clientId: string, email: string) {
  const taken = await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  if (taken) throw new ConflictError('site.email_taken', 'site.email_taken')
  // Without a password the user is invited: the invitation e-mail leaves with this transaction.
  const { id } = await createUser(ctx, {
    email,
    name: input.name,
    role: 'client',
    clientId,
    isClientAdmin: input.isClientAdmin ?? false,
    locale: input.locale ?? null,
  })
  await insertLink(ctx, { kind: 'user', externalId, entityId: id, clientId })
  await ctx.audit('site.user_linked', {
    entity: 'site_link',
    entityId: id,
    clientId,
    after: { external_id: externalId },
  })
  if (input.disabled) await setUserStatus(ctx, id, 'disabled')
  const user = await getUser(ctx, id)
  return { id, externalId, clientId, created: true, changed: true, status: user.status }
}

async function upsertOnce(ctx: Ctx, externalId: string, input: SiteUserInput): Promise<UserUpsertResult> {
  const email = normaliseEmail(input.email)
  return ctx.transaction(async (tx) => {
    const clientId = await clientOf(tx, input.clientExternalId)
    const link = await findLink(tx, 'user', externalId)
    if (!link) return createLinkedUser(tx, externalId, input, clientId, email)
    const user = await getUser(tx, link.entity_id)
    // A client user belongs to one company; moving one would hand its history to another client.
    if (user.client_id !== clientId) throw new ConflictError('site.user_other_client', 'site.user_other_client')
    // The e-mail is the sign-in name; it changes in Kabinet, where the user confirms it, not by sync.
    if (user.email !== email) throw new ConflictError('site.email_differs', 'site.email_differs')
    const changes: UserChanges = {}
    if (input.name.trim() !== user.name) changes.name = input.name
    if (input.locale !== undefined && input.locale !== user.locale) changes.locale = input.locale
    if (input.isClientAdmin !== undefined && input.isClientAdmin !== (user.is_client_admin === 1)) {
      changes.isClientAdmin = input.isClientAdmin
    }
    let changed = false
    if (Object.keys(changes).length) {
      await updateUser(tx, user.id, changes)
      changed = true
    }
    const disabled = user.status === 'disabled'
    if (input.disabled !== undefined && input.disabled !== disabled) {
      await setUserStatus(tx, user.id, input.disabled ? 'disabled' : 'active')
      changed = true
    }
    const status = changed ? (await getUser(tx, user.id)).status : user.status
    return { id: user.id, externalId, clientId, created: false, changed, status }
  })
}

/**
 * Creates or updates the client user the website knows as `externalId`: a new one is invited by
 * e-mail; an existing one gets the name, language, client-admin flag and disabled state sent.
 * An e-mail address that belongs to a user not linked to this id is refused (409), never taken over.
 */
export async function upsertSiteUser(ctx: Ctx, externalId: string, input: SiteUserInput): Promise<UserUpsertResult> {
  ctx.require('site.sync')
  const id = checkExternalId(externalId)
  if (!input.name.trim()) throw new ValidationError({ name: 'form.required' })
  try {
    return await upsertOnce(ctx, id, input)
  } catch (err) {
    if (isUniqueViolation(err)) return upsertOnce(ctx, id, input)
    throw err
  }
}
