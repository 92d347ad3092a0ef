import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { makeClient, makeContact } from './clients.test-kit.js'

test('a client user sees its own company card read-only, with its contact persons but not the staff notes', async (t) => {
  const { app, services, given } = await testApp(t)
  const anna = await given.manager({ name: 'Anna Szabó' })
  const id = await makeClient(services, anna, {
    name: 'Saját Cég Kft.',
    taxId: '10625790-4-44',
    notes: 'Internal: slow payer',
  })
  await makeContact(services, anna, id, { name: 'Kiss Éva', notes: 'Prefers calls after 10' })
  const other = await makeClient(services, anna, { name: 'Más Cég Kft.' })
  const user = await given.clientUser({ client: { id } })
  const agent = await Agent.signedIn(app, await given.sessionCookie(user))
  const res = await agent.get('/company')
  assert.equal(res.statusCode, 200)
  assert.match(res.body, /Saját Cég Kft\./)
  assert.match(res.body, /10625790-4-44/)
  assert.match(res.body, /Kiss Éva/)
  assert.match(res.body, /Anna Szabó/, 'its account manager')
  assert.doesNotMatch(res.body, /slow payer|Prefers calls/, 'staff notes stay with staff')
  assert.doesNotMatch(res.body, /Más Cég/)
  assert.doesNotMatch(res.body, /action="\/company"/, 'no edit form for a plain client user')
  await agent.get('/company')
  assert.equal((await agent.post('/company', { phone: '+36 1 000 0000' })).statusCode, 403)
  assert.equal((await agent.get(`/clients/${other}`)).statusCode, 403)
  const staff = await Agent.signedIn(app, await given.sessionCookie(anna))
  assert.equal((await staff.get('/company')).statusCode, 403, 'staff use the client card')
})

test('the client admin updates phone, e-mail and postal address (audited), but not the legal name', async (t) => {
  const { app, services, given } = await testApp(t)
  const anna = await given.manager()
  const id = await makeClient(services, anna, { name: 'Legal Name Kft.', phone: '+36 1 111 1111' })
  const admin = await given.clientUser({ client: { id }, isClientAdmin: true })
  const agent = await Agent.signedIn(app, await given.sessionCookie(admin))
  const page = await agent.get('/company')
  assert.match(page.body, /action="\/company"/)
  assert.match(page.body, /href="\/company\/users"/, 'a link to the colleagues')
  const bad = await agent.post('/company', { phone: 'call me maybe', email: 'not-an-email', postal_address: '' })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /value="call me maybe"/)
  const ok = await agent.post('/company', {
    name: 'Hijacked Ltd.',
    phone: '+36 30 222 3333',
    email: 'Office@Legal.example',
    postal_address: '1111 Budapest, Pf. 12',
  })
  assert.equal(ok.statusCode, 303)
  const row = await services.db.kysely
    .selectFrom('clients')
    .select(['name', 'phone', 'email', 'postal_address'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, {
    name: 'Legal Name Kft.',
    phone: '+36 30 222 3333',
    email: 'office@legal.example',
    postal_address: '1111 Budapest, Pf. 12',
  })
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select(['actor_id', 'before_json', 'after_json'])
    .where('action', '=', 'client.contacts_updated')
    .executeTakeFirstOrThrow()
  assert.equal(audit.actor_id, admin.id)
  assert.equal(JSON.parse(audit.before_json ?? '{}').phone, '+36 1 111 1111')
  assert.equal(
    (await agent.post(`/clients/${id}`, { name: 'Hijacked Ltd.' })).statusCode,
    403,
    'the client card’s edit is staff-only',
  )
  assert.equal((await agent.api('PATCH', `/api/v1/clients/${id}`, { name: 'Hijacked Ltd.' })).statusCode, 403)

  await agent.get('/company')
  assert.equal((await agent.post('/company/support-visibility', { support_visibility: 'mine' })).statusCode, 303)
  const vis = await services.db.kysely
    .selectFrom('clients')
    .select('support_visibility')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  assert.equal(vis.support_visibility, 'mine')
})
