import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { toActor } from '../auth/sessions.js'
import { Ctx } from '../ctx.js'

async function world(t: Parameters<typeof testApp>[0]) {
  const w = await testApp(t)
  const head = await w.given.head()
  const client = await w.given.client({ name: 'Before Kft.' })
  const ctx = Ctx.forActor(w.services, toActor(head), { locale: 'en', ip: '203.0.113.9', requestId: 'req-1' })
  const db = w.services.db.kysely
  const name = async () =>
    (await db.selectFrom('clients').select('name').where('id', '=', client.id).executeTakeFirstOrThrow()).name
  const audits = () => db.selectFrom('audit_log').selectAll().where('entity_id', '=', client.id).execute()
  const rename = (tx: Ctx, to: string) =>
    tx.db.updateTable('clients').set({ name: to }).where('id', '=', client.id).execute()
  return { ...w, head, client, ctx, name, audits, rename }
}

test('a business change and its audit row commit together', async (t) => {
  const { ctx, head, client, name, audits, rename } = await world(t)
  await ctx.transaction(async (tx) => {
    await rename(tx, 'After Kft.')
    await tx.audit('client.renamed', {
      entity: 'client',
      entityId: client.id,
      clientId: client.id,
      before: { name: 'Before Kft.' },
      after: { name: 'After Kft.' },
    })
  })
  assert.equal(await name(), 'After Kft.')
  const rows = await audits()
  assert.equal(rows.length, 1)
  const row = rows[0] as (typeof rows)[number]
  assert.equal(row.action, 'client.renamed')
  assert.equal(row.actor_id, head.id)
  assert.equal(row.actor_label, `${head.name} <${head.email}>`)
  assert.equal(row.client_id, client.id)
  assert.equal(row.ip, '203.0.113.9')
  assert.equal(row.request_id, 'req-1')
  assert.deepEqual(JSON.parse(row.before_json as string), { name: 'Before Kft.' })
  assert.deepEqual(JSON.parse(row.after_json as string), { name: 'After Kft.' })
})

test('a failure after the audit call rolls back both the change and its audit row', async (t) => {
  const { ctx, client, name, audits, rename } = await world(t)
  await assert.rejects(
    ctx.transaction(async (tx) => {
      await rename(tx, 'Half Kft.')
      await tx.audit('client.renamed', { entity: 'client', entityId: client.id, clientId: client.id })
      throw new Error('a later rule refused')
    }),
    /a later rule refused/,
  )
  assert.equal(await name(), 'Before Kft.')
  assert.deepEqual(await audits(), [])
})

test('a nested transaction joins the outer one: an outer failure undoes the inner work too', async (t) => {
  const { ctx, client, name, audits, rename } = await world(t)
  await assert.rejects(
    ctx.transaction(async (tx) => {
      await tx.transaction(async (inner) => {
        await rename(inner, 'Inner Kft.')
        await inner.audit('client.renamed', { entity: 'client', entityId: client.id, clientId: client.id })
      })
      throw new Error('outer failure')
    }),
    /outer failure/,
  )
  assert.equal(await name(), 'Before Kft.')
  assert.deepEqual(await audits(), [])
})

test('events wait for the commit and are dropped on rollback', async (t) => {
  const { ctx, services, client, rename } = await world(t)
  const seen: string[] = []
  services.events.on('core', 'client.renamed', async (_ctx, payload) => {
    seen.push(String(payload.to))
  })
  await ctx.transaction(async (tx) => {
    await rename(tx, 'Committed Kft.')
    await tx.emit('client.renamed', { to: 'Committed Kft.' })
    assert.deepEqual(seen, [], 'not before the commit')
  })
  assert.deepEqual(seen, ['Committed Kft.'])
  await assert.rejects(
    ctx.transaction(async (tx) => {
      await tx.emit('client.renamed', { to: 'Never' })
      throw new Error('rolled back')
    }),
  )
  assert.deepEqual(seen, ['Committed Kft.'])
  assert.ok(client)
})

test('the scoped helper inside a transaction keeps the scope', async (t) => {
  const { services, given, client, name } = await world(t)
  const other = await given.clientUser()
  const ctx = Ctx.forActor(services, toActor(other), { locale: 'en' })
  await ctx.transaction(async (tx) => {
    const res = await tx.db
      .updateTable('clients')
      .set({ name: 'Stolen' })
      .where('id', '=', client.id)
      .executeTakeFirst()
    assert.equal(Number(res.numUpdatedRows), 0)
  })
  assert.equal(await name(), 'Before Kft.')
})
