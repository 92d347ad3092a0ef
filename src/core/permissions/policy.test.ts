import assert from 'node:assert/strict'
import { test } from 'node:test'
import { defineModule } from '../module.js'
import { buildPolicy, CORE_CLIENT_ADMIN_PERMISSIONS, CORE_PERMISSIONS } from './policy.js'

const orders = defineModule({
  name: 'orders',
  permissions: {
    'orders.read': ['client', 'manager'],
    'orders.manage': ['manager'],
    'orders.period_lock': ['head'],
    'orders.own_company': ['client'],
  },
  clientAdminPermissions: ['orders.approve'],
})
const integrations = defineModule({ name: 'site', permissions: { 'site.sync': ['admin'] } })

const policy = buildPolicy([orders, integrations])
const has = (role: 'client' | 'manager' | 'head' | 'admin', isClientAdmin = false) => {
  const set = policy.permissionsFor({ role, isClientAdmin })
  return (p: string) => set.has(p)
}

test('the head holds every staff permission, but not what only client users hold', () => {
  const head = has('head')
  for (const p of policy.all) {
    const clientOnly = p === 'company.users' || p === 'orders.approve' || p === 'orders.own_company'
    assert.equal(head(p), !clientOnly, p)
  }
  for (const p of [
    'orders.read',
    'orders.manage',
    'orders.period_lock',
    'users.manage',
    'settings.manage',
    'audit.read',
    'api.tokens',
    'site.sync',
  ]) {
    assert.ok(head(p), p)
  }
})

test('the admin has its own permissions and no business ones', () => {
  const admin = has('admin')
  for (const p of ['users.manage', 'settings.manage', 'audit.read', 'api.tokens', 'site.sync']) assert.ok(admin(p), p)
  for (const p of ['orders.read', 'orders.manage', 'orders.period_lock', 'orders.approve', 'company.users']) {
    assert.ok(!admin(p), p)
  }
})

test('a manager gets what modules grant managers, not administration', () => {
  const manager = has('manager')
  assert.ok(manager('orders.read') && manager('orders.manage') && manager('api.tokens'))
  for (const p of [
    'users.manage',
    'settings.manage',
    'audit.read',
    'orders.period_lock',
    'company.users',
    'site.sync',
  ]) {
    assert.ok(!manager(p), p)
  }
})

test('a client admin gets company.users, audit.read and the modules’ client-admin permissions; a plain client does not', () => {
  const clientAdmin = has('client', true)
  const client = has('client', false)
  for (const p of [...CORE_CLIENT_ADMIN_PERMISSIONS, 'orders.approve']) {
    assert.ok(clientAdmin(p), p)
    assert.ok(!client(p), p)
  }
  assert.ok(client('orders.read') && clientAdmin('orders.read'))
  for (const p of ['orders.manage', 'users.manage', 'settings.manage']) {
    assert.ok(!clientAdmin(p) && !client(p), p)
  }
})

test('the client-admin flag means nothing for staff', () => {
  assert.ok(!has('manager', true)('company.users'))
  assert.ok(!has('admin', true)('orders.approve'))
})

test('`all` lists every permission of core and modules', () => {
  for (const p of [
    ...Object.keys(CORE_PERMISSIONS),
    ...CORE_CLIENT_ADMIN_PERMISSIONS,
    'orders.read',
    'orders.approve',
    'site.sync',
  ]) {
    assert.ok(policy.all.has(p), p)
  }
})

test('with no modules the core table stands alone', () => {
  const core = buildPolicy([])
  assert.deepEqual([...core.permissionsFor({ role: 'admin', isClientAdmin: false })].sort(), [
    'api.tokens',
    'audit.read',
    'settings.manage',
    'users.manage',
  ])
  assert.deepEqual([...core.permissionsFor({ role: 'client', isClientAdmin: false })], ['api.tokens'])
})
