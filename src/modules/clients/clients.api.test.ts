import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { makeClient } from './clients.test-kit.js'

test('the clients API lists, creates, reads and patches in the caller’s scope, with camelCase field errors', async (t) => {
  const { app, services, given } = await testApp(t)
  const head = await given.head()
  const anna = await given.manager()
  const boris = await given.manager()
  const theirs = await makeClient(services, head, { name: 'Boris API Kft.' }, boris.id)
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  await agent.get('/clients') // a page with a form gives the CSRF token the session cookie needs
  const created = await agent.api('POST', '/api/v1/clients', {
    name: 'API Kft.',
    country: 'HU',
    taxId: '10537914444',
    tags: ['VIP', 'vip', 'export'],
    bankAccounts: [{ account: 'HU42117730161111101800000000', bankName: 'OTP', currency: 'HUF' }],
    managerId: boris.id,
  })
  assert.equal(created.statusCode, 201, created.body)
  const client = created.json()
  assert.equal(client.taxId, '10537914-4-44')
  assert.deepEqual(client.tags, ['VIP', 'export'])
  assert.equal(client.managerId, anna.id, 'a manager’s new client is its own, whatever it asks')
  assert.equal(client.bankAccounts[0].account, 'HU42 1177 3016 1111 1018 0000 0000')
  assert.equal(client.supportVisibility, 'company')
  assert.equal('search_text' in client || 'searchText' in client, false, 'only the listed fields leave')

  const bad = await agent.api('PATCH', `/api/v1/clients/${client.id}`, {
    taxId: '10537915444',
    bankAccounts: [{ account: 'GB82WEST12345698765433' }],
  })
  assert.equal(bad.statusCode, 422)
  assert.deepEqual(bad.json().error.fields, {
    taxId: 'clients.tax_id.hu_checksum',
    'bankAccounts.0.account': 'clients.iban_invalid',
  })
  const patched = await agent.api('PATCH', `/api/v1/clients/${client.id}`, {
    status: 'suspended',
    group: 'Key accounts',
  })
  assert.equal(patched.statusCode, 200)
  assert.equal(patched.json().status, 'suspended')
  assert.equal(patched.json().taxId, '10537914-4-44', 'absent fields stay')

  const list = await agent.api('GET', '/api/v1/clients?status=suspended&q=api')
  assert.equal(list.statusCode, 200)
  assert.deepEqual(
    list.json().items.map((c: { name: string }) => c.name),
    ['API Kft.'],
  )
  assert.equal(list.json().total, 1)
  assert.equal((await agent.api('GET', `/api/v1/clients/${theirs}`)).statusCode, 404)
  assert.equal((await agent.api('PATCH', `/api/v1/clients/${theirs}`, { notes: 'x' })).statusCode, 404)

  const person = await agent.api('POST', `/api/v1/clients/${client.id}/contact-persons`, {
    name: 'Kovács Anna',
    email: 'anna@api.example',
    relationshipRole: 'accountant',
  })
  assert.equal(person.statusCode, 201)
  assert.equal(person.json().isPrimary, true, 'the first contact person becomes the primary')
  const changed = await agent.api('PATCH', `/api/v1/clients/${client.id}/contact-persons/${person.json().id}`, {
    position: 'CFO',
  })
  assert.equal(changed.json().position, 'CFO')
  assert.equal(changed.json().email, 'anna@api.example')
  const persons = await agent.api('GET', `/api/v1/clients/${client.id}/contact-persons`)
  assert.equal(persons.json().items.length, 1)
  assert.equal((await agent.api('GET', `/api/v1/clients/${theirs}/contact-persons`)).statusCode, 404)
  const clientUser = await given.clientUser({ client: { id: client.id } })
  const asClient = await Agent.signedIn(app, await given.sessionCookie(clientUser))
  await asClient.get('/company')
  assert.equal((await asClient.api('GET', `/api/v1/clients/${client.id}`)).statusCode, 403)
})
