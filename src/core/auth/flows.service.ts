import { Ctx } from '../ctx.js'
import { newId, nowIso } from '../db/ids.js'
import { ForbiddenError, RuleError, ValidationError } from '../errors.js'
import { EMAIL_RE } from '../http/forms.js'
import { isLocale, type Locale } from '../i18n/messages.js'
import { enqueueMail } from '../notifications/outbox.js'
import type { Services } from '../services.js'
import { normaliseEmail } from './login.service.js'
import { consumeOneTimeToken, issueOneTimeToken } from './one-time-tokens.js'
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js'
import { destroyUserSessions } from './sessions.js'
import { newTotpSecret, verifyTotp } from './totp.js'

/**
 * Sends a reset link when the address belongs to an active user. The caller shows the same answer
 * either way, so the form does not reveal who has an account.
 */
export async function requestPasswordReset(services: Services, email: string, locale: Locale): Promise<void> {
  const db = services.db.kysely
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale', 'status'])
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst()
  if (user?.status !== 'active') return
  await db.transaction().execute(async (trx) => {
    const token = await issueOneTimeToken(trx, 'reset', user.id)
    const company = await services.settings.get('company')
    const t = services.catalog.translator(isLocale(user.locale) ? user.locale : locale)
    await enqueueMail(trx, {
      to: user.email,
      userId: user.id,
      subject: t('mail.reset.subject', { company: company.shortName || company.legalName }),
      text: t('mail.reset.body', { name: user.name, link: `${services.config.baseUrl}/reset/${token}` }),
    })
  })
}

/** Sets a new password from a reset link; the link works once and every session of the user ends. */
export async function resetPassword(services: Services, token: string, password: string): Promise<void> {
  const ctx = Ctx.system(services, 'password reset')
  await ctx.transaction(async (tx) => {
    const raw = tx.unscoped('password reset by link')
    const live = await consumeOneTimeToken(raw, 'reset', token)
    if (!live?.userId) throw new RuleError('auth.link_invalid', 'auth.link_invalid')
    const user = await raw
      .selectFrom('users')
      .select(['email', 'client_id'])
      .where('id', '=', live.userId)
      .executeTakeFirstOrThrow()
    const problem = passwordProblem(password, user.email)
    if (problem) throw new ValidationError({ password: problem })
    await raw
      .updateTable('users')
      .set({ password_hash: await hashPassword(password), failed_logins: 0, locked_until: null, updated_at: nowIso() })
      .where('id', '=', live.userId)
      .execute()
    await destroyUserSessions(raw, live.userId)
    await tx.audit('user.password_reset', { entity: 'user', entityId: live.userId, clientId: user.client_id })
  })
}

/** Activates an invited user with the name and password it chose. */
export async function acceptInvite(
  services: Services,
  token: string,
  input: { name: string; password: string },
): Promise<{ userId: string }> {
  const ctx = Ctx.system(services, 'invitation accepted')
  return ctx.transaction(async (tx) => {
    const raw = tx.unscoped('invitation by link')
    const live = await consumeOneTimeToken(raw, 'invite', token)
    if (!live?.userId) throw new RuleError('auth.link_invalid', 'auth.link_invalid')
    const user = await raw
      .selectFrom('users')
      .select(['email', 'status', 'client_id'])
      .where('id', '=', live.userId)
      .executeTakeFirstOrThrow()
    if (user.status !== 'invited') throw new RuleError('auth.link_invalid', 'auth.link_invalid')
    const errors: Record<string, string> = {}
    if (!input.name.trim()) errors.name = 'form.required'
    const problem = passwordProblem(input.password, user.email)
    if (problem) errors.password = problem
    if (Object.keys(errors).length) throw new ValidationError(errors)
    await raw
      .updateTable('users')
      .set({
        name: input.name.trim(),
        password_hash: await hashPassword(input.password),
        status: 'active',
        updated_at: nowIso(),
      })
      .where('id', '=', live.userId)
      .execute()
    await tx.audit('user.invitation_accepted', { entity: 'user', entityId: live.userId, clientId: user.client_id })
    await tx.emit('users.updated', { userId: live.userId, clientId: user.client_id })
    return { userId: live.userId }
  })
}

/** When the database has no user yet, issues the one-time link that creates the first head. */
export async function ensureSetupLink(services: Services): Promise<string | null> {
  const db = services.db.kysely
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (any) return null
  const token = await issueOneTimeToken(db, 'setup', null)
  return `${services.config.baseUrl}/setup/${token}`
}

/** Creates the first head account from the setup link; refused once any user exists or the link was used. */
export async function completeSetup(
  services: Services,
  token: string,
  input: { name: string; email: string; password: string; companyName: string },
): Promise<{ userId: string }> {
  const errors: Record<string, string> = {}
  const email = normaliseEmail(input.email)
  if (!input.name.trim()) errors.name = 'form.required'
  if (!EMAIL_RE.test(email)) errors.email = 'form.email'
  if (!input.companyName.trim()) errors.company_name = 'form.required'
  const problem = passwordProblem(input.password, email)
  if (problem) errors.password = problem
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const ctx = Ctx.system(services, 'first start')
  const hash = await hashPassword(input.password)
  return ctx.transaction(async (tx) => {
    const raw = tx.unscoped('first start')
    const live = await consumeOneTimeToken(raw, 'setup', token)
    const any = await raw.selectFrom('users').select('id').limit(1).executeTakeFirst()
    if (!live || any) throw new RuleError('auth.setup_used', 'auth.setup_used')
    const id = newId()
    const now = nowIso()
    await raw
      .insertInto('users')
      .values({
        id,
        email,
        name: input.name.trim(),
        role: 'head',
        client_id: null,
        is_client_admin: 0,
        all_clients: 0,
        locale: null,
        password_hash: hash,
        status: 'active',
        totp_secret: null,
        totp_enabled: 0,
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute()
    const company = await services.settings.get('company')
    await services.settings.put(raw, 'company', { ...company, legalName: input.companyName.trim() }, id)
    await tx.audit('user.created', { entity: 'user', entityId: id, after: { email, role: 'head', via: 'setup link' } })
    return { userId: id }
  })
}

/** Starts TOTP enrolment: a fresh secret kept unconfirmed until a code proves the app has it. */
export async function beginTotp(ctx: Ctx): Promise<string> {
  const actor = ctx.actor
  if (!actor) throw new ForbiddenError()
  if (actor.totpEnabled) throw new RuleError('auth.totp_already_on', 'auth.totp_already_on')
  const secret = newTotpSecret()
  await ctx
    .unscoped('own second factor')
    .updateTable('users')
    .set({ totp_secret: secret, updated_at: nowIso() })
    .where('id', '=', actor.id)
    .execute()
  return secret
}

/** Turns TOTP on once the user's app produces a valid code for the pending secret. */
export async function confirmTotp(ctx: Ctx, code: string): Promise<void> {
  const actor = ctx.actor
  if (!actor) throw new ForbiddenError()
  const raw = ctx.unscoped('own second factor')
  const row = await raw.selectFrom('users').select('totp_secret').where('id', '=', actor.id).executeTakeFirstOrThrow()
  if (!row.totp_secret || !verifyTotp(row.totp_secret, code)) throw new ValidationError({ code: 'auth.totp_wrong' })
  await ctx.transaction(async (tx) => {
    await tx
      .unscoped('own second factor')
      .updateTable('users')
      .set({ totp_enabled: 1, updated_at: nowIso() })
      .where('id', '=', actor.id)
      .execute()
    await tx.audit('user.totp_enabled', { entity: 'user', entityId: actor.id, clientId: actor.clientId })
  })
}

/** Turns TOTP off after the password is given again; refused where the setting requires it. */
export async function disableTotp(ctx: Ctx, password: string): Promise<void> {
  const actor = ctx.actor
  if (!actor) throw new ForbiddenError()
  const security = await ctx.services.settings.get('security')
  if (security.require2faStaff && (actor.role === 'head' || actor.role === 'admin')) {
    throw new RuleError('auth.totp_required', 'auth.totp_required')
  }
  const raw = ctx.unscoped('own second factor')
  const row = await raw.selectFrom('users').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow()
  if (!(await verifyPassword(row.password_hash, password)))
    throw new ValidationError({ password: 'account.wrong_password' })
  await ctx.transaction(async (tx) => {
    await tx
      .unscoped('own second factor')
      .updateTable('users')
      .set({ totp_enabled: 0, totp_secret: null, updated_at: nowIso() })
      .where('id', '=', actor.id)
      .execute()
    await tx.audit('user.totp_disabled', { entity: 'user', entityId: actor.id, clientId: actor.clientId })
  })
}

/** Whether this actor must set up TOTP before doing anything else. */
export async function mustEnrolTotp(
  services: Services,
  actor: { role: string; totpEnabled: boolean },
): Promise<boolean> {
  if (actor.totpEnabled || (actor.role !== 'head' && actor.role !== 'admin')) return false
  return (await services.settings.get('security')).require2faStaff
}
