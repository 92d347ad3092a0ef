import type { SessionInfo } from '../auth/sessions.js'
import type { Actor, Ctx } from '../ctx.js'
import type { Locale, Translate } from '../i18n/messages.js'
import type { Services } from '../services.js'
import type { Flash } from './flash.js'

/**
 * Who may call a route: anyone, any signed-in user, holders of a permission, or a set of roles.
 * Declared on every route (`config.access`); no declaration, no boot.
 */
export type Access =
  | 'public'
  | 'signed-in'
  /** Signed in with the password but the second factor still owed. */
  | 'mfa-pending'
  | { permission: string }
  | { roles: Actor['role'][] }

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
    session: SessionInfo | null
    authKind: 'session' | 'bearer' | null
    locale: Locale
    ctx: Ctx
    t: Translate
    flash: Flash | null
  }
  interface FastifyContextConfig {
    access?: Access
    /** Set false only where another signature protects the request (webhooks, signed links). */
    csrf?: boolean
  }
  interface FastifyInstance {
    services: Services
  }
}
