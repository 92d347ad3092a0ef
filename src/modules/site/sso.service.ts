import { recordSignIn } from '../../core/auth/login.service.js'
import { toActor } from '../../core/auth/sessions.js'
import { Ctx } from '../../core/ctx.js'
import { nowIso } from '../../core/db/ids.js'
import type { SiteSettings } from '../../core/settings/settings-store.js'
import { isUniqueViolation } from './site-links.queries.js'
import { parseRsaPublicKey, type SsoKey, type SsoRefusal, verifySsoToken } from './sso-token.js'

export type SsoOutcome =
  | { ok: true; userId: string; needsTotp: boolean }
  | {
      ok: false
      reason:
        | SsoRefusal
        | 'sso_disabled'
        | 'not_configured'
        | 'replayed'
        | 'unknown_user'
        | 'user_disabled'
        | 'user_not_active'
    }

function keyFrom(settings: SiteSettings): SsoKey | null {
  if (settings.ssoAlgorithm === 'HS256')
    return settings.ssoSecret ? { algorithm: 'HS256', secret: settings.ssoSecret } : null
  const publicKey = settings.ssoPublicKey ? parseRsaPublicKey(settings.ssoPublicKey) : null
  return publicKey ? { algorithm: 'RS256', publicKey } : null
}

/** Marks the token id used; false when it was used before (a replay). */
async function consumeNonce(ctx: Ctx, jti: string, exp: number): Promise<boolean> {
  try {
    await ctx.db.insert('site_sso_nonces', { jti, used_at: nowIso(), expires_at: new Date(exp * 1000).toISOString() })
    return true
  } catch (err) {
    if (isUniqueViolation(err)) return false
    throw err
  }
}

async function refuse(
  ctx: Ctx,
  reason: Exclude<SsoOutcome, { ok: true }>['reason'],
  detail: { alg?: string; externalId?: string; jti?: string } = {},
): Promise<SsoOutcome> {
  // The token itself is never logged: within its lifetime it is a password.
  ctx.services.log.warn({ reason, ...detail, ip: ctx.ip, requestId: ctx.requestId }, 'single sign-on refused')
  await ctx.audit('site.sso_refused', { entity: 'site_sso', after: { reason, ...detail } })
  return { ok: false, reason }
}

/**
 * Checks a sign-in token from the website and finds the client user it names. Each token signs in
 * once: its `jti` is stored until the token expires, so a replayed link is refused. Every refusal is
 * logged and audited with its reason. `ctx` is the request's (for the IP in the audit).
 */
export async function signInWithSiteToken(ctx: Ctx, token: string): Promise<SsoOutcome> {
  const system = Ctx.system(ctx.services, 'single sign-on')
  const settings = await ctx.services.settings.get('site')
  if (!settings.ssoEnabled) return refuse(ctx, 'sso_disabled')
  const key = keyFrom(settings)
  if (!key) return refuse(ctx, 'not_configured')
  const verdict = verifySsoToken(token, key, { audience: ctx.services.config.baseUrl })
  if (!verdict.ok) return refuse(ctx, verdict.reason, { alg: verdict.alg })
  const { sub, jti, exp } = verdict.claims
  const detail = { alg: key.algorithm, externalId: sub, jti }
  if (!(await consumeNonce(system, jti, exp))) return refuse(ctx, 'replayed', detail)
  const user = await system.db
    .selectFrom('site_links')
    .innerJoin('users as u', 'u.id', 'site_links.entity_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.client_id',
      'u.is_client_admin',
      'u.all_clients',
      'u.areas',
      'u.locale',
      'u.totp_enabled',
      'u.status',
    ])
    .where('site_links.kind', '=', 'user')
    .where('site_links.external_id', '=', sub)
    .executeTakeFirst()
  if (!user) return refuse(ctx, 'unknown_user', detail)
  if (user.status === 'disabled') return refuse(ctx, 'user_disabled', detail)
  // An invited user has not proven the address yet; the invitation link does that first.
  if (user.status !== 'active') return refuse(ctx, 'user_not_active', detail)
  // As with a password, the sign-in is complete (and audited, by the code step) only once the
  // second factor is given too.
  if (user.totp_enabled === 1) return { ok: true, userId: user.id, needsTotp: true }
  await recordSignIn(system.unscoped('sign-in bookkeeping'), user.id)
  const signedIn = Ctx.forActor(ctx.services, toActor(user), {
    locale: ctx.locale,
    ip: ctx.ip,
    requestId: ctx.requestId,
  })
  await signedIn.audit('user.signed_in', {
    entity: 'user',
    entityId: user.id,
    clientId: user.client_id,
    after: { via: 'site_sso', external_id: sub },
  })
  return { ok: true, userId: user.id, needsTotp: false }
}
