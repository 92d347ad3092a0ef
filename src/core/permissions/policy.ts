import type { ClientArea, Role } from '../db/core-tables.js'
import type { ModuleManifest } from '../module.js'

/** Permissions of the core itself; modules declare theirs in their manifests. */
export const CORE_PERMISSIONS: Record<string, Role[]> = {
  'users.manage': ['head', 'admin'],
  // Client users of the clients in the manager's scope (portal access, areas, client admin flag).
  'client_users.manage': ['manager', 'head'],
  'settings.manage': ['head', 'admin'],
  'audit.read': ['head', 'admin'],
  'api.tokens': ['client', 'manager', 'head', 'admin'],
}

/** What a client admin may do for its own company. */
export const CORE_CLIENT_ADMIN_PERMISSIONS = ['company.users', 'audit.read']

export interface Policy {
  /** Every permission any role holds. */
  readonly all: ReadonlySet<string>
  permissionsFor(user: { role: Role; isClientAdmin: boolean; areas?: readonly ClientArea[] }): ReadonlySet<string>
}

/** Builds the one permission table from core and the enabled modules. */
export function buildPolicy(modules: readonly ModuleManifest[]): Policy {
  const byRole: Record<Role, Set<string>> = {
    client: new Set(),
    manager: new Set(),
    head: new Set(),
    admin: new Set(),
  }
  const all = new Set<string>()
  const clientAdmin = new Set(CORE_CLIENT_ADMIN_PERMISSIONS)
  const areaOf = new Map<string, ClientArea>()
  const grant = (table: Record<string, Role[]>) => {
    for (const [permission, roles] of Object.entries(table)) {
      all.add(permission)
      for (const role of roles) byRole[role].add(permission)
    }
  }
  grant(CORE_PERMISSIONS)
  for (const mod of modules) {
    grant(mod.permissions ?? {})
    for (const p of mod.clientAdminPermissions ?? []) clientAdmin.add(p)
    for (const [p, area] of Object.entries(mod.clientAreas ?? {})) areaOf.set(p, area)
  }
  for (const p of clientAdmin) all.add(p)
  // The head holds everything any staff role holds (DESIGN.md §1); what only client users hold
  // (their own company's pages) is not the head's, and the admin keeps only its own.
  for (const p of [...byRole.manager, ...byRole.admin]) byRole.head.add(p)
  const cache = new Map<string, ReadonlySet<string>>()
  return {
    all,
    permissionsFor(user) {
      const areas = user.role === 'client' ? [...(user.areas ?? [])].sort() : []
      const key = `${user.role}:${user.isClientAdmin}:${areas.join(',')}`
      let set = cache.get(key)
      if (!set) {
        const s = new Set(byRole[user.role])
        if (user.role === 'client' && user.isClientAdmin) for (const p of clientAdmin) s.add(p)
        // A client user holds an area's permissions only while that area is open to it.
        if (user.role === 'client') {
          for (const p of [...s]) {
            const area = areaOf.get(p)
            if (area && !areas.includes(area)) s.delete(p)
          }
        }
        set = s
        cache.set(key, set)
      }
      return set
    },
  }
}
