import type { Kysely, Transaction } from 'kysely'
import type { ClientArea } from './db/core-tables.js'
import type { Database } from './db/database.js'
import { newId, nowIso } from './db/ids.js'
import { ScopedDb } from './db/scoped.js'
import { ForbiddenError } from './errors.js'
import type { Locale } from './i18n/messages.js'
import type { Scope } from './permissions/scope.js'
import type { Services } from './services.js'

/** The signed-in user as a request sees it. */
export interface Actor {
  id: string
  email: string
  name: string
  role: 'client' | 'manager' | 'head' | 'admin'
  clientId: string | null
  isClientAdmin: boolean
  allClients: boolean
  /** Client users: the parts of the portal open to them. */
  areas: ClientArea[]
  locale: string | null
  totpEnabled: boolean
}

export interface AuditInput {
  entity: string
  entityId?: string | null
  clientId?: string | null
  before?: unknown
  after?: unknown
}

interface PendingEvent {
  name: string
  payload: Record<string, unknown>
}

/**
 * What every service gets first: who acts, in which scope and locale, and the scoped database.
 * Inside `transaction` the ctx is bound to the transaction; events wait for the commit.
 */
export class Ctx {
  readonly db: ScopedDb

  private constructor(
    readonly services: Services,
    readonly actor: Actor | null,
    readonly actorLabel: string,
    readonly scope: Scope,
    readonly permissions: ReadonlySet<string>,
    readonly locale: Locale,
    readonly ip: string | null,
    readonly requestId: string | null,
    private readonly raw: Kysely<Database> | Transaction<Database>,
    private readonly pending: PendingEvent[] | null,
  ) {
    this.db = new ScopedDb(raw, scope, services.tables)
  }

  static forActor(
    services: Services,
    actor: Actor | null,
    opts: { locale: Locale; ip?: string | null; requestId?: string | null },
  ): Ctx {
    const scope: Scope = !actor
      ? { kind: 'none' }
      : actor.role === 'client'
        ? actor.clientId
          ? { kind: 'client', clientId: actor.clientId }
          : { kind: 'none' }
        : actor.role === 'manager' && !actor.allClients
          ? { kind: 'manager', managerId: actor.id }
          : { kind: 'all' }
    const permissions = actor ? services.policy.permissionsFor(actor) : new Set<string>()
    return new Ctx(
      services,
      actor,
      actor ? `${actor.name} <${actor.email}>` : 'anonymous',
      scope,
      permissions,
      opts.locale,
      opts.ip ?? null,
      opts.requestId ?? null,
      services.db.kysely,
      null,
    )
  }

  /** A ctx for jobs, CLI and start-up: sees everything, audited under `label`. */
  static system(services: Services, label: string, locale?: Locale): Ctx {
    return new Ctx(
      services,
      null,
      `system: ${label}`,
      { kind: 'all' },
      services.policy.all,
      locale ?? 'en',
      null,
      null,
      services.db.kysely,
      null,
    )
  }

  get inTransaction(): boolean {
    return this.pending !== null
  }

  can(permission: string): boolean {
    return this.permissions.has(permission)
  }

  /** Throws ForbiddenError unless the actor holds `permission`. */
  require(permission: string): void {
    if (!this.can(permission)) throw new ForbiddenError(permission)
  }

  /** Raw database access past the scope; the reason is logged. Core code only. */
  unscoped(reason: string): Kysely<Database> | Transaction<Database> {
    this.services.log.debug({ reason, actor: this.actor?.id }, 'unscoped database access')
    return this.raw
  }

  /** Runs `fn` in one transaction (joining the current one); events are sent after commit. */
  async transaction<T>(fn: (tx: Ctx) => Promise<T>): Promise<T> {
    if (this.pending) return fn(this)
    const pending: PendingEvent[] = []
    const result = await this.raw
      .transaction()
      .execute(async (trx) => fn(this.withRaw(trx as Transaction<Database>, pending)))
    for (const event of pending) await this.services.events.dispatch(this, event.name, event.payload)
    return result
  }

  /** Acting as `actor` on the same connection and transaction (demo data written by the people it shows). */
  actingAs(actor: Actor): Ctx {
    return Ctx.forActor(this.services, actor, { locale: this.locale }).withRaw(this.raw, this.pending)
  }

  private withRaw(raw: Kysely<Database> | Transaction<Database>, pending: PendingEvent[] | null): Ctx {
    return new Ctx(
      this.services,
      this.actor,
      this.actorLabel,
      this.scope,
      this.permissions,
      this.locale,
      this.ip,
      this.requestId,
      raw,
      pending,
    )
  }

  /** Writes an audit record with the change (inside the caller's transaction). */
  async audit(action: string, input: AuditInput): Promise<void> {
    await this.raw
      .insertInto('audit_log')
      .values({
        id: newId(),
        at: nowIso(),
        actor_id: this.actor?.id ?? null,
        actor_label: this.actorLabel,
        action,
        entity: input.entity,
        entity_id: input.entityId ?? null,
        client_id: input.clientId ?? null,
        before_json: input.before === undefined ? null : JSON.stringify(input.before),
        after_json: input.after === undefined ? null : JSON.stringify(input.after),
        ip: this.ip,
        request_id: this.requestId,
      })
      .execute()
  }

  /** One audit record per change for a bulk operation (an import), inserted in chunks. */
  async auditMany(action: string, inputs: AuditInput[]): Promise<void> {
    const at = nowIso()
    const rows = inputs.map((input) => ({
      id: newId(),
      at,
      actor_id: this.actor?.id ?? null,
      actor_label: this.actorLabel,
      action,
      entity: input.entity,
      entity_id: input.entityId ?? null,
      client_id: input.clientId ?? null,
      before_json: input.before === undefined ? null : JSON.stringify(input.before),
      after_json: input.after === undefined ? null : JSON.stringify(input.after),
      ip: this.ip,
      request_id: this.requestId,
    }))
    for (let i = 0; i < rows.length; i += 200)
      await this.raw
        .insertInto('audit_log')
        .values(rows.slice(i, i + 200))
        .execute()
  }

  /** Publishes a domain event; inside a transaction it waits for the commit. */
  async emit(name: string, payload: Record<string, unknown>): Promise<void> {
    if (this.pending) this.pending.push({ name, payload })
    else await this.services.events.dispatch(this, name, payload)
  }
}
