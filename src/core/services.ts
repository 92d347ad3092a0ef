import type { FastifyBaseLogger } from 'fastify'
import type { AppConfig } from '../config.js'
import type { Db } from './db/database.js'
import type { TableRegistry } from './db/scoped.js'
import type { EventBus } from './events.js'
import type { FileStore } from './files/file-store.js'
import type { Catalog } from './i18n/messages.js'
import type { ModuleManifest } from './module.js'
import type { Mailer } from './notifications/mailer.js'
import type { Policy } from './permissions/policy.js'
import type { SettingsStore } from './settings/settings-store.js'

/** The application's long-lived parts, built once in app.ts and reached through ctx.services. */
export interface Services {
  readonly config: AppConfig
  readonly db: Db
  readonly log: FastifyBaseLogger
  readonly policy: Policy
  readonly tables: TableRegistry
  readonly catalog: Catalog
  readonly settings: SettingsStore
  readonly events: EventBus
  readonly files: FileStore
  readonly mailer: Mailer
  /** Every module of the build, enabled or not. */
  readonly modules: readonly ModuleManifest[]
  /** Whether a module is on now (configuration and admin settings). */
  isEnabled(name: string): boolean
}
