import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { ForbiddenError, UnauthenticatedError } from '../errors.js'
import type { Access } from './types.js'

// Routes that third-party plugins register (static files, API docs) are public by nature.
const PLUGIN_ROUTE_PREFIXES = ['/static/', '/api/docs']

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

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
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: Access }
    if (config.access) return
    if (PLUGIN_ROUTE_PREFIXES.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, access: 'public' } as RouteOptions['config']
      return
    }
    throw new Error(`${route.method} ${route.url}: declare config.access`)
  })

  app.addHook('preValidation', (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    const config = req.routeOptions.config as { access?: Access; csrf?: boolean }
    try {
      checkAccess(req, config.access ?? 'signed-in')
    } catch (err) {
      done(err as Error)
      return
    }
    // A bearer token cannot be sent by a forged cross-site form; a cookie can.
    if (UNSAFE.has(req.method) && req.authKind !== 'bearer' && config.csrf !== false) {
      app.csrfProtection(req, reply, done)
      return
    }
    done()
  })
})
