import type { FastifyInstance } from 'fastify'
import type { Ctx } from './ctx.js'
import type { ClientArea, Role } from './db/core-tables.js'
import type { MigrationMap } from './db/migrator.js'
import type { Messages } from './i18n/messages.js'
import type { TableScope } from './permissions/scope.js'
import type { PageContext } from './ui/page-context.js'

export interface NavItem {
  /** i18n key of the label. */
  label: string
  href: string
  group: 'main' | 'clients' | 'sales' | 'finance' | 'support' | 'content' | 'reports' | 'settings'
  permission?: string
  roles?: Role[]
}

/** One thing that happened with a client, as the client card's timeline shows it. */
export interface TimelineEvent {
  /** ISO timestamp (UTC). */
  at: string
  module: string
  /** Already translated, plain text (escaped by the view). */
  title: string
  detail?: string
  href?: string
  who?: string
  /** Staff-only items are marked and never shown to client users. */
  internal?: boolean
}

export interface NotificationDefinition {
  /** Event name, e.g. `orders.status_changed`. */
  event: string
  /** Message key of the label on the preferences page. */
  label: string
  /** Who can receive it: client users, staff, or both. */
  audience: ('client' | 'staff')[]
}

export interface JobDefinition {
  name: string
  everySeconds: number
  run: (ctx: Ctx) => Promise<void>
}

/** A column another module adds to the staff client list (the finance balance), filled for one page of clients. */
export interface ClientListColumn {
  key: string
  /** Message key of the header. */
  label: string
  align?: 'left' | 'right'
  /** The cells of the listed clients, by client id, in the caller's scope (one query per page, not per row). */
  cells: (ctx: Ctx, pc: PageContext, clientIds: string[]) => Promise<Map<string, JSX.Element>>
}

export type EventHandler = (ctx: Ctx, payload: Record<string, unknown>) => Promise<void>

export interface ModuleManifest {
  name: string
  dependsOn?: string[]
  /** Permission → roles that hold it. `head` holds every permission anyway. */
  permissions?: Record<string, Role[]>
  /** Client permissions that need an area of the portal open to the user (e.g. `orders.read` → `orders`). */
  clientAreas?: Record<string, ClientArea>
  /** Permissions a client user gets when it is its company's client admin. */
  clientAdminPermissions?: string[]
  tables?: Record<string, TableScope>
  migrations?: MigrationMap
  /** Mounted at `/<name>` unless `prefix` says otherwise. */
  pages?: (app: FastifyInstance) => Promise<void>
  /** Mounted at `/api/v1/<name>`. */
  api?: (app: FastifyInstance) => Promise<void>
  prefix?: string
  nav?: NavItem[]
  messages?: { en: Messages; hu: Messages; ru: Messages }
  on?: Record<string, EventHandler>
  jobs?: JobDefinition[]
  /** This module's events on a client's timeline (client card), newest first, inside the caller's scope. */
  timeline?: (ctx: Ctx, clientId: string, opts: { before?: string; limit: number }) => Promise<TimelineEvent[]>
  /** Events this module notifies users about; each user can switch them off per channel. */
  notifications?: NotificationDefinition[]
  /** Columns this module adds to the staff client list. */
  clientListColumns?: ClientListColumn[]
  /** A block for the home page (key figures, short lists), in the caller's scope. */
  dashboard?: (ctx: Ctx, pc: PageContext) => Promise<JSX.Element>
  /** Adds this module's share of `kabinet demo`. */
  demo?: (ctx: Ctx, world: DemoWorld) => Promise<void>
}

/** What the demo loader has made so far, for modules to build on. */
export interface DemoWorld {
  headId: string
  managerIds: string[]
  clientIds: string[]
  clientUserIds: Record<string, string[]>
  random: () => number
}

export const defineModule = (manifest: ModuleManifest): ModuleManifest => manifest
