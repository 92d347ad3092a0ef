import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { type TestWorld, testApp } from '../../../test/helpers/test-app.js'
import { newId } from '../db/ids.js'
import { DEFAULTS } from '../settings/settings-store.js'

interface EntryInput {
  at?: string
  action?: string
  entity?: string
  entityId?: string | null
  clientId?: string | null
  actorLabel?: string
  before?: unknown
  after?: unknown
}

/** Writes an audit row straight into the log, as a service would have. */
async function entry(world: TestWorld, input: EntryInput = {}) {
  const id = newId()
  await world.db.kysely
    .insertInto('audit_log')
    .values({
      id,
      at: input.at ?? new Date().toISOString(),
      actor_id: null,
      actor_label: input.actorLabel ?? 'Anna Head <anna@example.test>',
      action: input.action ?? 'user.updated',
      entity: input.entity ?? 'user',
      entity_id: input.entityId === undefined ? newId() : input.entityId,
      client_id: input.clientId ?? null,
      before_json: input.before === undefined ? null : JSON.stringify(input.before),
      after_json: input.after === undefined ? null : JSON.stringify(input.after),
      ip: '203.0.113.7',
      request_id: 'req-1',
    })
    .execute()
  return id
}

async function twoClients(world: TestWorld) {
  const a = await world.given.client({ name: 'Alpha Kft.' })
  const b = await world.given.client({ name: 'Beta Zrt.' })
  const adminB = await world.given.clientUser({ client: b, isClientAdmin: true })
  const entryA = await entry(world, { clientId: a.id, action: 'user.created', entityId: 'user-of-alpha' })
  const entryB = await entry(world, { clientId: b.id, action: 'user.disabled', entityId: 'user-of-beta' })
  const staffOnly = await entry(world, {
    clientId: null,
    action: 'settings.updated',
    entity: 'settings',
    entityId: 'company',
  })
  return { a, b, adminB, entryA, entryB, staffOnly }
}

test('a client admin sees its own company’s entries only; another client’s entry is 404 on the page and the API', async (t) => {
  const world = await testApp(t)
  const { adminB, entryA, entryB, staffOnly } = await twoClients(world)
  const agent = await Agent.signedIn(world.app, await world.given.sessionCookie(adminB))

  const list = await agent.get('/audit')
  assert.equal(list.statusCode, 200)
  assert.match(list.body, new RegExp(`href="/audit/${entryB}"`))
  assert.doesNotMatch(list.body, new RegExp(entryA))
  assert.doesNotMatch(list.body, new RegExp(staffOnly))
  assert.doesNotMatch(list.body, /user-of-alpha|user\.created|settings\.updated/)

  assert.equal((await agent.get(`/audit/${entryA}`)).statusCode, 404)
  assert.equal((await agent.get(`/audit/${staffOnly}`)).statusCode, 404)
  const own = await agent.get(`/audit/${entryB}`)
  assert.equal(own.statusCode, 200)
  assert.match(own.body, /user-of-beta/)
  assert.doesNotMatch(own.body, /203\.0\.113\.7/)

  const apiOther = await agent.api('GET', `/api/v1/audit/${entryA}`)
  assert.equal(apiOther.statusCode, 404)
  assert.equal(apiOther.json().error.code, 'not_found')
  const apiOwn = await agent.api('GET', `/api/v1/audit/${entryB}`)
  assert.equal(apiOwn.statusCode, 200)
  assert.equal(apiOwn.json().entityId, 'user-of-beta')
  assert.equal(apiOwn.json().ip, null)
  const apiList = await agent.api('GET', '/api/v1/audit')
  assert.equal(apiList.statusCode, 200)
  assert.deepEqual(
    apiList.json().items.map((i: { id: string }) => i.id),
    [entryB],
  )
  assert.equal(apiList.json().total, 1)
  // Even naming the other client in the filter finds nothing.
  const filtered = await agent.api(
    'GET',
    `/api/v1/audit?client_id=${(await world.db.kysely.selectFrom('audit_log').select('client_id').where('id', '=', entryA).executeTakeFirstOrThrow()).client_id}`,
  )
  assert.equal(filtered.json().total, 0)
})

test('the head sees every entry with its client and IP; a manager and a plain client user are refused', async (t) => {
  const world = await testApp(t)
  const { entryA, entryB, staffOnly } = await twoClients(world)
  const head = await Agent.signedIn(world.app, await world.given.sessionCookie(await world.given.head()))
  const list = await head.get('/audit')
  assert.equal(list.statusCode, 200)
  for (const id of [entryA, entryB, staffOnly]) assert.match(list.body, new RegExp(`href="/audit/${id}"`))
  assert.match(list.body, /Alpha Kft\./)
  const detail = await head.get(`/audit/${entryA}`)
  assert.match(detail.body, /203\.0\.113\.7/)
  assert.equal((await head.api('GET', `/api/v1/audit/${staffOnly}`)).json().ip, '203.0.113.7')

  const manager = await Agent.signedIn(
    world.app,
    await world.given.sessionCookie(await world.given.manager({ allClients: true })),
  )
  assert.equal((await manager.get('/audit')).statusCode, 403)
  assert.equal((await manager.get(`/audit/${entryA}`)).statusCode, 403)
  assert.equal((await manager.api('GET', '/api/v1/audit')).statusCode, 403)
  const plain = await Agent.signedIn(world.app, await world.given.sessionCookie(await world.given.clientUser()))
  assert.equal((await plain.get('/audit')).statusCode, 403)
  assert.equal((await plain.api('GET', '/api/v1/audit')).statusCode, 403)
})

test('the date range covers whole days in the company time zone, boundaries included and excluded exactly', async (t) => {
  const world = await testApp(t)
  const db = world.services.db.kysely
  await world.services.settings.put(db, 'company', { ...DEFAULTS.company, timeZone: 'Europe/Budapest' }, null)
  // Budapest is UTC+1 in March: 10 March runs from 09T23:00Z to 10T23:00Z.
  const before = await entry(world, { at: '2026-03-09T22:59:59.999Z', entityId: 'e-before' })
  const first = await entry(world, { at: '2026-03-09T23:00:00.000Z', entityId: 'e-first' })
  const last = await entry(world, { at: '2026-03-10T22:59:59.999Z', entityId: 'e-last' })
  const after = await entry(world, { at: '2026-03-10T23:00:00.000Z', entityId: 'e-after' })
  const head = await Agent.signedIn(world.app, await world.given.sessionCookie(await world.given.head()))
  const ids = async (qs: string) =>
    (await head.api('GET', `/api/v1/audit?sort=at&dir=asc&${qs}`)).json().items.map((i: { id: string }) => i.id)

  assert.deepEqual(await ids('from=2026-03-10&to=2026-03-10'), [first, last])
  assert.deepEqual(await ids('from=2026-03-10'), [first, last, after])
  assert.deepEqual(await ids('to=2026-03-09'), [before])

  const page = await head.get('/audit?from=2026-03-10&to=2026-03-10')
  assert.match(page.body, /e-first/)
  assert.match(page.body, /e-last/)
  assert.doesNotMatch(page.body, /e-before|e-after/)
  // The times are shown on the company's clock: 23:00Z on the 9th is midnight on the 10th.
  assert.match(page.body, /10\/03\/2026, 00:00/)

  // In summer Budapest is UTC+2; in Tokyo the same instants fall on other days.
  const summer = await entry(world, { at: '2026-07-01T22:30:00.000Z', entityId: 'e-summer' })
  assert.deepEqual(await ids('from=2026-07-02&to=2026-07-02'), [summer])
  world.services.settings.invalidate()
  await world.services.settings.put(db, 'company', { ...DEFAULTS.company, timeZone: 'Asia/Tokyo' }, null)
  // Tokyo is UTC+9: its 10 March runs from 09T15:00Z to 10T15:00Z.
  assert.deepEqual(await ids('from=2026-03-10&to=2026-03-10'), [before, first])
})

test('filters, sorting and pages; a wrong date is shown beside the filters, the API names the field', async (t) => {
  const world = await testApp(t)
  await entry(world, {
    at: '2026-01-01T10:00:00Z',
    action: 'user.created',
    actorLabel: 'Ádám Kovács <adam@example.test>',
    entityId: 'u1',
  })
  await entry(world, {
    at: '2026-01-02T10:00:00Z',
    action: 'user.disabled',
    actorLabel: 'Борис Петров <boris@example.test>',
    entityId: 'u2',
  })
  await entry(world, {
    at: '2026-01-03T10:00:00Z',
    action: 'user.created',
    actorLabel: 'system: demo',
    entity: 'demo',
    entityId: 'd1',
  })
  const head = await Agent.signedIn(world.app, await world.given.sessionCookie(await world.given.head()))
  const list = async (qs: string) => (await head.api('GET', `/api/v1/audit?${qs}`)).json()
  const eids = async (qs: string) => (await list(qs)).items.map((i: { entityId: string }) => i.entityId)

  assert.deepEqual(await eids(''), ['d1', 'u2', 'u1'])
  assert.deepEqual(await eids('sort=at&dir=asc'), ['u1', 'u2', 'd1'])
  assert.deepEqual(await eids('action=user.created'), ['d1', 'u1'])
  assert.deepEqual(await eids('entity=user'), ['u2', 'u1'])
  assert.deepEqual(await eids('entity=user&entity_id=u2'), ['u2'])
  assert.deepEqual(await eids(`actor=${encodeURIComponent('ádám')}`), ['u1'])
  assert.deepEqual(await eids(`actor=${encodeURIComponent('Борис')}`), ['u2'])
  assert.deepEqual(await eids('actor=BORIS%40'), ['u2'])
  assert.deepEqual(await eids('actor=%25'), [])
  const paged = await list('per=2&page=2')
  assert.deepEqual(
    paged.items.map((i: { entityId: string }) => i.entityId),
    ['u1'],
  )
  assert.equal(paged.total, 3)

  const page = await head.get('/audit?action=user.disabled')
  assert.match(page.body, /<option value="user.disabled" selected>/)
  assert.match(page.body, /u2/)
  assert.doesNotMatch(page.body, />u1</)

  const wrong = await head.get('/audit?from=2026-02-30')
  assert.equal(wrong.statusCode, 422)
  assert.match(wrong.body, /Enter a date as YYYY-MM-DD\./)
  assert.match(wrong.body, /name="from" value="2026-02-30"/)
  const reversed = await head.api('GET', '/api/v1/audit?from=2026-03-02&to=2026-03-01')
  assert.equal(reversed.statusCode, 422)
  assert.deepEqual(reversed.json().error.fields, { to: 'audit.range_reversed' })
  assert.equal((await head.api('GET', '/api/v1/audit?from=yesterday')).statusCode, 400)
})

test('an entry’s before and after are shown escaped, with the changed keys listed', async (t) => {
  const world = await testApp(t)
  const id = await entry(world, {
    before: { name: 'Old <b>name</b>', role: 'manager', nested: { a: 1, b: 2 } },
    after: { name: '<script>alert(1)</script>', role: 'manager', nested: { a: 1, b: 3 }, locale: 'hu' },
  })
  const head = await Agent.signedIn(world.app, await world.given.sessionCookie(await world.given.admin()))
  const page = await head.get(`/audit/${id}`)
  assert.equal(page.statusCode, 200)
  assert.doesNotMatch(page.body, /<script>alert/)
  assert.doesNotMatch(page.body, /<b>name<\/b>/)
  assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>/)
  assert.match(page.body, /<code>nested\.b<\/code>/)
  assert.match(page.body, /<code>locale<\/code>/)
  assert.match(page.body, /<code>name<\/code>/)
  assert.doesNotMatch(page.body, /<code>role<\/code>/)

  const api = (await head.api('GET', `/api/v1/audit/${id}`)).json()
  assert.equal(api.after.name, '<script>alert(1)</script>')
  assert.deepEqual(
    api.changes.map((c: { path: string; kind: string }) => [c.path, c.kind]),
    [
      ['locale', 'added'],
      ['name', 'changed'],
      ['nested.b', 'changed'],
    ],
  )
  assert.equal((await head.get(`/audit/${newId()}`)).statusCode, 404)
})

test('an empty log explains itself; a settings save shows up in it', async (t) => {
  const world = await testApp(t)
  // With a second factor already, turning the rule on does not send this head to enrol first.
  const user = await world.given.head({ totpSecret: 'JBSWY3DPEHPK3PXP' })
  const head = await Agent.signedIn(world.app, await world.given.sessionCookie(user))
  const empty = await head.get('/audit')
  assert.match(empty.body, /Nothing has been recorded yet/)
  await head.get('/settings/security')
  assert.equal((await head.post('/settings/security', { require_2fa_staff: '1' })).statusCode, 303)
  const list = await head.get('/audit?action=settings.updated')
  assert.match(list.body, /<span title="settings\.updated">Settings changed<\/span>/)
})

test('the OpenAPI document lists the audit endpoints under the audit tag', async (t) => {
  const { app } = await testApp(t)
  const doc = (await app.inject({ url: '/api/openapi.json' })).json()
  for (const path of ['/api/v1/audit', '/api/v1/audit/{id}']) {
    assert.deepEqual(doc.paths[path]?.get?.tags, ['audit'], path)
  }
  const params = doc.paths['/api/v1/audit'].get.parameters.map((p: { name: string }) => p.name)
  for (const name of ['action', 'actor', 'entity', 'from', 'to', 'page', 'per']) assert.ok(params.includes(name), name)
})
