import type { AppConfig } from '../../config.js'
import { hashPassword } from '../auth/passwords.js'
import { Ctx } from '../ctx.js'
import type { Db } from '../db/database.js'
import { newId, nowIso } from '../db/ids.js'
import type { DemoWorld } from '../module.js'
import { DEFAULTS } from '../settings/settings-store.js'
import { buildStandaloneServices } from '../standalone-services.js'
import { DEMO_CLIENTS, DEMO_PASSWORD, DEMO_STAFF, demoClientUsers, seededRandom } from './demo-data.js'

const DEMO_MARKER = 'demo'

/**
 * Loads the demo company into an empty database (and does nothing when the demo is already there).
 * A database holding real accounts is refused, so the demo can never mix with live data.
 */
export async function loadDemo(config: AppConfig, db: Db): Promise<'loaded' | 'present'> {
  const k = db.kysely
  const marker = await k.selectFrom('settings').select('key').where('key', '=', DEMO_MARKER).executeTakeFirst()
  if (marker) return 'present'
  const anyUser = await k.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (anyUser) {
    throw new Error(
      `the database at ${config.databaseUrl} already holds accounts; the demo loads only into an empty one (set KABINET_DATA_DIR or KABINET_DATABASE_URL to another place)`,
    )
  }
  const services = buildStandaloneServices(config, db)
  const ctx = Ctx.system(services, 'demo')
  const hash = await hashPassword(DEMO_PASSWORD)
  const now = nowIso()
  const random = seededRandom(20261129)
  await ctx.transaction(async (tx) => {
    const raw = tx.unscoped('demo loader')
    await services.settings.put(
      raw,
      'company',
      {
        ...DEFAULTS.company,
        legalName: 'Demo Kereskedelmi Kft.',
        shortName: 'Demo Kabinet',
        taxId: '12345676-2-41',
        address: '1051 Budapest, Nádor utca 12.',
        email: 'office@kabinet.demo',
        phone: '+36 1 555 0100',
        bankAccounts: [
          { bankName: 'OTP Bank', account: 'HU42117730161111101800000000', bic: 'OTPVHUHB', currency: 'HUF' },
          { bankName: 'Erste Bank', account: 'HU93116000060000000012345676', bic: 'GIBAHUHB', currency: 'EUR' },
        ],
        defaultCurrency: 'HUF',
        timeZone: 'Europe/Budapest',
        defaultLocale: 'en',
      },
      null,
    )
    const userRow = (u: {
      email: string
      name: string
      role: 'client' | 'manager' | 'head' | 'admin'
      locale: string
    }) => ({
      id: newId(),
      email: u.email,
      name: u.name,
      role: u.role,
      client_id: null as string | null,
      is_client_admin: 0 as 0 | 1,
      all_clients: 0 as 0 | 1,
      locale: u.locale,
      password_hash: hash,
      status: 'active' as const,
      totp_secret: null,
      totp_enabled: 0 as const,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    const staff = DEMO_STAFF.map(userRow)
    await raw.insertInto('users').values(staff).execute()
    const managers = staff.filter((s) => s.role === 'manager')
    const world: DemoWorld = {
      headId: staff.find((s) => s.role === 'head')?.id as string,
      managerIds: managers.map((m) => m.id),
      clientIds: [],
      clientUserIds: {},
      random,
    }
    for (const [i, name] of DEMO_CLIENTS.entries()) {
      const clientId = newId()
      await raw
        .insertInto('clients')
        .values({
          id: clientId,
          name,
          manager_id: managers[i % managers.length]?.id ?? null,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .execute()
      const users = demoClientUsers(i).map((u) => ({
        ...userRow({ ...u, role: 'client' }),
        client_id: clientId,
        is_client_admin: (u.isClientAdmin ? 1 : 0) as 0 | 1,
      }))
      await raw.insertInto('users').values(users).execute()
      world.clientIds.push(clientId)
      world.clientUserIds[clientId] = users.map((u) => u.id)
    }
    for (const mod of services.modules) {
      if (!mod.demo || !services.isEnabled(mod.name)) continue
      const started = performance.now()
      await mod.demo(tx, world)
      services.log.info({ module: mod.name, ms: Math.round(performance.now() - started) }, 'demo data loaded')
    }
    await raw
      .insertInto('settings')
      .values({ key: DEMO_MARKER, value_json: JSON.stringify({ loadedAt: now }), updated_at: now, updated_by: null })
      .execute()
    await tx.audit('demo.loaded', { entity: 'company', after: { clients: DEMO_CLIENTS.length } })
  })
  return 'loaded'
}

/** Prints the URL and one login per line: `role  e-mail  password`. */
export function printDemoLogins(url: string): void {
  const lines = [`\nKabinet demo is running at ${url}\n`, 'Demo logins (role  e-mail  password):']
  for (const s of DEMO_STAFF) lines.push(`${s.role}  ${s.email}  ${DEMO_PASSWORD}`)
  DEMO_CLIENTS.forEach((_, i) => {
    for (const u of demoClientUsers(i)) lines.push(`client  ${u.email}  ${DEMO_PASSWORD}`)
  })
  process.stdout.write(`${lines.join('\n')}\n\n`)
}
