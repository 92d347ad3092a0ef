import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isPlainDate, nextDay, startOfDayUtc } from './zoned-day.js'

test('a day starts at local midnight, on either side of a daylight-saving change', () => {
  const start = (d: string, z: string) => startOfDayUtc(d, z).toISOString()
  assert.equal(start('2026-01-15', 'UTC'), '2026-01-15T00:00:00.000Z')
  assert.equal(start('2026-01-15', 'Europe/Budapest'), '2026-01-14T23:00:00.000Z')
  assert.equal(start('2026-03-29', 'Europe/Budapest'), '2026-03-28T23:00:00.000Z')
  assert.equal(start('2026-03-30', 'Europe/Budapest'), '2026-03-29T22:00:00.000Z')
  assert.equal(start('2026-10-26', 'Europe/Budapest'), '2026-10-25T23:00:00.000Z')
  assert.equal(start('2026-01-01', 'Asia/Kolkata'), '2025-12-31T18:30:00.000Z')
  assert.equal(start('2026-01-01', 'Europe/Moscow'), '2025-12-31T21:00:00.000Z')
  // Chile skips midnight when summer time begins: that day starts at 01:00 local (-03).
  assert.equal(start('2026-09-06', 'America/Santiago'), '2026-09-06T04:00:00.000Z')
})

test('plain dates are checked against the calendar', () => {
  assert.equal(isPlainDate('2028-02-29'), true)
  assert.equal(isPlainDate('2026-02-29'), false)
  assert.equal(isPlainDate('2026-13-01'), false)
  assert.equal(isPlainDate('26-01-01'), false)
  assert.equal(nextDay('2026-12-31'), '2027-01-01')
  assert.equal(nextDay('2028-02-28'), '2028-02-29')
})
