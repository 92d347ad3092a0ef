import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import pino from 'pino'
import type { AppConfig } from '../config.js'
import { MODULES } from '../modules.js'
import { CORE_TABLE_SCOPES } from './core-tables-scope.js'
import type { Db } from './db/database.js'
import { EventBus } from './events.js'
import { FileStore } from './files/file-store.js'
import { coreMessages } from './i18n/core-messages.js'
import { Catalog } from './i18n/messages.js'
import type { ModuleManifest } from './module.js'
import { Mailer } from './notifications/mailer.js'
import { buildPolicy } from './permissions/policy.js'
import type { TableScope } from './permissions/scope.js'
import type { Services } from './services.js'
import { SettingsStore } from './settings/settings-store.js'

/** Assembles the long-lived services; the web app, the CLI and the demo loader share it. */
export function buildServices(
  config: AppConfig,
  db: Db,
  modules: readonly ModuleManifest[],
  log: FastifyBaseLogger,
): Services {
  const tables = new Map<string, TableScope>(Object.entries(CORE_TABLE_SCOPES))
  for (const mod of modules) for (const [t, s] of Object.entries(mod.tables ?? {})) tables.set(t, s)
  const catalog = new Catalog()
  catalog.add(coreMessages)
  for (const mod of modules) if (mod.messages) catalog.add(mod.messages)
  const settings = new SettingsStore(db.reader)
  const isEnabled = (name: string) =>
    name === 'core' || (!config.disabledModules.includes(name) && !settings.peek('modules').disabled.includes(name))
  const events = new EventBus(isEnabled)
  for (const mod of modules)
    for (const [event, handler] of Object.entries(mod.on ?? {})) events.on(mod.name, event, handler)
  return {
    config,
    db,
    log,
    policy: buildPolicy(modules),
    tables,
    catalog,
    settings,
    events,
    files: new FileStore(path.join(config.dataDir, 'files'), config.maxUploadBytes),
    mailer: new Mailer(config.smtpUrl, config.mailFrom, config.dataDir),
    modules,
    isEnabled,
  }
}

/** Services for CLI commands, logging warnings to stderr. */
export const buildStandaloneServices = (config: AppConfig, db: Db, modules: readonly ModuleManifest[] = MODULES) =>
  buildServices(config, db, modules, pino({ level: 'warn' }, pino.destination(2)) as unknown as FastifyBaseLogger)
