import assert from 'node:assert/strict'
import { test } from 'node:test'
import { contactsWorld, givenContact } from '../../../test/helpers/contacts-given.js'
import { createApiToken } from '../../core/auth/api-tokens.js'

const body = (clientId: string, extra: Record<string, unknown> = {}) => ({
  clientId,
  channel: 'meeting',
  direction: 'inbound',
  occurredAt: '2026-03-02T14:00:00+01:00',
  durationMinutes: 45,
  summary: 'Quarterly review',
  nextStep: 'Send minutes',
  nextStepDue: '2026-03-05',
  ...extra,
})

test('API: record, read, list with filters, change, mark done, delete', async (t) => {
  const w = await contactsWorld(t)
  const { token } = await createApiToken(w.db.kysely, w.mara.id, 'CRM sync')
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    w.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload })

  const created = await call('POST', '/api/v1/contacts', body(w.acme.id, { contactPersonIds: [w.anna.id] }))
  assert.equal(created.statusCode, 201, created.body)
  const c = created.json()
  assert.equal(c.occurredAt, '2026-03-02T13:00:00.000Z')
  assert.equal(c.employeeId, w.mara.id)
  assert.equal(c.clientName, 'Acme Kft.')
  assert.deepEqual(c.contactPersons, [{ id: w.anna.id, name: 'Anna Nagy', position: 'CFO' }])
  assert.equal(c.nextStepDoneAt, null)

  const got = await call('GET', `/api/v1/contacts/${c.id}`)
  assert.equal(got.statusCode, 200)
  assert.equal(got.json().summary, 'Quarterly review')

  await givenContact(w.services, { clientId: w.acme.id, employeeId: w.mara.id, channel: 'email', summary: 'Mail' })
  await givenContact(w.services, { clientId: w.beta.id, employeeId: w.otto.id, summary: 'Not Mara’s' })
  const list = await call('GET', '/api/v1/contacts?open=true')
  assert.equal(list.statusCode, 200)
  assert.deepEqual(
    list.json().items.map((i: { id: string }) => i.id),
    [c.id],
  )
  const all = await call('GET', '/api/v1/contacts?sort=occurred_at&dir=asc')
  assert.equal(all.json().total, 2, 'Otto’s entry is outside Mara’s scope')
  const byChannel = await call('GET', `/api/v1/contacts?channel=email&client=${w.acme.id}`)
  assert.deepEqual(
    byChannel.json().items.map((i: { summary: string }) => i.summary),
    ['Mail'],
  )
  const ranged = await call('GET', '/api/v1/contacts?from=2026-03-02&to=2026-03-02')
  assert.equal(ranged.json().total, 1)

  const patched = await call('PATCH', `/api/v1/contacts/${c.id}`, {
    summary: 'Quarterly review, revised',
    durationMinutes: null,
  })
  assert.equal(patched.statusCode, 200, patched.body)
  assert.equal(patched.json().summary, 'Quarterly review, revised')
  assert.equal(patched.json().durationMinutes, null)
  assert.equal(patched.json().channel, 'meeting', 'fields left out stay')
  assert.equal(patched.json().contactPersons.length, 1)

  const done = await call('POST', `/api/v1/contacts/${c.id}/done`)
  assert.equal(done.statusCode, 200)
  assert.ok(done.json().nextStepDoneAt)
  assert.equal(done.json().nextStepDoneBy, w.mara.id)
  const twice = await call('POST', `/api/v1/contacts/${c.id}/done`)
  assert.equal(twice.json().nextStepDoneAt, done.json().nextStepDoneAt, 'done once; asking again changes nothing')

  assert.equal((await call('DELETE', `/api/v1/contacts/${c.id}`)).statusCode, 204)
  assert.equal((await call('GET', `/api/v1/contacts/${c.id}`)).statusCode, 404)
})

test('API: refused input names the fields (camelCase); scope and roles hold', async (t) => {
  const w = await contactsWorld(t)
  const { token } = await createApiToken(w.db.kysely, w.mara.id, 'CRM sync')
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    w.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload })

  const wrongPerson = await call('POST', '/api/v1/contacts', body(w.acme.id, { contactPersonIds: [w.boris.id] }))
  assert.equal(wrongPerson.statusCode, 422)
  assert.equal(wrongPerson.json().error.fields.contactPersonIds, 'contacts.error.person_other_client')
  const otherEmployee = await call('POST', '/api/v1/contacts', body(w.acme.id, { employeeId: w.otto.id }))
  assert.equal(otherEmployee.statusCode, 422)
  assert.ok(otherEmployee.json().error.fields.employeeId)
  const future = await call('POST', '/api/v1/contacts', body(w.acme.id, { occurredAt: '2099-01-01T10:00:00Z' }))
  assert.equal(future.statusCode, 422)
  assert.equal(future.json().error.fields.occurredAt, 'contacts.error.occurred_future')
  const schema = await call('POST', '/api/v1/contacts', body(w.acme.id, { channel: 'fax' }))
  assert.equal(schema.statusCode, 400)
  assert.equal((await call('POST', '/api/v1/contacts', body(w.beta.id))).statusCode, 404, 'not Mara’s client')

  const ottos = await givenContact(w.services, { clientId: w.beta.id, employeeId: w.otto.id, nextStep: 'x' })
  for (const [method, url] of [
    ['GET', `/api/v1/contacts/${ottos.id}`],
    ['PATCH', `/api/v1/contacts/${ottos.id}`],
    ['POST', `/api/v1/contacts/${ottos.id}/done`],
    ['DELETE', `/api/v1/contacts/${ottos.id}`],
  ] as const) {
    assert.equal(
      (await call(method, url, method === 'PATCH' ? { summary: 'x' } : undefined)).statusCode,
      404,
      `${method} ${url}`,
    )
  }

  // Someone else's entry on Mara's client: she may change it, not delete it.
  const byHead = await givenContact(w.services, { clientId: w.acme.id, employeeId: w.head.id })
  assert.equal((await call('PATCH', `/api/v1/contacts/${byHead.id}`, { outcome: 'Followed up' })).statusCode, 200)
  assert.equal((await call('DELETE', `/api/v1/contacts/${byHead.id}`)).statusCode, 403)
  const noStep = await call('POST', `/api/v1/contacts/${byHead.id}/done`)
  assert.equal(noStep.statusCode, 409)

  // A client's token gets nothing.
  const clientToken = (await createApiToken(w.db.kysely, w.acmeUser.id, 'Client')).token
  const asClient = await w.app.inject({ url: '/api/v1/contacts', headers: { authorization: `Bearer ${clientToken}` } })
  assert.equal(asClient.statusCode, 403)
  const createAsClient = await w.app.inject({
    method: 'POST',
    url: '/api/v1/contacts',
    headers: { authorization: `Bearer ${clientToken}` },
    payload: body(w.acme.id),
  })
  assert.equal(createAsClient.statusCode, 403)
})

test('API: the head records for another employee, who then has the next step', async (t) => {
  const w = await contactsWorld(t)
  const headAgent = await w.as(w.head)
  await headAgent.get('/')
  const res = await headAgent.api(
    'POST',
    '/api/v1/contacts',
    body(w.beta.id, { employeeId: w.otto.id, contactPersonIds: [w.boris.id] }),
  )
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(res.json().employeeName, 'Otto Other')
  assert.equal(res.json().createdBy, w.head.id)
  const otto = await w.as(w.otto)
  assert.match((await otto.get('/')).body, /Send minutes/)
  assert.doesNotMatch((await headAgent.get('/')).body, /Send minutes/)
})
