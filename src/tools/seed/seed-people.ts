import { searchTextOf, sortNameOf } from '../../modules/clients/search-text.js'
import { CURRENCY } from '../../modules/orders/orders-demo-data.js'
import { addDays, at, iso } from './random.js'
import { COUNTRY, clientName, groupOf, LOCALE, personName } from './seed-names.js'
import type { SeedWorld } from './seed-world.js'

export const SEED_DOMAIN = 'seed.kabinet'
export const SEED_PASSWORD = 'kabinet-seed'

/** The login of client `i`'s first user (its client admin): `client1@…` is the largest client. */
export const clientLogin = (i: number): string => `client${i + 1}@${SEED_DOMAIN}`
export const managerLogin = (k: number): string => `manager${k + 1}@${SEED_DOMAIN}`
export const HEAD_LOGIN = `head@${SEED_DOMAIN}`

const ROLES = ['decision_maker', 'accountant', 'technical', 'other'] as const
const CONTRACT_TYPES = ['supply', 'services', 'lease', 'agency', 'framework', 'other'] as const
const CHANNELS = ['call', 'meeting', 'email', 'message', 'visit'] as const

/** One manager per 200 clients (at least two), as a sales team of that size would have. */
export const managerCount = (clients: number): number => Math.max(2, Math.ceil(clients / 200))

function userRow(
  w: SeedWorld,
  u: {
    id: string
    email: string
    name: string
    role: 'client' | 'manager' | 'head' | 'admin'
    locale: string
    clientId?: string
    admin?: boolean
    created: number
  },
) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    client_id: u.clientId ?? null,
    is_client_admin: (u.admin ? 1 : 0) as 0 | 1,
    all_clients: 0 as const,
    areas: 'orders,finance,documents,support',
    locale: u.locale,
    password_hash: w.passwordHash,
    status: 'active' as const,
    totp_secret: null,
    totp_enabled: 0 as const,
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    created_at: iso(u.created),
    updated_at: iso(u.created),
  }
}

/** Staff, clients, their users and contact persons, contracts and a contact log. */
export async function seedPeople(w: SeedWorld): Promise<void> {
  const { rng, ids } = w
  const founded = at(addDays(w.start, -365))
  w.headId = ids.id(founded)
  w.adminId = ids.id(founded + 1)
  await w.w.add(
    'users',
    userRow(w, { id: w.headId, email: HEAD_LOGIN, name: 'Éva Kovács', role: 'head', locale: 'hu', created: founded }),
  )
  await w.w.add(
    'users',
    userRow(w, {
      id: w.adminId,
      email: `admin@${SEED_DOMAIN}`,
      name: 'Admin Albert',
      role: 'admin',
      locale: 'en',
      created: founded,
    }),
  )
  for (let k = 0; k < managerCount(w.plan.clients); k++) {
    const id = ids.id(founded + 2 + k)
    const g = groupOf(k)
    w.managerIds.push(id)
    await w.w.add(
      'users',
      userRow(w, {
        id,
        email: managerLogin(k),
        name: personName(g, k * 7 + 3),
        role: 'manager',
        locale: LOCALE[g],
        created: founded,
      }),
    )
  }

  for (let i = 0; i < w.plan.clients; i++) {
    const g = groupOf(i)
    const created = at(addDays(w.start, -rng.int(1, 365)), rng.int(7 * 60, 17 * 60))
    const name = clientName(i)
    const email = `office@client${i + 1}.${SEED_DOMAIN}`
    const persons = [0, 1].map((p) => ({
      id: ids.id(created + 1 + p),
      name: personName(g, i * 3 + p * 11),
      email: `person${p + 1}@client${i + 1}.${SEED_DOMAIN}`,
    }))
    const client = {
      index: i,
      id: ids.id(created),
      name,
      group: g,
      currency: CURRENCY[g],
      managerId: w.managerIds[i % w.managerIds.length] as string,
      userIds: [] as string[],
      contactPersonIds: persons.map((p) => p.id),
    }
    w.clients.push(client)
    const roll = rng.next()
    await w.w.add('clients', {
      id: client.id,
      name,
      manager_id: client.managerId,
      status: roll < 0.9 ? 'active' : roll < 0.95 ? 'prospect' : 'suspended',
      created_at: iso(created),
      updated_at: iso(created),
      short_name: null,
      kind: 'company',
      country: COUNTRY[g],
      tax_id: null,
      kpp: null,
      registration_number: null,
      legal_address: null,
      postal_address: null,
      bank_accounts: '[]',
      phone: `+36 1 ${String(1_000_000 + i).slice(-7)}`,
      email,
      website: null,
      client_group: (['Retail', 'Wholesale', 'Industry', 'Public'] as const)[i % 4] as string,
      tags: i % 10 === 0 ? 'VIP' : null,
      notes: null,
      support_visibility: 'company',
      search_text: searchTextOf({ name, short_name: null, tax_id: null, email }, persons),
      sort_name: sortNameOf(name),
    })
    const userCount = i % 3 === 0 ? 2 : 1
    for (let u = 0; u < userCount; u++) {
      const id = ids.id(created + 10 + u)
      client.userIds.push(id)
      await w.w.add(
        'users',
        userRow(w, {
          id,
          email: u === 0 ? clientLogin(i) : `client${i + 1}.colleague@${SEED_DOMAIN}`,
          name: u === 0 ? (persons[0]?.name as string) : personName(g, i * 5 + 7),
          role: 'client',
          locale: LOCALE[g],
          clientId: client.id,
          admin: u === 0,
          created: created + 10 + u,
        }),
        'client_users',
      )
    }
    for (const [p, person] of persons.entries()) {
      await w.w.add('contact_persons', {
        id: person.id,
        client_id: client.id,
        name: person.name,
        position: p === 0 ? 'Director' : 'Accountant',
        email: person.email,
        phone: null,
        mobile: null,
        messenger: null,
        relationship_role: ROLES[p] as (typeof ROLES)[number],
        is_primary: p === 0 ? 1 : 0,
        notes: null,
        // The first person signs in as the client admin.
        user_id: p === 0 ? (client.userIds[0] as string) : null,
        archived_at: null,
        created_at: iso(created),
        updated_at: iso(created),
      })
    }
    await seedContracts(w, client.id, client.managerId, i, created)
    await seedContactLog(w, client.id, client.managerId, persons[0]?.id as string)
  }
}

async function seedContracts(w: SeedWorld, clientId: string, managerId: string, i: number, created: number) {
  const { rng, ids } = w
  const count = i % 2 === 0 ? 2 : 1
  for (let c = 0; c < count; c++) {
    const signedOn = addDays(w.start, rng.int(0, 700))
    const year = signedOn.slice(0, 4)
    const number = `C-${year}/${String(c + 1).padStart(3, '0')}`
    const subject = c === 0 ? 'Framework supply agreement' : 'Service agreement'
    const validTo = c === 0 ? null : addDays(signedOn, 365 * 2)
    const ended = validTo !== null && validTo < w.plan.today
    const id = ids.id(Math.max(created, at(signedOn)))
    const status = ended ? 'expired' : 'active'
    await w.w.add('contracts', {
      id,
      client_id: clientId,
      number,
      search_text: `${number} ${subject}`.toLowerCase(),
      signed_on: signedOn,
      subject,
      type: CONTRACT_TYPES[(i + c) % CONTRACT_TYPES.length] as (typeof CONTRACT_TYPES)[number],
      parameters_json: '[]',
      amount_minor: null,
      amount_currency: null,
      valid_from: signedOn,
      valid_to: validTo,
      status,
      scan_sha256: null,
      issuer: null,
      notes: '',
      version: ended ? 3 : 2,
      created_at: iso(at(signedOn)),
      updated_at: iso(at(ended ? (validTo as string) : signedOn, 10 * 60)),
      created_by: managerId,
    })
    const changes: [string | null, string, string, string][] = [
      [null, 'draft', managerId, iso(at(signedOn))],
      ['draft', 'active', managerId, iso(at(signedOn, 10 * 60))],
    ]
    if (ended) changes.push(['active', 'expired', 'system', iso(at(validTo as string, 1))])
    for (const [k, [from, to, by, when]] of changes.entries()) {
      await w.w.add('contract_status_changes', {
        id: ids.id(Date.parse(when) + k),
        client_id: clientId,
        contract_id: id,
        from_status: from as 'draft' | null,
        to_status: to as 'active',
        changed_by: by,
        changed_at: when,
        comment: null,
      })
    }
  }
}

async function seedContactLog(w: SeedWorld, clientId: string, managerId: string, personId: string) {
  const { rng, ids } = w
  for (let k = 0; k < 2; k++) {
    const day = w.daysAgo(rng.int(0, 700))
    const when = at(day, rng.int(8 * 60, 17 * 60))
    const open = k === 1 && rng.chance(0.3)
    const id = ids.id(when)
    await w.w.add('contact_log', {
      id,
      client_id: clientId,
      employee_id: managerId,
      channel: rng.pick(CHANNELS),
      direction: rng.chance(0.5) ? 'inbound' : 'outbound',
      occurred_at: iso(when),
      duration_minutes: rng.int(5, 60),
      summary: k === 0 ? 'Quarterly review of orders and payments' : 'Call about the next delivery',
      outcome: 'Agreed',
      next_step: open ? 'Send the updated price list' : null,
      next_step_due: open ? addDays(day, 7) : null,
      next_step_done_at: null,
      next_step_done_by: null,
      created_at: iso(when),
      updated_at: iso(when),
      created_by: managerId,
    })
    await w.w.add('contact_log_persons', { contact_log_id: id, contact_person_id: personId, client_id: clientId })
  }
}
