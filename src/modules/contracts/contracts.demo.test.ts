import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { Ctx } from '../../core/ctx.js'
import { seededRandom } from '../../core/demo/demo-data.js'
import { ENDING_SOON_DAYS } from './contracts.constants.js'
import { contractsDemo } from './contracts.demo.js'
import { addDays, companyToday } from './contracts.service.js'

test('demo contracts: every status, numbers by language group, a few ending soon, expiries by the system', async (t) => {
  const { services, given } = await testApp(t)
  const head = await given.head()
  const manager = await given.manager()
  const clientIds: string[] = []
  const clientUserIds: Record<string, string[]> = {}
  const locales = ['hu', 'ru', 'en'] as const
  for (let i = 0; i < 30; i++) {
    const client = await given.client({ managerId: manager.id })
    const user = await given.clientUser({ client, locale: locales[Math.floor(i / 10)] })
    clientIds.push(client.id)
    clientUserIds[client.id] = [user.id]
  }
  const ctx = Ctx.system(services, 'demo')
  // As the demo loader does: inside one transaction (on SQLite it holds the only connection).
  await ctx.transaction((tx) =>
    contractsDemo(tx, { headId: head.id, managerIds: [manager.id], clientIds, clientUserIds, random: seededRandom(7) }),
  )
  const db = services.db.kysely
  const rows = await db.selectFrom('contracts').selectAll().execute()
  assert.deepEqual([...new Set(rows.map((r) => r.status))].sort(), [
    'active',
    'draft',
    'expired',
    'suspended',
    'terminated',
  ])
  for (const id of clientIds) assert.ok(rows.filter((r) => r.client_id === id).length >= 2)
  const prefix = (id: string) => rows.filter((r) => r.client_id === id).map((r) => r.number.split('-')[0])
  assert.deepEqual([...new Set(clientIds.slice(0, 10).flatMap(prefix))], ['SZ'])
  assert.deepEqual([...new Set(clientIds.slice(10, 20).flatMap(prefix))], ['Д'])
  assert.deepEqual([...new Set(clientIds.slice(20).flatMap(prefix))], ['CT'])
  assert.ok(rows.every((r) => /^(SZ|Д|CT)-20\d\d\/\d{3}$/.test(r.number)))
  assert.equal(new Set(rows.map((r) => r.number)).size, rows.length)

  const today = await companyToday(ctx)
  const soon = rows.filter(
    (r) =>
      ['active', 'suspended'].includes(r.status) &&
      r.valid_to &&
      r.valid_to >= today &&
      r.valid_to <= addDays(today, ENDING_SOON_DAYS),
  )
  assert.ok(soon.length >= 3 && soon.length <= 15, `${soon.length} ending soon`)
  const running = rows.filter((r) => ['active', 'suspended'].includes(r.status))
  assert.ok(
    running.every((r) => !r.valid_to || r.valid_to >= today),
    'nothing left for the job to expire',
  )
  assert.ok(rows.some((r) => r.type === 'framework' && r.amount_minor === null && r.valid_to === null))
  assert.ok(rows.some((r) => r.scan_sha256 !== null))
  const signed = rows.map((r) => r.signed_on).sort()
  assert.ok((signed[0] as string) >= addDays(today, -366), `signed ${signed[0]}: over a year ago`)
  assert.ok((signed.at(-1) as string) <= today)

  const expiries = await db
    .selectFrom('contract_status_changes')
    .selectAll()
    .where('to_status', '=', 'expired')
    .execute()
  assert.equal(expiries.length, rows.filter((r) => r.status === 'expired').length)
  assert.ok(expiries.every((e) => e.changed_by === 'system'))
  const creations = await db
    .selectFrom('contract_status_changes')
    .select('contract_id')
    .where('from_status', 'is', null)
    .execute()
  assert.equal(creations.length, rows.length)
})
