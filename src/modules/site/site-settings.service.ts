import type { Ctx } from '../../core/ctx.js'
import { randomToken } from '../../core/db/ids.js'
import { ValidationError } from '../../core/errors.js'
import type { SiteSettings } from '../../core/settings/settings-store.js'
import { parseRsaPublicKey, SSO_ALGORITHMS, type SsoAlgorithm } from './sso-token.js'

export const MAX_WEBHOOK_URLS = 5
const MIN_SECRET_LENGTH = 32

export interface SiteSettingsInput {
  ssoEnabled: boolean
  ssoAlgorithm: string
  /** Empty keeps the stored secret. */
  ssoSecret: string
  ssoPublicKey: string
  /** One URL per line. */
  webhookUrls: string
  /** Empty keeps the stored secret. */
  webhookSecret: string
}

/** `••••abcd`: enough to tell two secrets apart, never enough to use one. */
export const maskSecret = (secret: string): string => (secret ? `••••••••${secret.slice(-4)}` : '')

export const splitUrls = (text: string): string[] =>
  text
    .split(/[\r\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)

function checkUrl(raw: string): boolean {
  try {
    const url = new URL(raw)
    return (url.protocol === 'https:' || url.protocol === 'http:') && raw.length <= 500 && !url.username
  } catch {
    return false
  }
}

/** The settings the form describes, on top of `current`; every problem is reported at once. */
export function checkSiteSettings(input: SiteSettingsInput, current: SiteSettings): SiteSettings {
  const errors: Record<string, string> = {}
  const algorithm = input.ssoAlgorithm as SsoAlgorithm
  if (!SSO_ALGORITHMS.includes(algorithm)) errors.sso_algorithm = 'form.invalid_choice'
  const ssoSecret = input.ssoSecret.trim() || current.ssoSecret
  if (input.ssoSecret.trim() && input.ssoSecret.trim().length < MIN_SECRET_LENGTH)
    errors.sso_secret = 'site.secret_short'
  else if (input.ssoEnabled && algorithm === 'HS256' && !ssoSecret) errors.sso_secret = 'site.secret_required'
  const ssoPublicKey = input.ssoPublicKey.trim()
  if (ssoPublicKey && !parseRsaPublicKey(ssoPublicKey)) errors.sso_public_key = 'site.public_key_invalid'
  else if (input.ssoEnabled && algorithm === 'RS256' && !ssoPublicKey)
    errors.sso_public_key = 'site.public_key_required'
  const webhookUrls = [...new Set(splitUrls(input.webhookUrls))]
  if (webhookUrls.length > MAX_WEBHOOK_URLS) errors.webhook_urls = 'site.too_many_urls'
  else if (!webhookUrls.every(checkUrl)) errors.webhook_urls = 'site.url_invalid'
  const webhookSecret = input.webhookSecret.trim() || current.webhookSecret
  if (input.webhookSecret.trim() && input.webhookSecret.trim().length < MIN_SECRET_LENGTH) {
    errors.webhook_secret = 'site.secret_short'
  } else if (webhookUrls.length > 0 && !webhookSecret) errors.webhook_secret = 'site.webhook_secret_required'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return { ssoEnabled: input.ssoEnabled, ssoAlgorithm: algorithm, ssoSecret, ssoPublicKey, webhookUrls, webhookSecret }
}

// The audit shows that a secret was set or replaced, never the secret.
const forAudit = (s: SiteSettings, before?: SiteSettings) => ({
  ...s,
  ssoSecret: s.ssoSecret ? (before && before.ssoSecret !== s.ssoSecret ? 'replaced' : 'set') : '',
  webhookSecret: s.webhookSecret ? (before && before.webhookSecret !== s.webhookSecret ? 'replaced' : 'set') : '',
  ssoPublicKey: s.ssoPublicKey ? 'set' : '',
})

async function save(ctx: Ctx, change: (current: SiteSettings) => SiteSettings): Promise<SiteSettings> {
  const store = ctx.services.settings
  const saved = await ctx.transaction(async (tx) => {
    const db = tx.unscoped('settings are company-wide, not client data')
    const before = await store.load(db, 'site')
    const after = change(before)
    await store.put(db, 'site', after, tx.actor?.id ?? null)
    await tx.audit('site.settings_updated', {
      entity: 'settings',
      entityId: 'site',
      before: forAudit(before),
      after: forAudit(after, before),
    })
    return after
  })
  store.invalidate()
  return saved
}

/** Saves single sign-on and webhook settings; a refused form writes nothing. */
export async function saveSiteSettings(ctx: Ctx, input: SiteSettingsInput): Promise<SiteSettings> {
  ctx.require('site.manage')
  checkSiteSettings(input, await ctx.services.settings.get('site'))
  return save(ctx, (current) => checkSiteSettings(input, current))
}

/** Replaces the SSO shared secret or the webhook secret with a random one, returned once to show. */
export async function generateSiteSecret(ctx: Ctx, which: 'sso' | 'webhook'): Promise<string> {
  ctx.require('site.manage')
  const secret = randomToken(32)
  await save(ctx, (current) =>
    which === 'sso' ? { ...current, ssoSecret: secret } : { ...current, webhookSecret: secret },
  )
  return secret
}
