import { createApiToken } from '../auth/api-tokens.js'
import type { Ctx } from '../ctx.js'
import { nowIso } from '../db/ids.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js'

/** What the owner sees of a token: never the hash. */
export interface OwnToken {
  id: string
  name: string
  prefix: string
  created_at: string
  last_used_at: string | null
  expires_at: string | null
}

export const MAX_TOKEN_DAYS = 3650

function owner(ctx: Ctx) {
  ctx.require('api.tokens')
  if (!ctx.actor) throw new ForbiddenError('api.tokens')
  return ctx.actor
}

/** The caller's own tokens that still work (not revoked), newest first. */
export async function listOwnTokens(ctx: Ctx): Promise<OwnToken[]> {
  const actor = owner(ctx)
  return ctx
    .unscoped('own tokens')
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', actor.id)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** Creates a token acting as the caller; the plain token is returned once and never stored. */
export async function createOwnToken(
  ctx: Ctx,
  input: { name: string; days: string },
): Promise<{ id: string; token: string; name: string; expiresAt: string | null }> {
  const actor = owner(ctx)
  const errors: Record<string, string> = {}
  const name = input.name.trim()
  if (!name) errors.name = 'form.required'
  else if (name.length > 100) errors.name = 'form.too_long'
  const daysText = input.days.trim()
  let days: number | null = null
  if (daysText) {
    days = Number(daysText)
    if (!/^\d+$/.test(daysText) || days < 1 || days > MAX_TOKEN_DAYS) errors.days = 'account.token_days_invalid'
  }
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const expiresAt = days ? new Date(Date.now() + days * 86400_000).toISOString() : null
  return ctx.transaction(async (tx) => {
    const created = await createApiToken(tx.unscoped('own tokens'), actor.id, name, expiresAt)
    await tx.audit('api_token.created', {
      entity: 'api_token',
      entityId: created.id,
      clientId: actor.clientId,
      after: { user_id: actor.id, name, prefix: created.prefix, expires_at: expiresAt },
    })
    return { id: created.id, token: created.token, name, expiresAt }
  })
}

/** Revokes one of the caller's own tokens; another user's token is not found. */
export async function revokeOwnToken(ctx: Ctx, id: string): Promise<{ name: string }> {
  const actor = owner(ctx)
  return ctx.transaction(async (tx) => {
    const raw = tx.unscoped('own tokens')
    const token = await raw
      .selectFrom('api_tokens')
      .select(['id', 'name', 'prefix'])
      .where('id', '=', id)
      .where('user_id', '=', actor.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (!token) throw new NotFoundError('api_token')
    await raw.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('id', '=', id).execute()
    await tx.audit('api_token.revoked', {
      entity: 'api_token',
      entityId: id,
      clientId: actor.clientId,
      before: { name: token.name, prefix: token.prefix },
    })
    return { name: token.name }
  })
}
