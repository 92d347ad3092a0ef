import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { normalizeParameters } from './contract-parameters.js'
import { changeContractStatus, contractHistory } from './contract-status.service.js'
import { CONTRACT_STATUSES, TRANSITIONS } from './contracts.constants.js'
import { addDays, companyToday, createContract, getContract, updateContract } from './contracts.service.js'
import { contractInput, ctxOf, givenContract } from './contracts.test-kit.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager()
  const client = await w.given.client({ managerId: manager.id })
  return { ...w, manager, client, ctx: ctxOf(w.services, manager) }
}

test('every status transition: the legal ones move, record history and audit; the illegal ones are refused', async (t) => {
  const { ctx, client, services } = await world(t)
  const today = await companyToday(ctx)
  for (const from of CONTRACT_STATUSES) {
    for (const to of CONTRACT_STATUSES) {
      // Validity ends today: `expired` is allowed (on/after valid_to) and so is `active`.
      const c = await givenContract(ctx, client.id, { status: from, validTo: today, validFrom: addDays(today, -30) })
      const legal = TRANSITIONS[from].includes(to)
      if (legal) {
        const after = await changeContractStatus(ctx, c.id, to, { comment: `${from}→${to}`, version: c.version })
        assert.equal(after.status, to, `${from} → ${to}`)
        assert.equal(after.version, c.version + 1)
        const history = await contractHistory(ctx, c.id)
        const last = history.at(-1)
        assert.deepEqual([last?.from, last?.to, last?.comment], [from, to, `${from}→${to}`])
        const audit = await services.db.kysely
          .selectFrom('audit_log')
          .selectAll()
          .where('entity_id', '=', c.id)
          .where('action', '=', 'contract.status_changed')
          .executeTakeFirstOrThrow()
        assert.deepEqual(JSON.parse(audit.before_json ?? ''), { status: from })
        assert.equal(JSON.parse(audit.after_json ?? '').status, to)
      } else {
        await assert.rejects(
          changeContractStatus(ctx, c.id, to),
          (e: unknown) => e instanceof RuleError && e.code === 'contracts.illegal_transition',
          `${from} → ${to} must be refused`,
        )
        assert.equal((await getContract(ctx, c.id)).status, from)
      }
    }
  }
})

test('expiry needs the validity to have reached its last day; a passed validity cannot be (re)activated', async (t) => {
  const { ctx, client } = await world(t)
  const today = await companyToday(ctx)
  const rule = (code: string) => (e: unknown) => e instanceof RuleError && e.code === code

  const running = await givenContract(ctx, client.id, { status: 'active', validTo: addDays(today, 1) })
  await assert.rejects(changeContractStatus(ctx, running.id, 'expired'), rule('contracts.not_ended'))
  const open = await givenContract(ctx, client.id, { status: 'suspended', validTo: null })
  await assert.rejects(changeContractStatus(ctx, open.id, 'expired'), rule('contracts.open_ended'))
  const ended = await givenContract(ctx, client.id, {
    status: 'suspended',
    validFrom: '2025-01-01',
    validTo: addDays(today, -1),
  })
  await assert.rejects(changeContractStatus(ctx, ended.id, 'active'), rule('contracts.validity_passed'))
  assert.equal((await changeContractStatus(ctx, ended.id, 'expired')).status, 'expired')
  const lateDraft = await givenContract(ctx, client.id, { validFrom: '2025-01-01', validTo: addDays(today, -1) })
  await assert.rejects(changeContractStatus(ctx, lateDraft.id, 'active'), rule('contracts.validity_passed'))
  await assert.rejects(changeContractStatus(ctx, lateDraft.id, 'nonsense'), ValidationError)
})

test('the refusal message names both statuses in the user’s language', async (t) => {
  const { services, manager, client } = await world(t)
  const ctx = ctxOf(services, manager, 'hu')
  const c = await givenContract(ctx, client.id, { status: 'terminated' })
  const err = await changeContractStatus(ctx, c.id, 'active').catch((e: RuleError) => e)
  assert.ok(err instanceof RuleError)
  const message = services.catalog.translator('hu')(err.messageKey, err.params)
  assert.equal(message, 'Ez az állapotváltás nem megengedett: Megszüntetett → Hatályos.')
})

test('a number is unique per client; the same number for another client is fine', async (t) => {
  const { ctx, client, given, manager } = await world(t)
  const other = await given.client({ managerId: manager.id })
  await createContract(ctx, client.id, contractInput({ number: 'SZ-2026/014' }))
  await assert.rejects(
    createContract(ctx, client.id, contractInput({ number: 'SZ-2026/014' })),
    (e: unknown) => e instanceof ValidationError && e.fields.number === 'contracts.error.number_taken',
  )
  const theirs = await createContract(ctx, other.id, contractInput({ number: 'SZ-2026/014' }))
  assert.equal(theirs.number, 'SZ-2026/014')
  const second = await createContract(ctx, client.id, contractInput({ number: 'SZ-2026/015' }))
  await assert.rejects(
    updateContract(ctx, second.id, second.version, { number: 'SZ-2026/014' }),
    (e: unknown) => e instanceof ValidationError && e.fields.number === 'contracts.error.number_taken',
  )
})

test('parameters are checked by type and stored typed', () => {
  const opts = { currency: 'HUF', decimal: ',' as const }
  const cases: [string, unknown, unknown][] = [
    ['text', ' DAP Budapest ', 'DAP Budapest'],
    ['text', '', null],
    ['text', 12, null],
    ['text', 'x'.repeat(501), null],
    ['number', 7.5, 7.5],
    ['number', '7,5', 7.5],
    ['number', '1 234,5', 1234.5],
    ['number', '1,234.5', 1234.5],
    ['number', 'seven', null],
    ['number', Number.NaN, null],
    ['date', '2026-02-28', '2026-02-28'],
    ['date', '2026. 03. 01.', '2026-03-01'],
    ['date', '01.03.2026', '2026-03-01'],
    ['date', '2026-02-30', null],
    ['date', 'tomorrow', null],
    ['money', '1250,50 EUR', { minor: 125050, currency: 'EUR' }],
    ['money', '18 000', { minor: 1800000, currency: 'HUF' }],
    ['money', { minor: 99, currency: 'RUB' }, { minor: 99, currency: 'RUB' }],
    ['money', { minor: 1.5, currency: 'RUB' }, null],
    ['money', { minor: 100, currency: 'rub' }, null],
    ['money', 'lots', null],
    ['boolean', true, true],
    ['boolean', 'igen', true],
    ['boolean', 'нет', false],
    ['boolean', 'perhaps', null],
  ]
  for (const [type, value, expected] of cases) {
    const { parameters, errors } = normalizeParameters([{ key: 'P', type, value }], opts)
    if (expected === null) {
      assert.equal(errors['parameters.0.value'], `contracts.param.invalid_${type}`, `${type} ${JSON.stringify(value)}`)
      assert.equal(parameters.length, 0)
    } else {
      assert.deepEqual(errors, {}, `${type} ${JSON.stringify(value)}`)
      assert.deepEqual(parameters[0]?.value, expected, `${type} ${JSON.stringify(value)}`)
    }
  }
  const bad = normalizeParameters(
    [
      { key: 'Term', type: 'number', value: 30 },
      { key: 'term', type: 'number', value: 45 },
      { key: ' ', type: 'text', value: 'x' },
      { key: 'Kind', type: 'colour', value: 'red' },
    ],
    opts,
  )
  assert.deepEqual(bad.errors, {
    'parameters.1.key': 'contracts.param.duplicate_key',
    'parameters.2.key': 'contracts.param.key_required',
    'parameters.3.type': 'form.invalid_choice',
  })
})

test('a contract keeps typed parameters; invalid ones refuse the whole save', async (t) => {
  const { ctx, client } = await world(t)
  const c = await createContract(
    ctx,
    client.id,
    contractInput({
      parameters: [
        { key: 'Payment term (days)', type: 'number', value: 30 },
        { key: 'Hourly rate', type: 'money', value: { minor: 1800000, currency: 'HUF' } },
        { key: 'Deposit paid', type: 'boolean', value: true },
        { key: 'Price list valid until', type: 'date', value: '2026-12-31' },
      ],
    }),
  )
  assert.deepEqual(
    (await getContract(ctx, c.id)).parameters.map((p) => p.value),
    [30, { minor: 1800000, currency: 'HUF' }, true, '2026-12-31'],
  )
  await assert.rejects(
    updateContract(ctx, c.id, c.version, { parameters: [{ key: 'Due', type: 'date', value: '31/31/2026' }] }),
    (e: unknown) => e instanceof ValidationError && e.fields['parameters.0.value'] === 'contracts.param.invalid_date',
  )
  assert.equal((await getContract(ctx, c.id)).parameters.length, 4)
})

test('field rules: dates in order, framework contracts have no amount, required fields', async (t) => {
  const { ctx, client } = await world(t)
  const fields = async (input: Parameters<typeof contractInput>[0]) =>
    createContract(ctx, client.id, contractInput(input)).then(
      () => ({}),
      (e: ValidationError) => e.fields,
    )
  assert.deepEqual(await fields({ validFrom: '2026-05-01', validTo: '2026-04-30' }), {
    valid_to: 'contracts.error.valid_to_before_from',
  })
  assert.deepEqual(await fields({ type: 'framework' }), { amount: 'contracts.error.framework_amount' })
  assert.deepEqual(await fields({ type: 'framework', amount: null, validTo: null }), {})
  assert.deepEqual(await fields({ number: ' ', subject: '', signedOn: '2026-13-01' }), {
    number: 'form.required',
    subject: 'form.required',
    signed_on: 'contracts.error.date',
  })
})

test('optimistic concurrency: two changes from the same version, the second is a conflict', async (t) => {
  const { ctx, client, services } = await world(t)
  const c = await givenContract(ctx, client.id, { status: 'active' })
  const results = await Promise.allSettled([
    changeContractStatus(ctx, c.id, 'suspended', { version: c.version }),
    changeContractStatus(ctx, c.id, 'terminated', { version: c.version }),
  ])
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
  const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
  assert.ok(refused.reason instanceof ConflictError, String(refused.reason))
  const changes = await services.db.kysely
    .selectFrom('contract_status_changes')
    .select('to_status')
    .where('contract_id', '=', c.id)
    .execute()
  assert.equal(changes.length, 2, 'the creation and one change')

  const now = await getContract(ctx, c.id)
  if (now.status === 'suspended') {
    await assert.rejects(updateContract(ctx, c.id, now.version, { subject: 'x' }), RuleError)
  }
  const d = await givenContract(ctx, client.id)
  await updateContract(ctx, d.id, d.version, { subject: 'First editor' })
  await assert.rejects(updateContract(ctx, d.id, d.version, { subject: 'Second editor' }), ConflictError)
  assert.equal((await getContract(ctx, d.id)).subject, 'First editor')
})

test('updates are audited with only the changed fields; unchanged saves write nothing', async (t) => {
  const { ctx, client, services } = await world(t)
  const c = await givenContract(ctx, client.id)
  const saved = await updateContract(ctx, c.id, c.version, { subject: 'New subject', validTo: null })
  assert.equal(saved.version, c.version + 1)
  const rows = await services.db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_id', '=', c.id)
    .orderBy('at')
    .execute()
  assert.deepEqual(
    rows.map((r) => r.action),
    ['contract.created', 'contract.updated'],
  )
  assert.deepEqual(JSON.parse(rows[1]?.after_json ?? ''), { subject: 'New subject', valid_to: null })
  const same = await updateContract(ctx, c.id, saved.version, { subject: 'New subject' })
  assert.equal(same.version, saved.version)
})

test('staff outside the client’s scope get 404; client users never see drafts or notes', async (t) => {
  const { ctx, client, given, services } = await world(t)
  const stranger = ctxOf(services, await given.manager())
  const c = await givenContract(ctx, client.id, { notes: 'internal' })
  await assert.rejects(getContract(stranger, c.id), NotFoundError)
  await assert.rejects(changeContractStatus(stranger, c.id, 'active'), NotFoundError)
  await assert.rejects(createContract(stranger, client.id, contractInput()), NotFoundError)
  const user = ctxOf(services, await given.clientUser({ client }))
  await assert.rejects(getContract(user, c.id), NotFoundError, 'a draft is not the client’s yet')
  await changeContractStatus(ctx, c.id, 'active', { comment: 'signed at last' })
  const seen = await getContract(user, c.id)
  assert.equal(seen.status, 'active')
  const history = await contractHistory(user, c.id)
  assert.deepEqual(
    history.map((h) => [h.from, h.to, h.comment]),
    [['draft', 'active', null]],
  )
})
