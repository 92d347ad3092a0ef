import type { Ctx } from '../../core/ctx.js'
import { newId } from '../../core/db/ids.js'
import type { DemoWorld } from '../../core/module.js'
import { ACCOUNTANTS, clientDetails, GROUPS, pick, STATUS_OF, TAGS, TECHNICAL } from './clients.demo-data.js'
import type { NewContactPerson } from './clients.schema.js'
import { searchTextOf, sortNameOf } from './search-text.js'

const DAY = 86_400_000

/**
 * The clients module's demo: each of the 30 demo clients gets valid tax numbers, addresses, bank
 * accounts, a group, tags and 1–3 contact persons (linked to its portal users by e-mail), and a few
 * clients changed hands between managers.
 */
export async function clientsDemo(ctx: Ctx, world: DemoWorld): Promise<void> {
  const db = ctx.unscoped('demo data')
  const r = world.random
  const now = Date.now()
  const clients = await db
    .selectFrom('clients')
    .select(['id', 'name', 'manager_id'])
    .where('id', 'in', world.clientIds)
    .execute()
  const byId = new Map(clients.map((c) => [c.id, c]))
  const contacts: NewContactPerson[] = []
  const history: {
    id: string
    client_id: string
    from_manager_id: string | null
    to_manager_id: string | null
    changed_by: string
    changed_at: string
    comment: string
  }[] = []
  for (const [i, clientId] of world.clientIds.entries()) {
    const client = byId.get(clientId)
    if (!client) continue
    const d = clientDetails(r, i, client.name)
    const lang = d.lang as 'hu' | 'ru' | 'en'
    const createdAt = now - (400 + Math.floor(r() * 500)) * DAY
    const users = await db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('client_id', '=', clientId)
      .orderBy('is_client_admin', 'desc')
      .execute()
    const people: NewContactPerson[] = users.map((u, k) => ({
      id: newId(createdAt + (k + 1) * DAY),
      client_id: clientId,
      name: u.name,
      position:
        k === 0
          ? pick(
              r,
              lang === 'hu'
                ? ['Ügyvezető', 'Beszerzési vezető']
                : lang === 'ru'
                  ? ['Генеральный директор', 'Директор по закупкам']
                  : ['Managing Director', 'Head of Purchasing'],
            )
          : lang === 'hu'
            ? 'Pénzügyi vezető'
            : lang === 'ru'
              ? 'Главный бухгалтер'
              : 'Finance Manager',
      email: u.email,
      phone: d.phone,
      mobile: null,
      messenger: k === 0 && lang === 'ru' ? `@${u.email.split('@')[0]}` : null,
      relationship_role: k === 0 ? 'decision_maker' : 'accountant',
      is_primary: k === 0 ? 1 : 0,
      notes: null,
      user_id: u.id,
      archived_at: null,
      created_at: new Date(createdAt + (k + 1) * DAY).toISOString(),
      updated_at: new Date(createdAt + (k + 1) * DAY).toISOString(),
    }))
    // Clients without a second portal user get an accountant without a login, some a technical contact too.
    if (people.length === 1) {
      const name = pick(r, ACCOUNTANTS[lang])
      people.push({
        ...(people[0] as NewContactPerson),
        id: newId(createdAt + 5 * DAY),
        name,
        position: null,
        email: `accounting@${d.email.split('@')[1]}`,
        messenger: null,
        relationship_role: 'accountant',
        is_primary: 0,
        user_id: null,
        created_at: new Date(createdAt + 5 * DAY).toISOString(),
        updated_at: new Date(createdAt + 5 * DAY).toISOString(),
      })
    }
    if (i % 4 === 1) {
      const name = pick(r, TECHNICAL[lang])
      people.push({
        ...(people[0] as NewContactPerson),
        id: newId(createdAt + 9 * DAY),
        name,
        position: null,
        email: null,
        mobile: d.phone,
        messenger: null,
        relationship_role: 'technical',
        is_primary: 0,
        user_id: null,
        created_at: new Date(createdAt + 9 * DAY).toISOString(),
        updated_at: new Date(createdAt + 9 * DAY).toISOString(),
      })
    }
    contacts.push(...people)
    const tags = TAGS.filter(() => r() < 0.25)
    const row = {
      short_name: client.name.replace(/\s+(Kft\.|Zrt\.|Bt\.|Ltd\.|GmbH|AG|LLC|BV|s\.r\.o\.)$/, ''),
      kind: d.kind,
      country: d.country,
      tax_id: d.tax_id,
      kpp: d.kpp,
      registration_number: d.registration_number,
      legal_address: d.legal_address,
      postal_address: i % 5 === 0 ? d.legal_address : null,
      phone: d.phone,
      email: d.email,
      website: d.website,
      client_group: pick(r, GROUPS[lang]),
      tags: tags.length ? tags.join(', ') : null,
      notes: null,
      bank_accounts: JSON.stringify(d.bank_accounts),
      status: STATUS_OF[i] ?? 'active',
      support_visibility: i % 3 === 2 ? ('mine' as const) : ('company' as const),
      created_at: new Date(createdAt).toISOString(),
    }
    await db
      .updateTable('clients')
      .set({
        ...row,
        sort_name: sortNameOf(client.name),
        search_text: searchTextOf(
          { name: client.name, short_name: row.short_name, tax_id: row.tax_id, email: row.email },
          people.map((p) => ({ name: p.name, email: p.email ?? null })),
        ),
      })
      .where('id', '=', clientId)
      .execute()
    // Every fifth client came over from a colleague some months ago.
    if (i % 5 === 2 && world.managerIds.length > 1 && client.manager_id) {
      const others = world.managerIds.filter((m) => m !== client.manager_id)
      const at = createdAt + (120 + Math.floor(r() * 200)) * DAY
      history.push({
        id: newId(at),
        client_id: clientId,
        from_manager_id: pick(r, others),
        to_manager_id: client.manager_id,
        changed_by: world.headId,
        changed_at: new Date(at).toISOString(),
        comment: pick(r, [
          'Workload balancing',
          'Language: the client prefers their own language',
          'Previous manager moved to key accounts',
        ]),
      })
    }
  }
  for (let k = 0; k < contacts.length; k += 100)
    await db
      .insertInto('contact_persons')
      .values(contacts.slice(k, k + 100))
      .execute()
  if (history.length) await db.insertInto('client_manager_history').values(history).execute()
}
