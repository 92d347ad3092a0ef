import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyFormbody from '@fastify/formbody'
import fastifyHelmet from '@fastify/helmet'
import fastifyMultipart from '@fastify/multipart'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { fastifyKitaHtml } from '@kitajs/fastify-html-plugin'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { AppConfig } from './config.js'
import { coreRoutes } from './core/core-routes.js'
import { type Db, openDatabase } from './core/db/database.js'
import { newId } from './core/db/ids.js'
import { coreMigrations } from './core/db/migrations/index.js'
import { collectMigrations, migrateToLatest } from './core/db/migrator.js'
import { errorHandling } from './core/http/errors.js'
import { parseUrlEncoded } from './core/http/forms.js'
import { requestContext } from './core/http/request-context.js'
import { routeAccess } from './core/http/route-access.js'
import { unreadBody } from './core/http/unread-body.js'
import type { ModuleManifest } from './core/module.js'
import { mountModule } from './core/mount-module.js'
import { buildServices } from './core/standalone-services.js'
import { MODULES } from './modules.js'

const here = path.dirname(fileURLToPath(import.meta.url))

export interface BuildOptions {
  db?: Db
  modules?: ModuleManifest[]
  logger?: FastifyServerOptions['logger']
  /** Skip migrations when the caller has just run them (tests copy a migrated template). */
  migrate?: boolean
}

function checkDependencies(modules: readonly ModuleManifest[], enabled: (name: string) => boolean) {
  for (const mod of modules) {
    if (!enabled(mod.name)) continue
    for (const dep of mod.dependsOn ?? []) {
      if (!modules.some((m) => m.name === dep) || !enabled(dep)) {
        throw new Error(`module ${mod.name} needs module ${dep}, which is switched off`)
      }
    }
  }
}

export function allMigrations(modules: readonly ModuleManifest[] = MODULES) {
  return collectMigrations(coreMigrations, ...modules.map((m) => m.migrations ?? {}))
}

/** The composition root: builds the whole application; `main`, the CLI and every test call it. */
export async function buildApp(config: AppConfig, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const db = opts.db ?? openDatabase(config.databaseUrl)
  const modules = opts.modules ?? MODULES
  if (opts.migrate !== false) await migrateToLatest(db, allMigrations(modules))

  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => newId(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>()
  // Pages take forms and the API takes JSON; Fastify's default text/plain parser would let a plain
  // text body reach a handler (and a schema's coercion) instead of answering 415.
  app.removeContentTypeParser('text/plain')

  const services = buildServices(config, db, modules, app.log)
  await services.settings.get('modules')
  checkDependencies(modules, (name) => !config.disabledModules.includes(name))
  app.decorate('services', services)

  await app.register(fastifyCookie, { secret: config.secret })
  await app.register(fastifyFormbody, { bodyLimit: 1024 * 1024, parser: parseUrlEncoded })
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.maxUploadBytes, files: 20, fields: 50, fieldSize: 64 * 1024 },
  })
  const https = config.baseUrl.startsWith('https://')
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    hsts: https ? { maxAge: 31536000 } : false,
  })
  await app.register(fastifyRateLimit, { global: false })
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: https },
    getToken: (req) => {
      const body = req.body as { _csrf?: string } | undefined
      const query = req.query as { _csrf?: string } | undefined
      const header = req.headers['x-csrf-token']
      return body?._csrf ?? query?._csrf ?? (typeof header === 'string' ? header : undefined) ?? ''
    },
  })
  await app.register(fastifyKitaHtml)
  // Before the static files and API docs, so its onRoute hook marks their routes public; a route
  // registered earlier would fall back to 'signed-in' and every stylesheet and script would be 401.
  await app.register(routeAccess)
  await app.register(fastifyStatic, {
    root: path.join(here, 'core/ui/public'),
    prefix: '/static/app/',
    maxAge: '1h',
  })
  await app.register(fastifyStatic, {
    root: path.dirname(fileURLToPath(import.meta.resolve('htmx.org/dist/htmx.min.js'))),
    prefix: '/static/htmx/',
    decorateReply: false,
    allowedPath: (p) => p === '/htmx.min.js',
    maxAge: '1d',
  })
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kabinet API',
        version: '1',
        description: 'Client portal and back office. Errors are `{ "error": { "code", "message" } }`.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token from Account → API tokens or `kabinet token create`',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'kabinet_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  })
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null, deepLinking: true },
    staticCSP: true,
    // Swagger UI styles itself inline; its pages get their own policy, still with no foreign host.
    transformStaticCSP: () =>
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
  })

  await app.register(errorHandling)
  await app.register(unreadBody)
  await app.register(requestContext)
  await app.register(coreRoutes)
  for (const mod of modules) await app.register(mountModule(mod))

  app.addHook('onClose', async () => {
    services.mailer.close()
    await db.close()
  })
  return app
}
