import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { testApp } from '../../../test/helpers/test-app.js'
import { ctxOf, rawSum, seeded } from './finance.test-kit.js'
import { saveFinanceSettings } from './finance-settings.service.js'
import {
  clientBalances,
  ledgerPage,
  postEntry,
  postShipmentCharge,
  recordCharge,
  reverseEntry,
} from './ledger.service.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager()
  const head = await w.given.head()
  const client = await w.given.client({ name: 'Ledger Kft.', managerId: manager.id })
  return { ...w, manager, head, client, mctx: ctxOf(w.services, manager), hctx: ctxOf(w.services, head) }
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

test('balance equals the sum of entries after a random sequence of charges, payments and reversals', async (t) => {
  const w = await world(t)
  const random = seeded(20261129)
  const model = new Map<string, number>([
    ['EUR', 0],
    ['HUF', 0],
  ])
  const posted: { id: string; amount: number; currency: string; reversed: boolean; kind: string }[] = []
  for (let i = 0; i < 120; i++) {
    const currency = random() < 0.7 ? 'EUR' : 'HUF'
    const date = addDays('2026-01-01', Math.floor(random() * 300))
    const roll = random()
    if (roll < 0.4) {
      const amount = 1 + Math.floor(random() * 100_000)
      const e = await recordCharge(w.mctx, w.client.id, {
        kind: 'service',
        amountMinor: amount,
        currency,
        date,
        description: `c${i}`,
      })
      posted.push({ id: e.id, amount: -amount, currency, reversed: false, kind: e.kind })
      model.set(currency, (model.get(currency) ?? 0) - amount)
    } else if (roll < 0.75) {
      const amount = 1 + Math.floor(random() * 120_000)
      const e = await postEntry(w.mctx, {
        clientId: w.client.id,
        date,
        kind: 'payment',
        amountMinor: amount,
        currency,
        description: `p${i}`,
      })
      posted.push({ id: e.id, amount, currency, reversed: false, kind: e.kind })
      model.set(currency, (model.get(currency) ?? 0) + amount)
    } else {
      const open = posted.filter((p) => !p.reversed && p.kind !== 'reversal')
      const pick = open[Math.floor(random() * open.length)]
      if (!pick) continue
      const r = await reverseEntry(w.mctx, pick.id, { reason: 'random correction', date })
      pick.reversed = true
      posted.push({ id: r.id, amount: -pick.amount, currency: pick.currency, reversed: false, kind: 'reversal' })
      model.set(pick.currency, (model.get(pick.currency) ?? 0) - pick.amount)
    }
  }
  const balances = await clientBalances(w.mctx, w.client.id)
  for (const b of balances) {
    assert.equal(b.balanceMinor, model.get(b.currency), `${b.currency} balance`)
    assert.equal(b.balanceMinor, await rawSum(w.services, w.client.id, b.currency))
  }

  // The ledger page: walking every page of a sub-period, each row's running balance is the
  // previous row's plus its amount, across page boundaries, and the last equals the closing balance.
  for (const currency of ['EUR', 'HUF']) {
    const from = '2026-03-01'
    const to = '2026-09-30'
    let prev: number | null = null
    let pageNo = 1
    let seen = 0
    let closing = 0
    for (;;) {
      const p = await ledgerPage(w.mctx, w.client.id, { currency, from, to, page: pageNo, per: 7 })
      closing = p.closingMinor
      if (pageNo === 1) prev = p.openingMinor
      assert.equal(p.pageOpeningMinor, prev, `page ${pageNo} opens where the last one closed`)
      for (const r of p.rows) {
        assert.equal(r.runningMinor, (prev as number) + r.amountMinor)
        prev = r.runningMinor
        seen++
      }
      if (p.rows.length < 7) {
        assert.equal(seen, p.total)
        break
      }
      pageNo++
    }
    assert.equal(prev, closing, `${currency} closing balance`)
    const before = posted.length // the opening is the sum of everything dated before the period
    assert.ok(before > 0)
  }
})

test('an entry is corrected by a linked reversal, once; a reversal is not reversed', async (t) => {
  const w = await world(t)
  const e = await recordCharge(w.mctx, w.client.id, {
    kind: 'fee',
    amountMinor: 5_000,
    currency: 'EUR',
    date: '2026-05-05',
    description: 'Fee',
  })
  assert.equal(e.amountMinor, -5_000)
  const r = await reverseEntry(w.mctx, e.id, { reason: 'Wrong client' })
  assert.equal(r.amountMinor, 5_000)
  assert.equal(r.reversesEntryId, e.id)
  assert.equal(r.kind, 'reversal')
  await assert.rejects(reverseEntry(w.mctx, e.id, { reason: 'Again' }), { code: 'already_reversed' })
  await assert.rejects(reverseEntry(w.mctx, r.id, { reason: 'Undo' }), { code: 'reversal_of_reversal' })
  assert.deepEqual(await clientBalances(w.mctx, w.client.id), [{ currency: 'EUR', balanceMinor: 0 }])
  const audits = await w.services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('action', '=', 'finance.entry_posted')
    .execute()
  assert.equal(audits.length, 2)

  // Two reversals racing: exactly one wins.
  const f = await recordCharge(w.mctx, w.client.id, {
    kind: 'fee',
    amountMinor: 700,
    currency: 'EUR',
    date: '2026-05-06',
    description: 'Fee 2',
  })
  const results = await Promise.allSettled([
    reverseEntry(w.mctx, f.id, { reason: 'one' }),
    reverseEntry(w.mctx, f.id, { reason: 'two' }),
  ])
  assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1)
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 0)
})

test('the period lock: a manager cannot post on or before the lock date, the head can', async (t) => {
  const w = await world(t)
  await assert.rejects(
    saveFinanceSettings(w.mctx, { lockDate: '2026-03-31', paymentDays: '8', topUpMin: '10' }, 'EUR', '.'),
    { code: 'forbidden' },
  )
  await saveFinanceSettings(w.hctx, { lockDate: '2026-03-31', paymentDays: '8', topUpMin: '10' }, 'EUR', '.')
  w.services.settings.invalidate()
  const charge = { kind: 'service' as const, amountMinor: 1_000, currency: 'EUR', description: 'Late act' }
  await assert.rejects(recordCharge(w.mctx, w.client.id, { ...charge, date: '2026-03-31' }), { code: 'period_locked' })
  await assert.rejects(recordCharge(w.mctx, w.client.id, { ...charge, date: '2025-12-01' }), { code: 'period_locked' })
  const ok = await recordCharge(w.mctx, w.client.id, { ...charge, date: '2026-04-01' })
  assert.equal(ok.date, '2026-04-01')
  const byHead = await recordCharge(w.hctx, w.client.id, { ...charge, date: '2026-03-15' })
  assert.equal(byHead.date, '2026-03-15')
  // A reversal dated into the locked period is refused to the manager too.
  await assert.rejects(reverseEntry(w.mctx, byHead.id, { reason: 'x', date: '2026-03-20' }), { code: 'period_locked' })
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), -2_000)
})

test('a shipment is charged once unless its charge was reversed; amounts and dates are checked', async (t) => {
  const w = await world(t)
  const s = {
    clientId: w.client.id,
    shipmentId: 'SHP-1',
    amountMinor: 9_990,
    currency: 'EUR',
    date: '2026-06-01',
    description: 'Shipment 1',
  }
  const first = await postShipmentCharge(w.mctx, s)
  assert.equal(first.amountMinor, -9_990)
  assert.equal(first.sourceKind, 'shipment')
  await assert.rejects(postShipmentCharge(w.mctx, s), { code: 'shipment_charged' })
  await reverseEntry(w.mctx, first.id, { reason: 'Wrong weight' })
  await postShipmentCharge(w.mctx, { ...s, amountMinor: 8_000 })
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), -8_000)
  await assert.rejects(postShipmentCharge(w.mctx, { ...s, shipmentId: 'SHP-2', amountMinor: 0 }), {
    code: 'validation_failed',
  })
  await assert.rejects(
    recordCharge(w.mctx, w.client.id, {
      kind: 'service',
      amountMinor: 1,
      currency: 'EUR',
      date: '2026-02-30',
      description: 'x',
    }),
    { code: 'validation_failed' },
  )
})

test('a manager cannot post to a client of another manager (404), a client user cannot post at all', async (t) => {
  const w = await world(t)
  const other = await w.given.manager()
  const user = await w.given.clientUser({ client: w.client })
  const charge = { kind: 'service' as const, amountMinor: 1_000, currency: 'EUR', date: '2026-04-01', description: 'x' }
  await assert.rejects(recordCharge(ctxOf(w.services, other), w.client.id, charge), { code: 'not_found' })
  await assert.rejects(recordCharge(ctxOf(w.services, user), w.client.id, charge), { code: 'forbidden' })
  await assert.rejects(
    ledgerPage(ctxOf(w.services, other), w.client.id, {
      currency: 'EUR',
      from: '2026-01-01',
      to: '2026-12-31',
      page: 1,
    }),
    {
      code: 'not_found',
    },
  )
  assert.equal(await rawSum(w.services, w.client.id, 'EUR'), 0)
})

test('the ledger is append-only: no code of the module updates or deletes ledger entries', () => {
  const dir = path.dirname(fileURLToPath(import.meta.url))
  const files = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name))
  assert.ok(files.length > 5)
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8')
    assert.doesNotMatch(text, /updateTable\(\s*['"]ledger_entries['"]/, file)
    assert.doesNotMatch(text, /deleteFrom\(\s*['"]ledger_entries['"]/, file)
  }
})
