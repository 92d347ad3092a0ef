import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'kysely'
import { testApp } from '../../../test/helpers/test-app.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { openStatuses } from './order-workflow.js'
import { ordersQuery } from './orders.queries.js'
import { ORDER_SORTS, ordersWorkflow } from './orders.service.js'
import { ctxOf, givenOrder } from './orders.test-kit.js'

/**
 * The client's order list is a benchmark scenario (200,000 orders): its page query and its count must
 * be answered from the (client_id, status, order_date) index, not by scanning orders.
 */
test('the client’s current-orders page and count use the (client_id, status, order_date) index', async (t) => {
  const { services, given, db } = await testApp(t)
  const manager = await given.manager()
  const client = await given.client({ managerId: manager.id })
  const user = await given.clientUser({ client })
  for (let i = 0; i < 3; i++) await givenOrder(ctxOf(services, manager), client.id)
  const ctx = ctxOf(services, user)
  const lq = parseListQuery({}, { sortable: ORDER_SORTS, defaultSort: 'order_date', defaultDir: 'desc' })
  const statuses = openStatuses(await ordersWorkflow(ctx))
  // The same query listOrders builds for the client's current orders.
  const base = ordersQuery(ctx).where('orders.status', 'in', statuses)
  const page = base
    .orderBy(sql.ref('orders.order_date'), lq.dir)
    .orderBy(sql.ref('orders.id'), lq.dir)
    .limit(lq.per)
    .offset(0)
    .compile()
  const count = base.clearSelect().select(sql<number>`count(*)`.as('n')).compile()
  for (const q of [page, count]) {
    if (db.dialect === 'sqlite') {
      const plan = await db.kysely.executeQuery<{ detail: string }>({ ...q, sql: `explain query plan ${q.sql}` })
      const text = plan.rows.map((r) => r.detail).join('\n')
      assert.match(text, /orders USING (COVERING )?INDEX orders_client_status_date_idx/, text)
    } else {
      const text = await db.kysely.transaction().execute(async (trx) => {
        // The test tables are tiny: tell the planner a scan is dear, as it is at 200,000 rows.
        await sql`set local enable_seqscan = off`.execute(trx)
        const res = await trx.executeQuery<{ 'QUERY PLAN': string }>({ ...q, sql: `explain ${q.sql}` })
        return res.rows.map((r) => r['QUERY PLAN']).join('\n')
      })
      assert.match(text, /orders_client_status_date_idx/, text)
    }
  }
})
