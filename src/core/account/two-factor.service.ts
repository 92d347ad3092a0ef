import { totpQrSvg, totpUri } from '../auth/totp.js'
import type { Ctx } from '../ctx.js'
import { ForbiddenError } from '../errors.js'

export interface TwoFactorState {
  enabled: boolean
  /** Required for this user (head/admin while the company demands it); until it is on, every page leads here. */
  required: boolean
  /** Enrolment under way: the secret waits for a first valid code. */
  pending: { secret: string; qrSvg: string } | null
}

/** The caller's second-factor state; a pending secret comes with its QR code for the authenticator app. */
export async function twoFactorState(ctx: Ctx): Promise<TwoFactorState> {
  const actor = ctx.actor
  if (!actor) throw new ForbiddenError()
  const row = await ctx
    .unscoped('own second factor')
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled', 'role'])
    .where('id', '=', actor.id)
    .executeTakeFirstOrThrow()
  const enabled = row.totp_enabled === 1
  const security = await ctx.services.settings.get('security')
  const required = security.require2faStaff && (row.role === 'head' || row.role === 'admin')
  if (enabled || !row.totp_secret) return { enabled, required, pending: null }
  const company = await ctx.services.settings.get('company')
  const issuer = company.shortName || company.legalName || 'Kabinet'
  const qrSvg = await totpQrSvg(totpUri(row.totp_secret, actor.email, issuer))
  return { enabled, required, pending: { secret: row.totp_secret, qrSvg } }
}
