import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEFAULTS } from '../../core/settings/settings-store.js'
import { normalizeWorkflow } from './order-settings.service.js'
import { closedStatuses, isAllowedTransition, openStatuses, type Workflow, workflowErrors } from './order-workflow.js'

const base = (): Workflow => structuredClone(DEFAULTS.orders)

test('the default workflow is new → confirmed → in progress → shipped → delivered → closed, cancellable while open', () => {
  const w = base()
  assert.deepEqual(workflowErrors(w), {})
  assert.deepEqual(openStatuses(w), ['new', 'confirmed', 'in_progress', 'shipped', 'delivered'])
  assert.deepEqual(closedStatuses(w), ['closed', 'cancelled'])
  const path = ['new', 'confirmed', 'in_progress', 'shipped', 'delivered', 'closed']
  for (let i = 0; i + 1 < path.length; i++) assert.ok(isAllowedTransition(w, path[i] as string, path[i + 1] as string))
  for (const open of openStatuses(w)) assert.ok(isAllowedTransition(w, open, 'cancelled'), `${open} → cancelled`)
  assert.equal(isAllowedTransition(w, 'new', 'shipped'), false)
  assert.equal(isAllowedTransition(w, 'closed', 'new'), false)
  assert.equal(isAllowedTransition(w, 'cancelled', 'new'), false)
})

test('a workflow is refused when it breaks a rule, with the reason on the right field', () => {
  const cases: [string, (w: Workflow) => void, Record<string, string>][] = [
    [
      'a transition to an unknown status',
      (w) => w.transitions.new?.push('lost'),
      { transitions: 'orders.settings.error.unknown_transition' },
    ],
    [
      'a transition from an unknown status',
      (w) => {
        w.transitions.lost = ['new']
      },
      { transitions: 'orders.settings.error.unknown_transition' },
    ],
    [
      'a status moving to itself',
      (w) => w.transitions.new?.push('new'),
      { transitions: 'orders.settings.error.unknown_transition' },
    ],
    [
      'an open status that cannot be cancelled',
      (w) => {
        w.transitions.shipped = ['delivered']
      },
      { transitions: 'orders.settings.error.cancel_reachable' },
    ],
    [
      'a new open status without a way to cancel',
      (w) => {
        w.statuses.splice(1, 0, {
          key: 'waiting',
          label: { en: 'Waiting', hu: 'Vár', ru: 'Ждёт' },
          open: true,
          tone: 'amber',
        })
      },
      { transitions: 'orders.settings.error.cancel_reachable' },
    ],
    [
      'no "new"',
      (w) => {
        w.statuses = w.statuses.filter((s) => s.key !== 'new')
      },
      { statuses: 'orders.settings.error.new_open' },
    ],
    [
      '"new" closed',
      (w) => {
        ;(w.statuses[0] as { open: boolean }).open = false
      },
      { statuses: 'orders.settings.error.new_open' },
    ],
    [
      '"cancelled" open',
      (w) => {
        ;(w.statuses.find((s) => s.key === 'cancelled') as { open: boolean }).open = true
      },
      { statuses: 'orders.settings.error.cancelled_closed' },
    ],
    [
      'a bad key',
      (w) => {
        ;(w.statuses[2] as { key: string }).key = 'In Progress'
      },
      { st_key_2: 'orders.settings.error.key' },
    ],
    [
      'a duplicate key',
      (w) => {
        ;(w.statuses[2] as { key: string }).key = 'confirmed'
      },
      { st_key_2: 'orders.settings.error.duplicate_key' },
    ],
    [
      'a missing label',
      (w) => {
        ;(w.statuses[1] as { label: { ru: string } }).label.ru = ' '
      },
      { st_ru_1: 'form.required' },
    ],
  ]
  for (const [what, change, want] of cases) {
    const w = base()
    change(w)
    const got = workflowErrors(w)
    for (const [field, key] of Object.entries(want)) assert.equal(got[field], key, `${what}: ${JSON.stringify(got)}`)
  }
})

test('every status must stay open-or-closed balanced, and a status orders hold cannot be removed', () => {
  const w = base()
  w.statuses = w.statuses.filter((s) => s.key !== 'closed')
  delete w.transitions.closed
  w.transitions.delivered = ['cancelled']
  assert.deepEqual(workflowErrors(normalizeWorkflow(w)), {}, 'closed is optional: cancelled is closed')
  assert.equal(workflowErrors(normalizeWorkflow(w), ['closed']).statuses, 'orders.settings.error.in_use')
})
