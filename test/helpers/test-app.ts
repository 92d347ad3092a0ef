import type { TestContext } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { type AppConfig, loadConfig } from '../../src/config.js'
import type { Db } from '../../src/core/db/database.js'
import type { ModuleManifest } from '../../src/core/module.js'
import type { Services } from '../../src/core/services.js'
import { Given } from './given.js'
import { freshDatabase } from './test-db.js'

export interface TestWorld {
  app: FastifyInstance
  services: Services
  db: Db
  config: AppConfig
  given: Given
}

/** A whole application on a fresh database, closed after the test. */
export async function testApp(
  t: TestContext,
  opts: { env?: Record<string, string>; modules?: ModuleManifest[] } = {},
): Promise<TestWorld> {
  const fresh = await freshDatabase(t)
  const config = loadConfig({
    KABINET_DATA_DIR: fresh.dataDir,
    KABINET_DATABASE_URL: fresh.url,
    KABINET_SECRET: 'test-secret-test-secret-test-secret-0123',
    KABINET_LOG_LEVEL: 'silent',
    KABINET_BASE_URL: 'http://kabinet.test',
    ...opts.env,
  })
  const app = await buildApp(config, { db: fresh.db, migrate: false, logger: false, modules: opts.modules })
  fresh.disposers.push(() => app.close())
  await app.ready()
  return { app, services: app.services, db: fresh.db, config, given: new Given(app.services) }
}
