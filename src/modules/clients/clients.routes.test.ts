import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { defineModule } from '../../core/module.js'
import { makeClient, makeContact } from './clients.test-kit.js'
import { clientsModule } from './index.js'

test('a manager opens its own client’s card but gets 404 for another manager’s client', async (t) => {
  const { app, services, given } = await testApp(t)
  const head = await given.head()
  const anna = await given.manager()
  const boris = await given.manager()
  const mine = await makeClient(services, head, { name: 'Anna Client Kft.' }, anna.id)
  const theirs = await makeClient(services, head, { name: 'Boris Client Kft.' }, boris.id)
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  const own = await agent.get(`/clients/${mine}`)
  assert.equal(own.statusCode, 200)
  assert.match(own.body, /Anna Client Kft\./)
  assert.equal((await agent.get(`/clients/${theirs}`)).statusCode, 404)
  assert.equal((await agent.get(`/clients/${theirs}/edit`)).statusCode, 404)
  const list = await agent.get('/clients')
  assert.match(list.body, /Anna Client Kft\./)
  assert.doesNotMatch(list.body, /Boris Client Kft\./)
  const client = await given.clientUser({ client: { id: mine } })
  const asClient = await Agent.signedIn(app, await given.sessionCookie(client))
  assert.equal((await asClient.get('/clients')).statusCode, 403, 'client users have /company, not the client list')
})

test('the create form checks the tax id and keeps what was typed; a valid client lands on its card', async (t) => {
  const { app, given } = await testApp(t)
  const anna = await given.manager()
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  await agent.get('/clients/new')
  const form = {
    name: 'Új Ügyfél Kft.',
    kind: 'company',
    country: 'HU',
    tax_id: '10625791-4-44',
    status: 'active',
    email: 'iroda@uj.hu',
    bank_rows: '1',
    bank_account_0: 'HU42 1177 3016 1111 1018 0000 0001',
    bank_currency_0: 'HUF',
  }
  const bad = await agent.post('/clients', form)
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /The check digit \(the 8th\) does not match/)
  assert.match(bad.body, /This IBAN is not valid/)
  assert.match(bad.body, /value="iroda@uj.hu"/, 'typed input is kept')
  assert.match(bad.body, /value="Új Ügyfél Kft."/)
  const good = await agent.post('/clients', {
    ...form,
    tax_id: '10625790444',
    bank_account_0: 'HU42117730161111101800000000',
  })
  assert.equal(good.statusCode, 303)
  const card = await agent.get(good.headers.location as string)
  assert.match(card.body, /10625790-4-44/, 'stored in the 8-1-2 form')
  assert.match(card.body, /HU42 1177 3016 1111 1018 0000 0000/)
  assert.match(card.body, /Client created/, 'the card’s timeline has the creation')
})

test('reassignment is for the head only; the history shows on the card', async (t) => {
  const { app, services, given } = await testApp(t)
  const head = await given.head()
  const anna = await given.manager({ name: 'Anna Szabó' })
  const boris = await given.manager({ name: 'Boris Petrov' })
  const id = await makeClient(services, head, { name: 'Handover Kft.' }, anna.id)
  const asAnna = await Agent.signedIn(app, await given.sessionCookie(anna))
  await asAnna.get(`/clients/${id}`)
  assert.equal((await asAnna.post(`/clients/${id}/reassign`, { manager_id: boris.id })).statusCode, 403)
  assert.doesNotMatch(
    (await asAnna.get(`/clients/${id}`)).body,
    /action="\/clients\/[^"]+\/reassign"/,
    'no reassign form for a manager',
  )
  const asHead = await Agent.signedIn(app, await given.sessionCookie(head))
  await asHead.get(`/clients/${id}`)
  const missing = await asHead.post(`/clients/${id}/reassign`, { manager_id: '' })
  assert.equal(missing.statusCode, 422)
  const res = await asHead.post(`/clients/${id}/reassign`, { manager_id: boris.id, comment: 'Anna on leave' })
  assert.equal(res.statusCode, 303)
  const card = await asHead.get(`/clients/${id}`)
  assert.match(card.body, /Anna Szabó → Boris Petrov/)
  assert.match(card.body, /Anna on leave/)
  assert.match(card.body, /Account manager changed: Anna Szabó → Boris Petrov/, 'timeline entry, marked internal')
  assert.equal((await asAnna.get(`/clients/${id}`)).statusCode, 404, 'Anna no longer sees it')
})

test('give portal access: an invited client user with all areas, an invitation in the outbox, the person linked', async (t) => {
  const { app, services, given } = await testApp(t)
  const anna = await given.manager()
  const id = await makeClient(services, anna, { name: 'Portal Kft.' })
  const contactId = await makeContact(services, anna, id, { name: 'Tóth Anikó', email: 'Aniko.Toth@portal.example' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  await agent.get(`/clients/${id}`)
  const res = await agent.post(`/clients/${id}/contacts/${contactId}/portal-access`)
  assert.equal(res.statusCode, 303)
  const db = services.db.kysely
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', 'aniko.toth@portal.example')
    .executeTakeFirstOrThrow()
  assert.equal(user.role, 'client')
  assert.equal(user.client_id, id)
  assert.equal(user.status, 'invited')
  assert.equal(user.areas, 'orders,finance,documents,support')
  assert.equal(user.is_client_admin, 0)
  const person = await db
    .selectFrom('contact_persons')
    .select('user_id')
    .where('id', '=', contactId)
    .executeTakeFirstOrThrow()
  assert.equal(person.user_id, user.id)
  const mail = await db.selectFrom('outbox').selectAll().where('recipient', '=', user.email).execute()
  assert.equal(mail.length, 1)
  assert.match(mail[0]?.body_text ?? '', /\/invite\//)
  const card = await agent.get(`/clients/${id}`)
  assert.match(card.body, /Has a portal login/)
  assert.match(card.body, /aniko\.toth@portal\.example/)

  // A second person with an e-mail that is already a user is refused, and nothing is created.
  const taken = await given.manager({ email: 'taken@portal.example' })
  const other = await makeContact(services, anna, id, { name: 'Taken', email: taken.email })
  const refused = await agent.post(`/clients/${id}/contacts/${other}/portal-access`, {}, {})
  assert.equal(refused.statusCode, 409)
  const otherPerson = await db
    .selectFrom('contact_persons')
    .select('user_id')
    .where('id', '=', other)
    .executeTakeFirstOrThrow()
  assert.equal(otherPerson.user_id, null)
  assert.equal((await db.selectFrom('outbox').select('id').where('recipient', '=', taken.email).execute()).length, 0)
})

test('contact persons: one primary per client, edit keeps it, remove archives with an audit record', async (t) => {
  const { app, services, given } = await testApp(t)
  const anna = await given.manager()
  const id = await makeClient(services, anna, { name: 'People Kft.' })
  const first = await makeContact(services, anna, id, { name: 'First' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  await agent.get(`/clients/${id}/contacts/new`)
  const bad = await agent.post(`/clients/${id}/contacts`, { name: '', email: 'nope', relationship_role: 'accountant' })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /Enter a valid e-mail address/)
  const ok = await agent.post(`/clients/${id}/contacts`, {
    name: 'Second',
    email: 'second@people.example',
    relationship_role: 'accountant',
    is_primary: '1',
  })
  assert.equal(ok.statusCode, 303)
  const db = services.db.kysely
  const rows = await db
    .selectFrom('contact_persons')
    .select(['name', 'is_primary'])
    .where('client_id', '=', id)
    .orderBy('name')
    .execute()
  assert.deepEqual(rows, [
    { name: 'First', is_primary: 0 },
    { name: 'Second', is_primary: 1 },
  ])
  assert.equal((await agent.post(`/clients/${id}/contacts/${first}/archive`)).statusCode, 303)
  const archived = await db
    .selectFrom('contact_persons')
    .select('archived_at')
    .where('id', '=', first)
    .executeTakeFirstOrThrow()
  assert.ok(archived.archived_at)
  assert.doesNotMatch((await agent.get(`/clients/${id}`)).body, />First</)
  const audit = await db.selectFrom('audit_log').select('action').where('entity_id', '=', first).orderBy('at').execute()
  assert.deepEqual(
    audit.map((a) => a.action),
    ['contact_person.created', 'contact_person.archived'],
  )
  assert.equal(
    (await agent.get(`/clients/${id}/contacts/${first}/edit`)).statusCode,
    404,
    'an archived person is gone from the card',
  )
})

test('the manager changes a client user’s areas and client-admin flag on the card', async (t) => {
  const { app, services, given } = await testApp(t)
  const anna = await given.manager()
  const id = await makeClient(services, anna, { name: 'Rights Kft.' })
  const user = await given.clientUser({ client: { id }, name: 'Colleague' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  const card = await agent.get(`/clients/${id}`)
  assert.match(card.body, /Colleague/)
  assert.equal(
    (await agent.post(`/clients/${id}/users/${user.id}`, { areas: ['orders', 'support'], is_client_admin: '1' }))
      .statusCode,
    303,
  )
  const row = await services.db.kysely
    .selectFrom('users')
    .select(['areas', 'is_client_admin'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, { areas: 'orders,support', is_client_admin: 1 })
  const other = await given.clientUser()
  assert.equal(
    (await agent.post(`/clients/${id}/users/${other.id}`, { areas: 'orders' })).statusCode,
    404,
    'a user of another client is not found here',
  )
})

test('the timeline pages back with an "older" link', async (t) => {
  const { app, services, given } = await testApp(t)
  const anna = await given.manager()
  const id = await makeClient(services, anna, { name: 'Busy Kft.' })
  for (let i = 0; i < 24; i++) await makeContact(services, anna, id, { name: `Person ${String(i).padStart(2, '0')}` })
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  const first = await agent.get(`/clients/${id}`)
  assert.match(first.body, /Contact person added: Person 23/)
  assert.doesNotMatch(first.body, /Client created/)
  const older = /href="(\/clients\/[^"]+\?before=[^"#]+)#timeline"/.exec(first.body)?.[1]
  assert.ok(older, 'an older link')
  const second = await agent.get(older.replace(/&amp;/g, '&'))
  assert.match(second.body, /Client created/)
  assert.doesNotMatch(second.body, /Contact person added: Person 23/)
})

test('the card’s timeline merges every enabled module’s events, newest first, internal ones marked', async (t) => {
  const events = defineModule({
    name: 'probe-events',
    timeline: async (_ctx, clientId, opts) =>
      [
        {
          at: '2030-01-02T10:00:00.000Z',
          module: 'orders',
          title: `Order shipped for ${clientId.slice(0, 4)}`,
          href: '/orders/1',
        },
        { at: '2030-01-01T10:00:00.000Z', module: 'support', title: 'Staff note on the request', internal: true },
      ].filter((e) => !opts.before || e.at < opts.before),
  })
  const off = defineModule({
    name: 'probe-off',
    timeline: async () => [{ at: '2030-02-01T00:00:00.000Z', module: 'x', title: 'From a switched-off module' }],
  })
  const { app, services, given } = await testApp(t, {
    modules: [clientsModule, events, off],
    env: { KABINET_DISABLED_MODULES: 'probe-off' },
  })
  const anna = await given.manager()
  const id = await makeClient(services, anna, { name: 'Merged Kft.' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  const body = (await agent.get(`/clients/${id}`)).body
  const shipped = body.indexOf('Order shipped')
  const note = body.indexOf('Staff note on the request')
  const created = body.indexOf('Client created')
  assert.ok(shipped > 0 && note > shipped && created > note, 'newest first across modules')
  assert.match(body, /<li class="internal">(?:(?!<\/li>)[\s\S])*Staff note on the request/, 'internal item marked')
  assert.match(body, /href="\/orders\/1"/)
  assert.doesNotMatch(body, /From a switched-off module/)
})
