import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { Ctx } from '../ctx.js'
import { formatNumber, isValidTemplate, nextNumber, periodOf } from './numbering.js'

test('templates format year, month and a zero-padded counter', () => {
  assert.equal(formatNumber('INV-{YYYY}-{NNNNNN}', '2026-03-05', 123), 'INV-2026-000123')
  assert.equal(formatNumber('{YY}/{MM}/{NNN}', '2026-03-05', 7), '26/03/007')
  assert.equal(formatNumber('A{N}', '2026-03-05', 12345), 'A12345')
  assert.equal(periodOf('INV-{YYYY}-{NNNNNN}', '2026-03-05'), '2026')
  assert.equal(periodOf('{YY}/{MM}/{NNN}', '2026-03-05'), '2026-03')
  assert.equal(periodOf('X-{NNNN}', '2026-03-05'), 'all')
  assert.ok(isValidTemplate('INV-{YYYY}-{NNNNNN}'))
  assert.ok(!isValidTemplate('INV-{YYYY}'))
  assert.ok(!isValidTemplate('{NN}-{NNN}'))
})

test('numbers run per kind and year, and a rolled-back document gives its number back', async (t) => {
  const { services } = await testApp(t)
  const ctx = Ctx.system(services, 'test')
  const take = (kind: string, date: string) => ctx.transaction((tx) => nextNumber(tx, kind, date))
  assert.equal(await take('invoice', '2026-01-10'), 'INV-2026-000001')
  assert.equal(await take('invoice', '2026-05-10'), 'INV-2026-000002')
  assert.equal(await take('order', '2026-05-10'), 'ORD-2026-000001')
  assert.equal(await take('invoice', '2027-01-01'), 'INV-2027-000001')
  await assert.rejects(
    ctx.transaction(async (tx) => {
      await nextNumber(tx, 'invoice', '2026-06-01')
      throw new Error('document refused')
    }),
  )
  assert.equal(await take('invoice', '2026-06-01'), 'INV-2026-000003')
  await assert.rejects(nextNumber(ctx, 'invoice', '2026-06-01'), /inside the transaction/)
})

test('50 concurrent documents get 50 distinct consecutive numbers', async (t) => {
  const { services } = await testApp(t)
  const ctx = Ctx.system(services, 'test')
  const numbers = await Promise.all(
    Array.from({ length: 50 }, () => ctx.transaction((tx) => nextNumber(tx, 'invoice', '2026-02-01'))),
  )
  const sorted = [...numbers].sort()
  assert.equal(new Set(numbers).size, 50)
  assert.deepEqual(
    sorted,
    Array.from({ length: 50 }, (_, i) => `INV-2026-${String(i + 1).padStart(6, '0')}`),
  )
})
