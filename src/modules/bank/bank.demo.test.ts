import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { Ctx } from '../../core/ctx.js'
import { seededRandom } from '../../core/demo/demo-data.js'
import { financeModule } from '../finance/index.js'
import { bankDemo } from './bank.demo.js'

test('demo bank: two imported statements, payments posted to their requests, expenses, one item in review', async (t) => {
  const { services, given } = await testApp(t)
  const head = await given.head()
  const manager = await given.manager()
  const clientIds: string[] = []
  for (let i = 0; i < 12; i++) clientIds.push((await given.client({ managerId: manager.id })).id)
  const world = { headId: head.id, managerIds: [manager.id], clientIds, clientUserIds: {}, random: seededRandom(3) }
  const ctx = Ctx.system(services, 'demo')
  await ctx.transaction(async (tx) => {
    await financeModule.demo?.(tx, world)
    await bankDemo(tx, world)
  })
  const db = services.db.kysely
  const imports = await db.selectFrom('bank_imports').selectAll().execute()
  assert.equal(imports.length, 2)
  const txs = await db.selectFrom('bank_transactions').selectAll().execute()
  const by = (status: string) => txs.filter((x) => x.status === status)
  assert.ok(by('posted').length >= 2, 'payments matched to their requests')
  assert.ok(by('posted').every((x) => x.match_kind === 'reference' && x.invoice_id))
  assert.equal(by('expense').length, 2)
  assert.deepEqual(
    by('review').map((x) => [x.counterparty_name, x.review_reason]),
    [['Nagy és Társa Bt.', 'unmatched']],
  )
  const statements = await db.selectFrom('bank_statements').selectAll().execute()
  assert.ok(statements.every((s) => s.is_mismatch === 0))
})
