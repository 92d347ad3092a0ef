import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { Ctx } from '../../core/ctx.js'
import { expireEndedContracts, runDailyExpiry } from './contract-expiry.service.js'
import { getContract } from './contracts.service.js'
import { ctxOf, givenContract } from './contracts.test-kit.js'

// 23:30 UTC on 10 March is already 00:30 on 11 March in Budapest (UTC+1): "yesterday" there is the 10th,
// while a UTC calendar would still call the 10th "today" and expire nothing.
const NOW = new Date('2026-03-10T23:30:00Z')

test('the expiry job expires running contracts whose validity ended before today in the company’s time zone', async (t) => {
  const { services, given } = await testApp(t)
  const manager = await given.manager()
  const client = await given.client({ managerId: manager.id })
  const ctx = ctxOf(services, manager)
  const base = { validFrom: '2025-03-11' }
  const yesterday = await givenContract(ctx, client.id, { ...base, status: 'active', validTo: '2026-03-10' })
  const today = await givenContract(ctx, client.id, { ...base, status: 'active', validTo: '2026-03-11' })
  const suspended = await givenContract(ctx, client.id, { ...base, status: 'suspended', validTo: '2026-02-01' })
  const draft = await givenContract(ctx, client.id, { ...base, validTo: '2026-01-01' })
  const open = await givenContract(ctx, client.id, { ...base, status: 'active', validTo: null })
  const terminated = await givenContract(ctx, client.id, { ...base, status: 'terminated', validTo: '2026-01-01' })

  const system = Ctx.system(services, 'job contracts.expire')
  const expired = await expireEndedContracts(system, NOW)
  assert.deepEqual(new Set(expired), new Set([yesterday.id, suspended.id]))
  const status = async (id: string) => (await getContract(ctx, id)).status
  assert.equal(await status(yesterday.id), 'expired')
  assert.equal(await status(suspended.id), 'expired')
  assert.equal(await status(today.id), 'active', 'valid until today (Budapest) is still valid')
  assert.equal(await status(draft.id), 'draft')
  assert.equal(await status(open.id), 'active')
  assert.equal(await status(terminated.id), 'terminated')

  const change = await services.db.kysely
    .selectFrom('contract_status_changes')
    .selectAll()
    .where('contract_id', '=', yesterday.id)
    .where('to_status', '=', 'expired')
    .executeTakeFirstOrThrow()
  assert.deepEqual([change.from_status, change.changed_by, change.client_id], ['active', 'system', client.id])
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_id', '=', suspended.id)
    .where('action', '=', 'contract.status_changed')
    .executeTakeFirstOrThrow()
  assert.equal(audit.actor_id, null)
  assert.match(audit.actor_label, /^system: job contracts\.expire/)
  assert.deepEqual(JSON.parse(audit.before_json ?? ''), { status: 'suspended' })
  assert.equal(JSON.parse(audit.after_json ?? '').status, 'expired')

  // An hour earlier it was still the 10th in Budapest: nothing more to do, and yesterday's was the 9th.
  assert.deepEqual(await expireEndedContracts(system, new Date('2026-03-10T22:30:00Z')), [])
})

test('the hourly job acts once per company date', async (t) => {
  const { services, given } = await testApp(t)
  const manager = await given.manager()
  const client = await given.client({ managerId: manager.id })
  const ctx = ctxOf(services, manager)
  const system = Ctx.system(services, 'job contracts.expire')
  const first = await givenContract(ctx, client.id, {
    validFrom: '2025-01-01',
    status: 'active',
    validTo: '2026-03-09',
  })
  const run1 = await runDailyExpiry(system, NOW)
  assert.deepEqual(run1, { ran: true, expired: [first.id] })
  // Later the same day a contract is found past its validity: the next day's run takes it.
  const second = await givenContract(ctx, client.id, {
    validFrom: '2025-01-01',
    status: 'active',
    validTo: '2026-03-10',
  })
  assert.deepEqual(await runDailyExpiry(system, new Date('2026-03-11T10:00:00Z')), { ran: false, expired: [] })
  assert.equal((await getContract(ctx, second.id)).status, 'active')
  assert.deepEqual(await runDailyExpiry(system, new Date('2026-03-11T23:10:00Z')), { ran: true, expired: [second.id] })
  const runs = await services.db.kysely.selectFrom('contract_expiry_runs').selectAll().orderBy('run_date').execute()
  assert.deepEqual(
    runs.map((r) => [r.run_date, Number(r.expired)]),
    [
      ['2026-03-11', 1],
      ['2026-03-12', 1],
    ],
  )
})

test('the module declares the job hourly', async (t) => {
  const { services } = await testApp(t)
  const mod = services.modules.find((m) => m.name === 'contracts')
  assert.deepEqual(
    mod?.jobs?.map((j) => [j.name, j.everySeconds]),
    [['contracts.expire', 3600]],
  )
})
