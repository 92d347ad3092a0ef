import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { ctxOf, rawSum } from './finance.test-kit.js'
import { ledgerPage } from './ledger.service.js'

test('the ledger page stays quick and consistent on a large account (60,000 entries)', async (t) => {
  const w = await testApp(t)
  const manager = await w.given.manager()
  const client = await w.given.client({ managerId: manager.id })
  const ctx = ctxOf(w.services, manager)
  const at = nowIso()
  const N = 60_000
  for (let i = 0; i < N; i += 1000) {
    const rows = Array.from({ length: 1000 }, (_, k) => {
      const n = i + k
      const d = new Date(Date.UTC(2020, 0, 1) + Math.floor(n / 20) * 86_400_000).toISOString().slice(0, 10)
      return {
        id: newId(),
        client_id: client.id,
        entry_date: d,
        kind: (n % 3 === 0 ? 'payment' : 'service') as 'payment' | 'service',
        amount_minor: n % 3 === 0 ? 2_000 + (n % 7) : -(1_000 + (n % 11)),
        currency: 'EUR',
        description: `e${n}`,
        source_kind: null,
        source_id: null,
        reverses_entry_id: null,
        created_by: null,
        created_at: at,
      }
    })
    await w.services.db.kysely.insertInto('ledger_entries').values(rows).execute()
  }
  const started = performance.now()
  const last = await ledgerPage(ctx, client.id, {
    currency: 'EUR',
    from: '2020-01-01',
    to: '2099-12-31',
    page: N / 50,
    per: 50,
  })
  const deep = await ledgerPage(ctx, client.id, {
    currency: 'EUR',
    from: '2023-06-01',
    to: '2099-12-31',
    page: 3,
    per: 50,
  })
  const elapsed = performance.now() - started
  assert.equal(last.total, N)
  assert.equal(last.rows.length, 50)
  assert.equal(last.rows.at(-1)?.runningMinor, await rawSum(w.services, client.id, 'EUR'))
  assert.equal(last.closingMinor, await rawSum(w.services, client.id, 'EUR'))
  // The third page of a later period opens with everything before it: period opening plus two pages.
  const first = await ledgerPage(ctx, client.id, {
    currency: 'EUR',
    from: '2023-06-01',
    to: '2099-12-31',
    page: 1,
    per: 100,
  })
  assert.equal(deep.pageOpeningMinor, first.rows[99]?.runningMinor)
  assert.ok(elapsed < 5_000, `two deep pages took ${Math.round(elapsed)} ms`)
})
