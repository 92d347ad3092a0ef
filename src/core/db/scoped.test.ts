import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { testApp } from '../../../test/helpers/test-app.js'
import { toActor } from '../auth/sessions.js'
import { Ctx } from '../ctx.js'
import { NotFoundError } from '../errors.js'
import type { Scope, TableScope } from '../permissions/scope.js'
import type { Services } from '../services.js'
import { newId, nowIso } from './ids.js'
import { ScopedDb } from './scoped.js'

/** Two managers, three clients (one unassigned), users and audit rows of each, and staff-only rows. */
async function world(t: Parameters<typeof testApp>[0]) {
  const w = await testApp(t)
  const { given, services } = w
  const m1 = await given.manager()
  const m2 = await given.manager()
  const head = await given.head()
  const a = await given.client({ managerId: m1.id })
  const b = await given.client({ managerId: m2.id })
  const c = await given.client()
  const ua = await given.clientUser({ client: a })
  const ua2 = await given.clientUser({ client: a })
  const ub = await given.clientUser({ client: b })
  const uc = await given.clientUser({ client: c })
  const system = Ctx.system(services, 'test world')
  for (const [clientId, label] of [
    [a.id, 'a'],
    [b.id, 'b'],
    [c.id, 'c'],
    [null, 'staff'],
  ] as const) {
    await system.audit('test.row', { entity: 'test', entityId: label, clientId })
  }
  return { ...w, m1, m2, head, a, b, c, ua, ua2, ub, uc }
}

const ctxOf = (services: Services, user: Parameters<typeof toActor>[0]) =>
  Ctx.forActor(services, toActor(user), { locale: 'en' })

const ids = async (q: { execute(): Promise<{ id: string }[]> }) => (await q.execute()).map((r) => r.id).sort()
const auditLabels = async (ctx: Ctx) =>
  (await ctx.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'test.row').execute())
    .map((r) => r.entity_id)
    .sort()

test('client scope sees only its own client’s users, audit rows and client record', async (t) => {
  const { services, a, ua, ua2 } = await world(t)
  const ctx = ctxOf(services, ua)
  assert.deepEqual(ctx.scope, { kind: 'client', clientId: a.id })
  assert.deepEqual(await ids(ctx.db.selectFrom('users').select('id')), [ua.id, ua2.id].sort())
  assert.deepEqual(await auditLabels(ctx), ['a'])
  assert.deepEqual(await ids(ctx.db.selectFrom('clients').select('id')), [a.id])
  assert.deepEqual(await ids(ctx.db.selectFrom('sessions').select('id')), [])
  assert.deepEqual(await ids(ctx.db.selectFrom('api_tokens').select('id')), [])
  // Aggregates are scoped too: a count must not reveal other clients.
  const count = await ctx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  assert.equal(Number(count.n), 2)
})

test('manager scope sees assigned clients and staff rows, not other managers’ clients', async (t) => {
  const { services, m1, m2, head, a, ua, ua2, ub, uc } = await world(t)
  const ctx = ctxOf(services, m1)
  assert.deepEqual(ctx.scope, { kind: 'manager', managerId: m1.id })
  const users = await ids(ctx.db.selectFrom('users').select('id'))
  assert.deepEqual(users, [m1.id, m2.id, head.id, ua.id, ua2.id].sort())
  assert.ok(!users.includes(ub.id) && !users.includes(uc.id))
  assert.deepEqual(await auditLabels(ctx), ['a', 'staff'])
  assert.deepEqual(await ids(ctx.db.selectFrom('clients').select('id')), [a.id])
})

test('a manager with all_clients, a head and the system see everything', async (t) => {
  const { services, given } = await world(t)
  const everyone = await ids(services.db.kysely.selectFrom('users').select('id'))
  for (const ctx of [
    ctxOf(services, await given.manager({ allClients: true })),
    ctxOf(services, await given.head()),
    Ctx.system(services, 'test'),
  ]) {
    assert.deepEqual(ctx.scope, { kind: 'all' })
    const seen = await ids(ctx.db.selectFrom('users').select('id'))
    for (const id of everyone) assert.ok(seen.includes(id))
    assert.deepEqual(await auditLabels(ctx), ['a', 'b', 'c', 'staff'])
  }
})

test('an anonymous ctx, or a client user without a client, sees no client data at all', async (t) => {
  const { services, given } = await world(t)
  const orphan = await given.user({ role: 'client', clientId: null })
  for (const ctx of [Ctx.forActor(services, null, { locale: 'en' }), ctxOf(services, orphan)]) {
    assert.deepEqual(ctx.scope, { kind: 'none' })
    assert.deepEqual(await ids(ctx.db.selectFrom('users').select('id')), [])
    assert.deepEqual(await auditLabels(ctx), [])
    assert.deepEqual(await ids(ctx.db.selectFrom('clients').select('id')), [])
    // Global tables stay readable (the company's settings).
    await ctx.db.selectFrom('settings').select('key').execute()
  }
})

test('updates and deletes are confined to the scope', async (t) => {
  const { services, ua, ub, m1 } = await world(t)
  const db = services.db.kysely
  const ctx = ctxOf(services, ua)
  const upd = await ctx.db.updateTable('users').set({ name: 'Hijacked' }).where('id', '=', ub.id).executeTakeFirst()
  assert.equal(Number(upd.numUpdatedRows), 0)
  const del = await ctx.db.deleteFrom('audit_log').where('action', '=', 'test.row').executeTakeFirst()
  assert.equal(Number(del.numDeletedRows), 1, 'only its own client’s row')
  const left = await db.selectFrom('audit_log').select('entity_id').where('action', '=', 'test.row').execute()
  assert.deepEqual(left.map((r) => r.entity_id).sort(), ['b', 'c', 'staff'])
  assert.equal(
    (await db.selectFrom('users').select('name').where('id', '=', ub.id).executeTakeFirstOrThrow()).name,
    ub.name,
  )

  const mgr = ctxOf(services, m1)
  const mUpd = await mgr.db.updateTable('users').set({ name: 'Renamed' }).where('id', '=', ub.id).executeTakeFirst()
  assert.equal(Number(mUpd.numUpdatedRows), 0)
})

const auditRow = (clientId: string | null) => ({
  id: newId(),
  at: nowIso(),
  actor_id: null,
  actor_label: 'test',
  action: 'test.inserted',
  entity: 'test',
  entity_id: null,
  client_id: clientId,
  before_json: null,
  after_json: null,
  ip: null,
  request_id: null,
})

test('inserting a row for another client is refused as not found, and nothing is written', async (t) => {
  const { services, ua, m1, a, b } = await world(t)
  const db = services.db.kysely
  const inserted = async () =>
    Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'test.inserted')
          .executeTakeFirstOrThrow()
      ).n,
    )

  const client = ctxOf(services, ua)
  await assert.rejects(client.db.insert('audit_log', auditRow(b.id)), NotFoundError)
  await assert.rejects(client.db.insert('audit_log', auditRow(null)), NotFoundError, 'a staff-only row')
  await assert.rejects(client.db.insert('audit_log', [auditRow(a.id), auditRow(b.id)]), NotFoundError, 'one bad row')
  await assert.rejects(
    client.db.insert('sessions', {
      id: newId(),
      user_id: ua.id,
      mfa_pending: 0,
      created_at: nowIso(),
      expires_at: nowIso(),
      last_seen_at: nowIso(),
      ip: null,
      user_agent: null,
    }),
    NotFoundError,
  )
  assert.equal(await inserted(), 0)
  await client.db.insert('audit_log', auditRow(a.id))
  assert.equal(await inserted(), 1)

  const manager = ctxOf(services, m1)
  await assert.rejects(manager.db.insert('audit_log', auditRow(b.id)), NotFoundError)
  await manager.db.insert('audit_log', [auditRow(a.id), auditRow(null)])
  assert.equal(await inserted(), 3)

  const anonymous = Ctx.forActor(services, null, { locale: 'en' })
  await assert.rejects(anonymous.db.insert('audit_log', auditRow(a.id)), NotFoundError)
  assert.equal(await inserted(), 3)
})

test('only staff may add a client (tenant) row', async (t) => {
  const { services, ua, m1 } = await world(t)
  const row = () => ({
    id: newId(),
    name: 'New',
    manager_id: m1.id,
    status: 'active',
    created_at: nowIso(),
    updated_at: nowIso(),
  })
  await assert.rejects(ctxOf(services, ua).db.insert('clients', row()), NotFoundError)
  await assert.rejects(Ctx.forActor(services, null, { locale: 'en' }).db.insert('clients', row()), NotFoundError)
  const mine = row()
  await ctxOf(services, m1).db.insert('clients', mine)
  assert.deepEqual(await ids(ctxOf(services, m1).db.selectFrom('clients').select('id').where('id', '=', mine.id)), [
    mine.id,
  ])
})

test('a table no manifest classifies cannot be queried through the scoped helper', async (t) => {
  const { services } = await testApp(t)
  const scoped = new ScopedDb(services.db.kysely, { kind: 'all' }, new Map())
  assert.throws(() => scoped.selectFrom('users'), /no scope classification/)
  assert.throws(() => scoped.updateTable('users'), /no scope classification/)
  assert.throws(() => scoped.deleteFrom('users'), /no scope classification/)
  const client = {
    id: newId(),
    name: 'X',
    manager_id: null,
    status: 'active',
    created_at: nowIso(),
    updated_at: nowIso(),
  }
  await assert.rejects(scoped.insert('clients', client), /no scope classification/)
})

test('a module’s own filter function decides for its table', async (t) => {
  const { services, a, ua, ub } = await world(t)
  const seen: Scope[] = []
  const onlyA: TableScope = {
    filter: (scope, table) => {
      seen.push(scope)
      return scope.kind === 'all' ? null : sql`${sql.ref(`${table}.client_id`)} = ${a.id}`
    },
  }
  const tables = new Map(services.tables)
  tables.set('users', onlyA)
  const asB = new ScopedDb(services.db.kysely, { kind: 'client', clientId: ub.client_id as string }, tables)
  const rows = await ids(asB.selectFrom('users').select('id'))
  assert.ok(rows.includes(ua.id) && !rows.includes(ub.id), 'the module’s rule, not the default')
  assert.deepEqual(seen, [{ kind: 'client', clientId: ub.client_id }])
})

test('client users read global rows (settings) but cannot change them', async (t) => {
  const { services, ua, m1 } = await world(t)
  const system = Ctx.system(services, 'test')
  await system.db.insert('settings', { key: 'probe', value_json: '1', updated_at: nowIso(), updated_by: null })
  const client = ctxOf(services, ua)
  assert.equal((await client.db.selectFrom('settings').select('key').where('key', '=', 'probe').execute()).length, 1)
  const upd = await client.db
    .updateTable('settings')
    .set({ value_json: '2' })
    .where('key', '=', 'probe')
    .executeTakeFirst()
  assert.equal(Number(upd.numUpdatedRows), 0)
  const del = await client.db.deleteFrom('settings').where('key', '=', 'probe').executeTakeFirst()
  assert.equal(Number(del.numDeletedRows), 0)
  await assert.rejects(
    client.db.insert('settings', { key: 'probe2', value_json: '1', updated_at: nowIso(), updated_by: null }),
    NotFoundError,
  )
  const staff = await ctxOf(services, m1)
    .db.updateTable('settings')
    .set({ value_json: '3' })
    .where('key', '=', 'probe')
    .executeTakeFirst()
  assert.equal(Number(staff.numUpdatedRows), 1)
})
