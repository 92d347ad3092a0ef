import assert from 'node:assert/strict'
import { test } from 'node:test'
import { defineModule } from '../module.js'
import { buildPolicy } from './policy.js'

const shop = defineModule({
  name: 'shop',
  permissions: { 'shop.read': ['client', 'manager', 'head'], 'shop.manage': ['manager', 'head'] },
  clientAreas: { 'shop.read': 'orders' },
})

test('a client user holds an area’s permissions only while the area is open to it', () => {
  const policy = buildPolicy([shop])
  assert.ok(policy.permissionsFor({ role: 'client', isClientAdmin: false, areas: ['orders'] }).has('shop.read'))
  assert.ok(!policy.permissionsFor({ role: 'client', isClientAdmin: false, areas: ['finance'] }).has('shop.read'))
  assert.ok(!policy.permissionsFor({ role: 'client', isClientAdmin: true, areas: [] }).has('shop.read'))
  assert.ok(policy.permissionsFor({ role: 'client', isClientAdmin: true, areas: [] }).has('company.users'))
})

test('areas never limit staff', () => {
  const policy = buildPolicy([shop])
  assert.ok(policy.permissionsFor({ role: 'manager', isClientAdmin: false, areas: [] }).has('shop.read'))
  assert.ok(policy.permissionsFor({ role: 'head', isClientAdmin: false }).has('shop.manage'))
  assert.ok(!policy.permissionsFor({ role: 'admin', isClientAdmin: false }).has('shop.read'))
})
