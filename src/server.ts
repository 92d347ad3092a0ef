import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import type { AppConfig } from './config.js'
import { ensureSetupLink } from './core/auth/flows.service.js'
import { purgeExpiredSessions } from './core/auth/sessions.js'
import { Scheduler } from './core/jobs/scheduler.js'
import type { JobDefinition } from './core/module.js'
import { deliverDue } from './core/notifications/outbox.js'

/** Builds, listens, starts jobs and closes gracefully on SIGINT/SIGTERM. */
export async function serve(
  config: AppConfig,
  opts: { banner?: (app: FastifyInstance, url: string) => Promise<void> | void } = {},
): Promise<FastifyInstance> {
  const app = await buildApp(config)
  const services = app.services
  const coreJobs: JobDefinition[] = [
    { name: 'outbox', everySeconds: 5, run: async () => void (await deliverDue(services)) },
    {
      name: 'sessions.purge',
      everySeconds: 3600,
      run: () => purgeExpiredSessions(services.db.kysely, config.sessionIdleMinutes),
    },
  ]
  const scheduler = new Scheduler(services, [
    ...coreJobs.map((job) => ({ module: 'core', job })),
    ...services.modules.flatMap((m) => (m.jobs ?? []).map((job) => ({ module: m.name, job }))),
  ])
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = config.baseUrl.replace(`:${config.port}`, `:${port}`)
  if (config.jobs) scheduler.start()
  const setup = await ensureSetupLink(services)
  if (setup) {
    process.stdout.write(`\nNo accounts yet. Open this one-time link to create the first head account:\n  ${setup}\n\n`)
  }
  await opts.banner?.(app, url)

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing requests')
    const force = setTimeout(() => process.exit(1), 15_000)
    force.unref()
    await scheduler.stop()
    await app.close()
    clearTimeout(force)
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  return app
}
