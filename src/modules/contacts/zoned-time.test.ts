import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isPlainDate, localToUtc, nextDay, utcToLocal } from './zoned-time.js'

test('wall-clock time in Budapest becomes UTC: one hour off in winter, two in summer', () => {
  assert.equal(localToUtc('2026-01-15T09:30', 'Europe/Budapest'), '2026-01-15T08:30:00.000Z')
  assert.equal(localToUtc('2026-07-01T09:30', 'Europe/Budapest'), '2026-07-01T07:30:00.000Z')
  // Just after midnight the UTC date is the day before.
  assert.equal(localToUtc('2026-07-01T00:15', 'Europe/Budapest'), '2026-06-30T22:15:00.000Z')
})

test('other zones: Moscow (+3, no DST), New York (−5/−4), UTC', () => {
  assert.equal(localToUtc('2026-03-10T12:00', 'Europe/Moscow'), '2026-03-10T09:00:00.000Z')
  assert.equal(localToUtc('2026-01-10T12:00', 'America/New_York'), '2026-01-10T17:00:00.000Z')
  assert.equal(localToUtc('2026-07-10T12:00', 'America/New_York'), '2026-07-10T16:00:00.000Z')
  assert.equal(localToUtc('2026-07-10T12:00', 'UTC'), '2026-07-10T12:00:00.000Z')
})

test('around the DST changes: the skipped hour moves forward, the repeated hour is read as standard time', () => {
  // 2026-03-29 02:00 CET → 03:00 CEST: 02:30 never shows on Budapest clocks.
  assert.equal(localToUtc('2026-03-29T01:30', 'Europe/Budapest'), '2026-03-29T00:30:00.000Z')
  assert.equal(localToUtc('2026-03-29T02:30', 'Europe/Budapest'), '2026-03-29T01:30:00.000Z')
  assert.equal(localToUtc('2026-03-29T03:30', 'Europe/Budapest'), '2026-03-29T01:30:00.000Z')
  // 2026-10-25 03:00 CEST → 02:00 CET: 02:30 happens twice.
  assert.equal(localToUtc('2026-10-25T01:30', 'Europe/Budapest'), '2026-10-24T23:30:00.000Z')
  assert.equal(localToUtc('2026-10-25T02:30', 'Europe/Budapest'), '2026-10-25T01:30:00.000Z')
  assert.equal(localToUtc('2026-10-25T03:30', 'Europe/Budapest'), '2026-10-25T02:30:00.000Z')
})

test('impossible or malformed times are refused', () => {
  for (const bad of [
    '',
    '2026-02-30T10:00',
    '2026-13-01T10:00',
    '2026-01-01T24:00',
    '2026-01-01T10:60',
    '10:00',
    'yesterday',
  ]) {
    assert.equal(localToUtc(bad, 'Europe/Budapest'), null, bad)
  }
  assert.equal(localToUtc('2026-01-01 10:00', 'Europe/Budapest'), '2026-01-01T09:00:00.000Z')
})

test('UTC back to wall-clock time for the form, and round trips', () => {
  assert.equal(utcToLocal('2026-06-30T22:15:00.000Z', 'Europe/Budapest'), '2026-07-01T00:15')
  assert.equal(utcToLocal('2026-01-15T08:30:00.000Z', 'Europe/Budapest'), '2026-01-15T09:30')
  assert.equal(utcToLocal('2026-01-15T08:30:00.000Z', 'Europe/Moscow'), '2026-01-15T11:30')
  for (const local of ['2026-01-01T00:00', '2026-05-31T23:59', '2026-10-25T01:30', '2026-12-31T12:00']) {
    assert.equal(utcToLocal(localToUtc(local, 'Europe/Budapest') as string, 'Europe/Budapest'), local)
  }
})

test('plain dates', () => {
  assert.ok(isPlainDate('2028-02-29'))
  assert.ok(!isPlainDate('2026-02-29'))
  assert.ok(!isPlainDate('2026-1-01'))
  assert.equal(nextDay('2026-12-31'), '2027-01-01')
  assert.equal(nextDay('2028-02-28'), '2028-02-29')
})
