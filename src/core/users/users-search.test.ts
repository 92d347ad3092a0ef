import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { Ctx } from '../ctx.js'
import { parseListQuery } from '../http/list-query.js'
import { listUsers } from './users.service.js'

const names = async (ctx: Ctx, q: string) =>
  (await listUsers(ctx, parseListQuery({ q }, { sortable: ['name'] }))).rows.map((r) => r.name).sort()

test('user search ignores case in every alphabet and takes % and _ literally', async (t) => {
  const { services, given } = await testApp(t)
  await given.head({ name: 'Ádám Kovács', email: 'adam@example.test' })
  await given.head({ name: 'Щукин Иван', email: 'ivan@example.test' })
  await given.head({ name: '100% Sure', email: 'sure_thing@example.test' })
  await given.head({ name: 'Plain Name', email: 'plain@example.test' })
  const ctx = Ctx.system(services, 'test')
  assert.deepEqual(await names(ctx, 'ádám'), ['Ádám Kovács'])
  assert.deepEqual(await names(ctx, 'ЩУКИН'), ['Щукин Иван'])
  assert.deepEqual(await names(ctx, '100%'), ['100% Sure'])
  assert.deepEqual(await names(ctx, '%'), ['100% Sure'])
  assert.deepEqual(await names(ctx, 'e_t'), ['100% Sure'])
  assert.deepEqual(await names(ctx, 'SURE_'), ['100% Sure'])
})
