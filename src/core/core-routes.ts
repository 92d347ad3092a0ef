import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { sql } from 'kysely'
import { accountRoutes } from './account/account.routes.js'
import { meApi } from './api/me.api.js'
import { auditApi } from './audit/audit.api.js'
import { auditRoutes } from './audit/audit.routes.js'
import { authRoutes } from './auth/auth.routes.js'
import { homeRoutes } from './home/home.routes.js'
import { preferencesRoutes } from './notifications/preferences.routes.js'
import { settingsRoutes } from './settings/settings.routes.js'
import { companyUsersRoutes } from './users/company-users.routes.js'
import { usersApi } from './users/users.api.js'
import { usersRoutes } from './users/users.routes.js'

// A 1×1 transparent icon so browsers stop logging 404s for /favicon.ico.
const FAVICON = Buffer.from(
  'AAABAAEAAQEAAAEAIAAwAAAAFgAAACgAAAABAAAAAgAAAAEAIAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==',
  'base64',
)

/** The core's own pages and API, registered after the access and error plumbing. */
export const coreRoutes = fp(async (app: FastifyInstance) => {
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(app.services.db.kysely)
      return { status: 'ok' }
    } catch {
      return reply.status(503).send({ status: 'unavailable' })
    }
  })
  app.get('/favicon.ico', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('image/x-icon').header('cache-control', 'public, max-age=86400').send(FAVICON),
  )
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger())

  await app.register(authRoutes)
  await app.register(homeRoutes)
  await app.register(accountRoutes, { prefix: '/account' })
  await app.register(preferencesRoutes, { prefix: '/account/notifications' })
  await app.register(usersRoutes, { prefix: '/users' })
  await app.register(companyUsersRoutes, { prefix: '/company/users' })
  await app.register(settingsRoutes, { prefix: '/settings' })
  await app.register(auditRoutes, { prefix: '/audit' })
  await app.register(meApi, { prefix: '/api/v1' })
  await app.register(usersApi, { prefix: '/api/v1/users' })
  await app.register(auditApi, { prefix: '/api/v1/audit' })
})
