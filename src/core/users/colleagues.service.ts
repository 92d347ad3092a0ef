import type { Ctx } from '../ctx.js'
import type { ClientArea } from '../db/core-tables.js'
import { ForbiddenError } from '../errors.js'
import { createUser } from './users.service.js'

export interface ColleagueInput {
  email: string
  name: string
  locale?: string | null
  isClientAdmin?: boolean
  /** The portal areas open to the colleague (default: all). */
  areas?: ClientArea[]
}

/** A client admin invites a colleague: always a client user of the admin's own company, always by e-mail. */
export async function inviteColleague(ctx: Ctx, input: ColleagueInput): Promise<{ id: string }> {
  ctx.require('company.users')
  const clientId = ctx.actor?.clientId
  if (!clientId) throw new ForbiddenError('company.users')
  return createUser(ctx, {
    email: input.email,
    name: input.name,
    role: 'client',
    clientId,
    isClientAdmin: input.isClientAdmin ?? false,
    areas: input.areas,
    locale: input.locale ?? null,
    password: null,
  })
}
