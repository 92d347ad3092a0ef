import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { dialectUnderTest } from '../../../test/helpers/test-db.js'
import { createApiToken } from '../../core/auth/api-tokens.js'
import { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import type { Services } from '../../core/services.js'
import { listChanges } from './site-changes.service.js'

async function bearer(services: Services, userId: string) {
  return `Bearer ${(await createApiToken(services.db.kysely, userId, 'website')).token}`
}

function call(app: FastifyInstance, auth: string, method: 'GET' | 'PUT', url: string, payload?: object) {
  return app.inject({ method, url, headers: { authorization: auth, accept: 'application/json' }, payload })
}

const countAudit = async (services: Services, action: string) =>
  Number(
    (
      await services.db.kysely
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  )

test('PUT /api/v1/site/clients/:externalId creates once, then reports nothing changed', async (t) => {
  const { app, services, given } = await testApp(t)
  const auth = await bearer(services, (await given.admin()).id)
  const first = await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-1', { name: 'Alfa Kft.' })
  assert.equal(first.statusCode, 200, first.body)
  const created = first.json()
  assert.equal(created.created, true)
  assert.equal(created.changed, true)
  const again = await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-1', { name: 'Alfa Kft.' })
  assert.deepEqual(again.json(), { id: created.id, externalId: 'web-c-1', created: false, changed: false })
  assert.equal(await countAudit(services, 'client.created'), 1)
  assert.equal(await countAudit(services, 'client.updated'), 0)

  const renamed = await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-1', {
    name: 'Alfa Zrt.',
    status: 'suspended',
  })
  assert.deepEqual(renamed.json(), { id: created.id, externalId: 'web-c-1', created: false, changed: true })
  const row = await services.db.kysely
    .selectFrom('clients')
    .select(['name', 'status'])
    .where('id', '=', created.id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, { name: 'Alfa Zrt.', status: 'suspended' })
  assert.equal(await countAudit(services, 'client.updated'), 1)

  const bad = await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-2', { name: 'X', status: 'gone' })
  assert.equal(bad.statusCode, 400)
})

test('client fields go through the clients module’s checks; left-out fields keep their value', async (t) => {
  const { app, services, given } = await testApp(t)
  const auth = await bearer(services, (await given.admin()).id)
  const body = {
    name: 'Alfa Kft.',
    country: 'HU',
    taxId: '10625790444',
    email: 'Office@Alfa.example',
    phone: '+36 1 234 5678',
  }
  const first = await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-1', body)
  assert.equal(first.statusCode, 200, first.body)
  const row = await services.db.kysely
    .selectFrom('clients')
    .select(['tax_id', 'email', 'phone', 'country', 'manager_id'])
    .where('id', '=', first.json().id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, {
    tax_id: '10625790-4-44',
    email: 'office@alfa.example',
    phone: '+36 1 234 5678',
    country: 'HU',
    manager_id: null,
  })
  // The canonical tax id and lower-cased e-mail are the same data: nothing changes.
  assert.equal((await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-1', body)).json().changed, false)
  assert.equal(
    (await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-1', { name: 'Alfa Kft.' })).json().changed,
    false,
  )
  const bad = await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-2', {
    name: 'Béta Kft.',
    country: 'HU',
    taxId: '10625791-4-44',
  })
  assert.equal(bad.statusCode, 422)
  assert.ok(bad.json().error.fields.taxId)
  assert.equal((await services.db.kysely.selectFrom('site_links').select('external_id').execute()).length, 1)
  // The audit names the website's account, though the administrator holds no client rights itself.
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select('actor_label')
    .where('action', '=', 'client.created')
    .executeTakeFirstOrThrow()
  assert.match(audit.actor_label, /site sync by .*@example\.test/)
})

test('parallel first PUTs of one external id make one client', async (t) => {
  const { app, services, given } = await testApp(t)
  const auth = await bearer(services, (await given.head()).id)
  const results = await Promise.all(
    [1, 2, 3].map(() => call(app, auth, 'PUT', '/api/v1/site/clients/web-race', { name: 'Race Kft.' })),
  )
  for (const r of results) assert.equal(r.statusCode, 200, r.body)
  assert.equal(new Set(results.map((r) => r.json().id)).size, 1)
  assert.equal(results.filter((r) => r.json().created).length, 1)
})

test('PUT /api/v1/site/users/:externalId invites once, then updates only what differs', async (t) => {
  const { app, services, given } = await testApp(t)
  const auth = await bearer(services, (await given.admin()).id)
  const client = (await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-1', { name: 'Alfa Kft.' })).json()
  const body = { email: 'Anna@Alfa.example', name: 'Anna Kovács', clientExternalId: 'web-c-1', locale: 'hu' }
  const first = await call(app, auth, 'PUT', '/api/v1/site/users/web-u-1', body)
  assert.equal(first.statusCode, 200, first.body)
  const user = first.json()
  assert.equal(user.created, true)
  assert.equal(user.clientId, client.id)
  assert.equal(user.status, 'invited')
  const mail = await services.db.kysely.selectFrom('outbox').select(['recipient', 'subject']).execute()
  assert.deepEqual(
    mail.map((m) => m.recipient),
    ['anna@alfa.example'],
  )

  const again = await call(app, auth, 'PUT', '/api/v1/site/users/web-u-1', body)
  assert.deepEqual(again.json(), { ...user, created: false, changed: false })
  assert.equal(await countAudit(services, 'user.updated'), 0)
  assert.equal((await services.db.kysely.selectFrom('outbox').select('id').execute()).length, 1)

  const changed = await call(app, auth, 'PUT', '/api/v1/site/users/web-u-1', {
    ...body,
    name: 'Anna Kovács-Nagy',
    isClientAdmin: true,
    disabled: true,
  })
  assert.equal(changed.json().changed, true)
  assert.equal(changed.json().status, 'disabled')
  const row = await services.db.kysely
    .selectFrom('users')
    .select(['name', 'is_client_admin', 'status', 'locale', 'role'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.deepEqual(row, {
    name: 'Anna Kovács-Nagy',
    is_client_admin: 1,
    status: 'disabled',
    locale: 'hu',
    role: 'client',
  })
  const enabled = await call(app, auth, 'PUT', '/api/v1/site/users/web-u-1', { ...body, disabled: false })
  assert.equal(enabled.json().status, 'invited')
})

test('an e-mail address that belongs to someone else is refused with 409', async (t) => {
  const { app, services, given } = await testApp(t)
  const auth = await bearer(services, (await given.admin()).id)
  await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-1', { name: 'Alfa Kft.' })
  const existing = await given.manager({ email: 'taken@example.test' })
  const res = await call(app, auth, 'PUT', '/api/v1/site/users/web-u-9', {
    email: existing.email,
    name: 'Somebody',
    clientExternalId: 'web-c-1',
  })
  assert.equal(res.statusCode, 409)
  assert.equal(res.json().error.code, 'site.email_taken')
  // The linked user's own address is fine; another address for the same id is not silently taken.
  await call(app, auth, 'PUT', '/api/v1/site/users/web-u-1', {
    email: 'a@alfa.example',
    name: 'A',
    clientExternalId: 'web-c-1',
  })
  const moved = await call(app, auth, 'PUT', '/api/v1/site/users/web-u-1', {
    email: 'taken@example.test',
    name: 'A',
    clientExternalId: 'web-c-1',
  })
  assert.equal(moved.statusCode, 409)
  assert.equal(moved.json().error.code, 'site.email_differs')
  const unknown = await call(app, auth, 'PUT', '/api/v1/site/users/web-u-2', {
    email: 'b@alfa.example',
    name: 'B',
    clientExternalId: 'web-c-404',
  })
  assert.equal(unknown.statusCode, 422)
  assert.equal(unknown.json().error.fields.clientExternalId, 'site.client_unknown')
})

test('client users and managers cannot call the site API', async (t) => {
  const { app, services, given } = await testApp(t)
  for (const user of [await given.clientUser({ isClientAdmin: true }), await given.manager({ allClients: true })]) {
    const auth = await bearer(services, user.id)
    assert.equal((await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-1', { name: 'X' })).statusCode, 403)
    assert.equal(
      (
        await call(app, auth, 'PUT', '/api/v1/site/users/web-u-1', {
          email: 'x@x.test',
          name: 'X',
          clientExternalId: 'c',
        })
      ).statusCode,
      403,
    )
    assert.equal((await call(app, auth, 'GET', '/api/v1/site/changes')).statusCode, 403)
  }
  assert.equal(
    (await app.inject({ url: '/api/v1/site/changes', headers: { accept: 'application/json' } })).statusCode,
    401,
  )
})

test('the changes feed pages through client and user changes with a cursor, skipping none', async (t) => {
  const { app, services, given } = await testApp(t)
  const head = await given.head()
  const auth = await bearer(services, head.id)
  for (let i = 1; i <= 5; i++) await call(app, auth, 'PUT', `/api/v1/site/clients/web-c-${i}`, { name: `Client ${i}` })
  await call(app, auth, 'PUT', '/api/v1/site/users/web-u-1', {
    email: 'u1@x.test',
    name: 'U1',
    clientExternalId: 'web-c-1',
  })
  await given.manager() // staff accounts are not part of the feed
  const ctx = Ctx.system(services, 'test')
  const later = Date.now() + 5000
  const seen: { kind: string; externalId: string | null; action: string }[] = []
  let cursor: string | undefined
  let pages = 0
  for (;;) {
    const page = await listChanges(ctx, { cursor, limit: 2, now: later })
    seen.push(...page.items)
    cursor = page.nextCursor
    pages++
    if (!page.hasMore) break
  }
  assert.equal(pages, 3)
  assert.deepEqual(
    seen.map((s) => `${s.kind}:${s.externalId}:${s.action}`),
    [1, 2, 3, 4, 5].map((i) => `client:web-c-${i}:client.created`).concat(['user:web-u-1:user.created']),
  )
  // Writes after the last page show up from the cursor on, and nothing before it repeats.
  await call(app, auth, 'PUT', '/api/v1/site/clients/web-c-2', { name: 'Client 2 renamed' })
  const next = await listChanges(ctx, { cursor, now: Date.now() + 5000 })
  assert.deepEqual(
    next.items.map((s) => `${s.externalId}:${s.action}`),
    ['web-c-2:client.updated'],
  )
  // Too fresh to be served yet: a transaction that started earlier may still commit below it.
  const fresh = await listChanges(ctx, { cursor: next.nextCursor })
  assert.equal(fresh.items.length, 0)
  assert.equal(fresh.nextCursor, next.nextCursor)

  // Through HTTP, after the settle window.
  await new Promise((r) => setTimeout(r, 2100))
  const res = await call(app, auth, 'GET', '/api/v1/site/changes?limit=3')
  assert.equal(res.statusCode, 200, res.body)
  assert.equal(res.json().items.length, 3)
  assert.equal(res.json().hasMore, true)
  assert.equal(res.json().items[0].kind, 'client')
  const bad = await call(app, auth, 'GET', '/api/v1/site/changes?cursor=bm9wZQ')
  assert.equal(bad.statusCode, 422)
})

test('the API answers with a session cookie too, with the CSRF header for writes', async (t) => {
  const { app, given } = await testApp(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.head()))
  await agent.get('/site')
  assert.ok(agent.csrf)
  const res = await agent.api('PUT', '/api/v1/site/clients/web-c-1', { name: 'Cookie Kft.' })
  assert.equal(res.statusCode, 200, res.body)
})

test('PostgreSQL: a change committed while an older transaction is open waits for it', {
  skip: dialectUnderTest !== 'postgres',
}, async (t) => {
  const { app, services, given } = await testApp(t)
  const auth = await bearer(services, (await given.head()).id)
  const ctx = Ctx.system(services, 'test')
  let release: () => void = () => undefined
  const gate = new Promise<void>((r) => {
    release = r
  })
  let written: () => void = () => undefined
  const wrote = new Promise<void>((r) => {
    written = r
  })
  // A slow writer: its audit row gets an early id but becomes visible only when it commits.
  const slow = services.db.kysely.transaction().execute(async (trx) => {
    const client = {
      id: newId(),
      name: 'Slow Kft.',
      manager_id: null,
      status: 'active',
      created_at: nowIso(),
      updated_at: nowIso(),
    }
    await trx.insertInto('clients').values(client).execute()
    await trx
      .insertInto('audit_log')
      .values({
        id: newId(),
        at: nowIso(),
        actor_id: null,
        actor_label: 'test',
        action: 'client.created',
        entity: 'client',
        entity_id: client.id,
        client_id: client.id,
        before_json: null,
        after_json: null,
        ip: null,
        request_id: null,
      })
      .execute()
    written()
    await gate
  })
  await wrote
  let during: Awaited<ReturnType<typeof listChanges>>
  try {
    await new Promise((r) => setTimeout(r, 20))
    assert.equal((await call(app, auth, 'PUT', '/api/v1/site/clients/web-fast', { name: 'Fast Kft.' })).statusCode, 200)
    during = await listChanges(ctx, { now: Date.now() + 5000 })
  } finally {
    release()
    await slow
  }
  assert.deepEqual(during.items, [], 'the fast change was served before the slow one could be')
  const after = await listChanges(ctx, { cursor: during.nextCursor, now: Date.now() + 5000 })
  assert.deepEqual(
    after.items.map((i) => i.externalId ?? 'slow'),
    ['slow', 'web-fast'],
  )
})
