import { hashPassword } from '../../src/core/auth/passwords.js'
import { createSession } from '../../src/core/auth/sessions.js'
import type { Role, User } from '../../src/core/db/core-tables.js'
import { newId, nowIso } from '../../src/core/db/ids.js'
import type { Services } from '../../src/core/services.js'

export const PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | null = null
let counter = 0

export interface GivenUser extends User {
  password: string
}

/** Builds a test's own world: clients, users, sessions — straight into the database. */
export class Given {
  constructor(readonly services: Services) {}

  private get db() {
    return this.services.db.kysely
  }

  async client(opts: { name?: string; managerId?: string | null; status?: string } = {}) {
    const now = nowIso()
    const row = {
      id: newId(),
      name: opts.name ?? `Client ${++counter}`,
      manager_id: opts.managerId ?? null,
      status: opts.status ?? 'active',
      created_at: now,
      updated_at: now,
    }
    await this.db.insertInto('clients').values(row).execute()
    return row
  }

  async user(
    opts: {
      role?: Role
      clientId?: string | null
      email?: string
      name?: string
      isClientAdmin?: boolean
      allClients?: boolean
      areas?: string[]
      status?: User['status']
      locale?: string | null
      totpSecret?: string | null
    } = {},
  ): Promise<GivenUser> {
    passwordHash ??= hashPassword(PASSWORD)
    const now = nowIso()
    const n = ++counter
    const row: User = {
      id: newId(),
      email: opts.email ?? `user${n}-${newId().slice(-6)}@example.test`,
      name: opts.name ?? `User ${n}`,
      role: opts.role ?? 'manager',
      client_id: opts.clientId ?? null,
      is_client_admin: opts.isClientAdmin ? 1 : 0,
      all_clients: opts.allClients ? 1 : 0,
      areas: (opts.areas ?? ['orders', 'finance', 'documents', 'support']).join(','),
      locale: opts.locale ?? null,
      password_hash: await passwordHash,
      status: opts.status ?? 'active',
      totp_secret: opts.totpSecret ?? null,
      totp_enabled: opts.totpSecret ? 1 : 0,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    }
    await this.db.insertInto('users').values(row).execute()
    return { ...row, password: PASSWORD }
  }

  head = (opts: Parameters<Given['user']>[0] = {}) => this.user({ ...opts, role: 'head' })
  admin = (opts: Parameters<Given['user']>[0] = {}) => this.user({ ...opts, role: 'admin' })
  manager = (opts: Parameters<Given['user']>[0] = {}) => this.user({ ...opts, role: 'manager' })

  /** A client user; makes its client too unless one is given. */
  async clientUser(opts: Parameters<Given['user']>[0] & { client?: { id: string } } = {}) {
    const client = opts.client ?? (await this.client())
    return this.user({ ...opts, role: 'client', clientId: client.id })
  }

  /** A session cookie header for `user`, as if it had signed in. */
  async sessionCookie(user: { id: string }): Promise<string> {
    const token = await createSession(this.db, user.id, {
      idleMinutes: this.services.config.sessionIdleMinutes,
      maxDays: this.services.config.sessionMaxDays,
    })
    return `kabinet_session=${token}`
  }
}
