import assert from 'node:assert/strict'
import { test } from 'node:test'
import { diffChanges } from './audit-diff.js'

test('changed, added and removed keys are listed by dotted path; arrays compare whole', () => {
  const before = { name: 'A', tags: [1, 2], logo: { sha256: 'x', mime: 'image/png' }, gone: true }
  const after = { name: 'B', tags: [1, 2], logo: { sha256: 'y', mime: 'image/png' }, added: 0 }
  assert.deepEqual(diffChanges(before, after), [
    { path: 'added', kind: 'added', after: 0 },
    { path: 'gone', kind: 'removed', before: true },
    { path: 'logo.sha256', kind: 'changed', before: 'x', after: 'y' },
    { path: 'name', kind: 'changed', before: 'A', after: 'B' },
  ])
  assert.deepEqual(diffChanges({ tags: [1] }, { tags: [1, 2] }), [
    { path: 'tags', kind: 'changed', before: [1], after: [1, 2] },
  ])
})

test('a record with only one side lists everything as added or removed; null replaced by an object is one change', () => {
  assert.deepEqual(diffChanges(null, { a: 1 }), [{ path: 'a', kind: 'added', after: 1 }])
  assert.deepEqual(diffChanges({ a: 1 }, null), [{ path: 'a', kind: 'removed', before: 1 }])
  assert.deepEqual(diffChanges({ logo: null }, { logo: { sha256: 'y' } }), [
    { path: 'logo', kind: 'changed', before: null, after: { sha256: 'y' } },
  ])
  assert.deepEqual(diffChanges('x', 'y'), [{ path: '', kind: 'changed', before: 'x', after: 'y' }])
  assert.deepEqual(diffChanges(null, null), [])
})
