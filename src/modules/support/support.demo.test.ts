import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { Ctx } from '../../core/ctx.js'
import { isId } from '../../core/db/ids.js'
import { seededRandom } from '../../core/demo/demo-data.js'
import { supportDemo } from './support.demo.js'
import { ctxOf } from './support.test-kit.js'
import { overdueReport } from './support-report.service.js'
import { createRequest } from './support-thread.service.js'

test('demo requests: a year of them for every client, every status, some overdue, some rated, numbers that go on', async (t) => {
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
    supportDemo(tx, { headId: head.id, managerIds: [manager.id], clientIds, clientUserIds, random: seededRandom(7) }),
  )
  const db = services.db.kysely
  const rows = await db.selectFrom('support_requests').selectAll().execute()
  assert.ok(rows.length >= 30 * 8, String(rows.length))
  const ids = [
    ...rows.map((r) => r.id),
    ...(await db.selectFrom('support_messages').select('id').execute()).map((m) => m.id),
  ]
  assert.deepEqual(
    ids.filter((id) => !isId(id)),
    [],
  )
  for (const id of clientIds) assert.ok(rows.some((r) => r.client_id === id))
  assert.deepEqual([...new Set(rows.map((r) => r.status))].sort(), ['closed', 'new', 'open', 'resolved', 'waiting'])
  const oldest = rows.map((r) => r.created_at).sort()[0] as string
  assert.ok(Date.now() - Date.parse(oldest) > 300 * 86_400_000, oldest)
  assert.ok(rows.some((r) => r.rating !== null))
  assert.ok(rows.filter((r) => r.first_responded_at && r.first_responded_at > r.first_response_due_at).length > 5)
  // Every request has its opening message and history; the Hungarian clients write in Hungarian.
  const messages = await db
    .selectFrom('support_messages')
    .select(['request_id', 'is_internal', 'body_markdown'])
    .execute()
  for (const r of rows) assert.ok(messages.some((m) => m.request_id === r.id))
  assert.ok(messages.some((m) => m.is_internal === 1))
  const huRequest = rows.find((r) => r.client_id === clientIds[0])
  assert.ok(messages.some((m) => m.request_id === huRequest?.id && /[őűáé]/.test(m.body_markdown)))
  const report = await overdueReport(ctxOf(services, head), { group: 'manager', from: '2000-01-01', to: '2100-01-01' })
  assert.ok(report.total.overdueNow > 0)
  assert.equal(report.total.created, rows.length)
  // The live sequence carries on after the demo's numbers.
  const numbers = new Set(rows.map((r) => r.number))
  const fresh = await createRequest(
    ctxOf(services, await given.clientUser({ client: { id: clientIds[0] as string } })),
    {
      categoryId: (await db.selectFrom('support_categories').select('id').executeTakeFirstOrThrow()).id,
      priority: 'normal',
      subject: 'After the demo',
      body: 'x',
    },
  )
  assert.ok(!numbers.has(fresh.number), fresh.number)
})
