import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { mustEnrolTotp } from '../auth/flows.service.js'
import { ForbiddenError, UnauthenticatedError } from '../errors.js'
import type { Access } from './types.js'
import { wantsJson } from './wants-json.js'

// Routes that third-party plugins register (static files, API docs) are public by nature.
const PLUGIN_ROUTE_PREFIXES = ['/static/', '/api/docs']

/** Every route with its access rule, for the suite-wide isolation test. */
export interface RouteEntry {
  method: string
  url: string
  access: Access
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[]
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const TOTP_ENROLMENT_PATHS = /^\/(account\/2fa|logout|locale)(\/|\?|$)/

export function checkAccess(req: FastifyRequest, access: Access): void {
  if (access === 'public') return
  if (access === 'mfa-pending') {
    if (!req.session?.mfaPending) throw new UnauthenticatedError()
    return
  }
  if (!req.actor) {
    throw new UnauthenticatedError(req.headers['x-kabinet-bad-token'] ? 'error.bad_token' : 'error.unauthenticated')
  }
  if (access === 'signed-in') return
  if ('permission' in access) {
    if (!req.ctx.can(access.permission)) throw new ForbiddenError(access.permission)
    return
  }
  if (!access.roles.includes(req.actor.role)) throw new ForbiddenError()
}

/**
 * Every route declares `config.access`; a route without one stops the boot. The check runs before
 * the handler, and state-changing requests from a browser session must carry the CSRF token.
 */
export const routeAccess = fp(async (app: FastifyInstance) => {
  const table: RouteEntry[] = []
  app.decorate('routeTable', table)
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: Access }
    // The OpenAPI document describes the JSON API only, not the HTML pages.
    if (!route.url.startsWith('/api/v1')) route.schema = { ...route.schema, hide: true }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access: config.access ?? 'public' })
    }
    if (config.access) return
    if (PLUGIN_ROUTE_PREFIXES.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, access: 'public' } as RouteOptions['config']
      return
    }
    throw new Error(`${route.method} ${route.url}: declare config.access`)
  })

  app.addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
    // An unknown API address is not found, for callers without credentials too (a client's typo
    // should not read as a login problem). An unknown page still asks a stranger to sign in first,
    // so a visitor learns nothing about which pages exist.
    if (req.is404 && wantsJson(req)) return
    const config = req.routeOptions.config as { access?: Access; csrf?: boolean }
    const access = config.access ?? 'signed-in'
    checkAccess(req, access)
    // Head and admin must enrol a second factor first when the setting requires it.
    if (req.actor && req.authKind === 'session' && access !== 'public' && !TOTP_ENROLMENT_PATHS.test(req.url)) {
      if (await mustEnrolTotp(app.services, req.actor)) {
        if (wantsJson(req)) throw new ForbiddenError('auth.totp_enrolment_required')
        return reply.redirect('/account/2fa', 303)
      }
    }
  })

  // A bearer token cannot be sent by a forged cross-site form; a cookie can.
  app.addHook('preValidation', (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    const config = req.routeOptions.config as { csrf?: boolean }
    if (
      UNSAFE.has(req.method) &&
      req.authKind !== 'bearer' &&
      config.csrf !== false &&
      !(req.is404 && wantsJson(req))
    ) {
      app.csrfProtection(req, reply, done)
      return
    }
    done()
  })
})
