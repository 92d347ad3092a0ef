import { normaliseEmail } from '../auth/login.service.js'
import { issueOneTimeToken } from '../auth/one-time-tokens.js'
import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js'
import { destroyUserSessions } from '../auth/sessions.js'
import type { Ctx } from '../ctx.js'
import { CLIENT_AREAS, type ClientArea, type Role, type User } from '../db/core-tables.js'
import { newId, nowIso } from '../db/ids.js'
import { ForbiddenError, NotFoundError, RuleError, ValidationError } from '../errors.js'
import { EMAIL_RE } from '../http/forms.js'
import { containsText, fetchPage, type ListQuery, type Page } from '../http/list-query.js'
import { isLocale } from '../i18n/messages.js'
import { enqueueMail } from '../notifications/outbox.js'
import { ROLES, USER_STATUSES } from './users.constants.js'

export { ROLES } from './users.constants.js'

/** Fields of a user that may leave the server. */
export const USER_FIELDS = [
  'id',
  'email',
  'name',
  'role',
  'client_id',
  'is_client_admin',
  'all_clients',
  'areas',
  'locale',
  'status',
  'totp_enabled',
  'last_login_at',
  'created_at',
] as const

export type UserView = Pick<User, (typeof USER_FIELDS)[number]>

export interface NewUserInput {
  email: string
  name: string
  role: Role
  clientId?: string | null
  isClientAdmin?: boolean
  allClients?: boolean
  /** Client users: the portal areas open to them (default: all). */
  areas?: ClientArea[]
  locale?: string | null
  /** Set a password now; without one the user is invited by e-mail. */
  password?: string | null
}

/**
 * Whether the actor may manage `role` users of `clientId`: staff with users.manage, an account
 * manager for client users (of the clients in its scope: the lookups are scoped), or a client
 * admin for its own company.
 */
function requireUserAdmin(ctx: Ctx, target: { role: Role; clientId: string | null }): void {
  if (ctx.can('users.manage')) return
  if (ctx.can('client_users.manage') && target.role === 'client' && ctx.actor?.role !== 'client') return
  if (
    ctx.can('company.users') &&
    target.role === 'client' &&
    ctx.actor?.clientId &&
    target.clientId === ctx.actor.clientId
  ) {
    return
  }
  throw new ForbiddenError('users.manage')
}

/** Checks a new user's fields (ValidationError with every problem found), without touching the database. */
export function checkNewUser(input: NewUserInput): NewUserInput {
  const errors: Record<string, string> = {}
  const email = normaliseEmail(input.email)
  if (!email) errors.email = 'form.required'
  else if (!EMAIL_RE.test(email) || email.length > 254) errors.email = 'form.email'
  const name = input.name.trim()
  if (!name) errors.name = 'form.required'
  else if (name.length > 200) errors.name = 'form.too_long'
  if (!ROLES.includes(input.role)) errors.role = 'form.invalid_choice'
  if (input.role === 'client' && !input.clientId) errors.client_id = 'users.client_required'
  if (input.role !== 'client' && input.clientId) errors.client_id = 'users.client_only_for_clients'
  if (input.locale && !isLocale(input.locale)) errors.locale = 'form.invalid_choice'
  if (input.areas?.some((a) => !CLIENT_AREAS.includes(a))) errors.areas = 'form.invalid_choice'
  if (input.password) {
    const problem = passwordProblem(input.password, email)
    if (problem) errors.password = problem
  }
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return { ...input, email, name }
}

/** Creates a user (staff with users.manage, or a client admin for its colleagues); invites by e-mail when no password is given. */
export async function createUser(ctx: Ctx, raw: NewUserInput): Promise<{ id: string }> {
  const input = checkNewUser(raw)
  requireUserAdmin(ctx, { role: input.role, clientId: input.clientId ?? null })
  return ctx.transaction(async (tx) => {
    const raw = tx.unscoped('e-mail uniqueness spans all clients')
    const taken = await raw.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst()
    if (taken) throw new ValidationError({ email: 'users.email_taken' })
    if (input.clientId) {
      const client = await tx.db.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst()
      if (!client) throw new ValidationError({ client_id: 'users.client_unknown' })
    }
    const id = newId()
    const now = nowIso()
    const row = {
      id,
      email: input.email,
      name: input.name,
      role: input.role,
      client_id: input.role === 'client' ? (input.clientId ?? null) : null,
      is_client_admin: (input.role === 'client' && input.isClientAdmin ? 1 : 0) as 0 | 1,
      all_clients: (input.role === 'manager' && input.allClients ? 1 : 0) as 0 | 1,
      areas: input.role === 'client' ? (input.areas ?? CLIENT_AREAS).join(',') : '',
      locale: input.locale || null,
      password_hash: input.password ? await hashPassword(input.password) : null,
      status: input.password ? ('active' as const) : ('invited' as const),
      totp_secret: null,
      totp_enabled: 0 as const,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    }
    await tx.db.insert('users', row)
    await tx.audit('user.created', {
      entity: 'user',
      entityId: id,
      clientId: row.client_id,
      after: { email: row.email, name: row.name, role: row.role, client_id: row.client_id, status: row.status },
    })
    if (!input.password) await sendInvite(tx, { id, email: row.email, name: row.name, locale: row.locale })
    await tx.emit('users.created', { userId: id, clientId: row.client_id })
    return { id }
  })
}

async function sendInvite(ctx: Ctx, user: { id: string; email: string; name: string; locale: string | null }) {
  const raw = ctx.unscoped('invitation token')
  const token = await issueOneTimeToken(raw, 'invite', user.id)
  const company = await ctx.services.settings.get('company')
  const t = ctx.services.catalog.translator(isLocale(user.locale) ? user.locale : company.defaultLocale)
  const link = `${ctx.services.config.baseUrl}/invite/${token}`
  await enqueueMail(raw, {
    to: user.email,
    userId: user.id,
    subject: t('mail.invite.subject', { company: company.shortName || company.legalName }),
    text: t('mail.invite.body', {
      name: user.name,
      inviter: ctx.actor?.name ?? company.legalName,
      company: company.shortName || company.legalName,
      link,
    }),
  })
}

/** Sends a fresh invitation to a user who has not accepted yet. */
export async function resendInvite(ctx: Ctx, id: string): Promise<void> {
  const user = await getUser(ctx, id)
  requireUserAdmin(ctx, { role: user.role, clientId: user.client_id })
  if (user.status !== 'invited') throw new RuleError('users.not_invited', 'users.not_invited')
  await ctx.transaction(async (tx) => {
    await sendInvite(tx, user)
    await tx.audit('user.invited', { entity: 'user', entityId: id, clientId: user.client_id })
  })
}

/** A user inside the caller's scope, or NotFoundError. */
export async function getUser(ctx: Ctx, id: string): Promise<UserView> {
  const user = await ctx.db.selectFrom('users').select(USER_FIELDS).where('id', '=', id).executeTakeFirst()
  if (!user) throw new NotFoundError('user')
  return user
}

export interface UserListFilters {
  role?: string
  status?: string
  clientId?: string
}

/** Users inside the caller's scope, filtered, sorted and paginated. */
export async function listUsers(ctx: Ctx, lq: ListQuery, filters: UserListFilters = {}): Promise<Page<UserView>> {
  let q = ctx.db.selectFrom('users').select(USER_FIELDS)
  if (lq.q) {
    const text = lq.q
    q = q.where((eb) => eb.or([containsText('users.email', text), containsText('users.name', text)]))
  }
  if (filters.role && ROLES.includes(filters.role as Role)) q = q.where('role', '=', filters.role as Role)
  if (filters.status && USER_STATUSES.includes(filters.status as User['status'])) {
    q = q.where('status', '=', filters.status as User['status'])
  }
  if (filters.clientId) q = q.where('client_id', '=', filters.clientId)
  return fetchPage(
    q,
    lq,
    {
      name: 'name',
      email: 'email',
      role: 'role',
      status: 'status',
      last_login_at: 'last_login_at',
      created_at: 'created_at',
    },
    'id',
  )
}

export interface UserChanges {
  name?: string
  role?: Role
  allClients?: boolean
  isClientAdmin?: boolean
  areas?: ClientArea[]
  locale?: string | null
}

/** Changes another user's name, role or flags; a role change ends that user's sessions. */
export async function updateUser(ctx: Ctx, id: string, changes: UserChanges): Promise<void> {
  const user = await getUser(ctx, id)
  requireUserAdmin(ctx, { role: user.role, clientId: user.client_id })
  const errors: Record<string, string> = {}
  if (changes.name !== undefined && !changes.name.trim()) errors.name = 'form.required'
  else if (changes.name !== undefined && changes.name.trim().length > 200) errors.name = 'form.too_long'
  if (changes.role !== undefined && !ROLES.includes(changes.role)) errors.role = 'form.invalid_choice'
  if (changes.role !== undefined && changes.role !== user.role) {
    if (!ctx.can('users.manage')) errors.role = 'form.invalid_choice'
    // A client user has a company; staff have none: moving between the two is a new account.
    if ((changes.role === 'client') !== (user.role === 'client')) errors.role = 'users.role_crosses_client'
    if (id === ctx.actor?.id) errors.role = 'users.cannot_change_own_role'
  }
  if (changes.locale && !isLocale(changes.locale)) errors.locale = 'form.invalid_choice'
  if (changes.areas?.some((a) => !CLIENT_AREAS.includes(a))) errors.areas = 'form.invalid_choice'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const role = changes.role ?? user.role
  const next = {
    name: changes.name?.trim() ?? user.name,
    role,
    all_clients: (role === 'manager' && (changes.allClients ?? user.all_clients === 1) ? 1 : 0) as 0 | 1,
    is_client_admin: (role === 'client' && (changes.isClientAdmin ?? user.is_client_admin === 1) ? 1 : 0) as 0 | 1,
    areas:
      role === 'client'
        ? changes.areas
          ? CLIENT_AREAS.filter((a) => changes.areas?.includes(a)).join(',')
          : user.areas
        : '',
    locale: changes.locale === undefined ? user.locale : changes.locale || null,
  }
  await ctx.transaction(async (tx) => {
    await tx.db
      .updateTable('users')
      .set({ ...next, updated_at: nowIso() })
      .where('id', '=', id)
      .execute()
    if (role !== user.role || next.all_clients !== user.all_clients || next.is_client_admin !== user.is_client_admin) {
      await destroyUserSessions(tx.unscoped('rights changed: sign out everywhere'), id)
    }
    await tx.emit('users.updated', { userId: id, clientId: user.client_id })
    await tx.audit('user.updated', {
      entity: 'user',
      entityId: id,
      clientId: user.client_id,
      before: {
        name: user.name,
        role: user.role,
        all_clients: user.all_clients,
        is_client_admin: user.is_client_admin,
        areas: user.areas,
        locale: user.locale,
      },
      after: next,
    })
  })
}

/** Disables or re-enables a user; disabling ends its sessions. Nobody disables themselves. */
export async function setUserStatus(ctx: Ctx, id: string, status: 'active' | 'disabled'): Promise<void> {
  const user = await getUser(ctx, id)
  requireUserAdmin(ctx, { role: user.role, clientId: user.client_id })
  if (id === ctx.actor?.id) throw new RuleError('users.cannot_disable_self', 'users.cannot_disable_self')
  if (status === 'active' && user.status !== 'disabled') return
  if (status === 'disabled' && user.status === 'disabled') return
  await ctx.transaction(async (tx) => {
    // An invited user who never set a password goes back to "invited", not to an account without one.
    const raw = tx.unscoped('password presence decides the restored status')
    const hasPassword = await raw.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst()
    const restored = status === 'active' && !hasPassword?.password_hash ? 'invited' : status
    await tx.db.updateTable('users').set({ status: restored, updated_at: nowIso() }).where('id', '=', id).execute()
    if (status === 'disabled') await destroyUserSessions(raw, id)
    await tx.emit('users.updated', { userId: id, clientId: user.client_id })
    await tx.audit(status === 'disabled' ? 'user.disabled' : 'user.enabled', {
      entity: 'user',
      entityId: id,
      clientId: user.client_id,
      before: { status: user.status },
      after: { status: restored },
    })
  })
}

/** Removes a user's second factor (lost phone); the user sets it up again at next sign-in if required. */
export async function resetUserTotp(ctx: Ctx, id: string): Promise<void> {
  ctx.require('users.manage')
  const user = await getUser(ctx, id)
  await ctx.transaction(async (tx) => {
    await tx.db
      .updateTable('users')
      .set({ totp_enabled: 0, totp_secret: null, updated_at: nowIso() })
      .where('id', '=', id)
      .execute()
    await destroyUserSessions(tx.unscoped('second factor reset'), id)
    await tx.audit('user.totp_reset', { entity: 'user', entityId: id, clientId: user.client_id })
  })
}

/** Changes the caller's own password after checking the current one; other sessions end. */
export async function changeOwnPassword(ctx: Ctx, current: string, next: string, sessionId?: string): Promise<void> {
  const actor = ctx.actor
  if (!actor) throw new ForbiddenError()
  const raw = ctx.unscoped('own password hash')
  const row = await raw.selectFrom('users').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow()
  if (!(await verifyPassword(row.password_hash, current))) {
    throw new ValidationError({ current_password: 'account.wrong_password' })
  }
  const problem = passwordProblem(next, actor.email)
  if (problem) throw new ValidationError({ new_password: problem })
  await ctx.transaction(async (tx) => {
    const traw = tx.unscoped('own password')
    await traw
      .updateTable('users')
      .set({ password_hash: await hashPassword(next), updated_at: nowIso() })
      .where('id', '=', actor.id)
      .execute()
    await destroyUserSessions(traw, actor.id, sessionId)
    await tx.audit('user.password_changed', { entity: 'user', entityId: actor.id, clientId: actor.clientId })
  })
}

/** Updates the caller's own name and language. */
export async function updateProfile(ctx: Ctx, input: { name: string; locale: string }): Promise<void> {
  const actor = ctx.actor
  if (!actor) throw new ForbiddenError()
  const errors: Record<string, string> = {}
  const name = input.name.trim()
  if (!name) errors.name = 'form.required'
  else if (name.length > 200) errors.name = 'form.too_long'
  if (input.locale && !isLocale(input.locale)) errors.locale = 'form.invalid_choice'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  await ctx.transaction(async (tx) => {
    await tx
      .unscoped('own profile')
      .updateTable('users')
      .set({ name, locale: input.locale || null, updated_at: nowIso() })
      .where('id', '=', actor.id)
      .execute()
    await tx.emit('users.updated', { userId: actor.id, clientId: actor.clientId })
    await tx.audit('user.profile_updated', {
      entity: 'user',
      entityId: actor.id,
      clientId: actor.clientId,
      before: { name: actor.name, locale: actor.locale },
      after: { name, locale: input.locale || null },
    })
  })
}
