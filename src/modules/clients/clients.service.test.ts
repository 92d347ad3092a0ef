import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { newId } from '../../core/db/ids.js'
import { ForbiddenError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { parseListQuery } from '../../core/http/list-query.js'
import {
  getClient,
  getClientName,
  getSupportVisibility,
  listClients,
  reassignClient,
  setSupportVisibility,
  updateClient,
} from './clients.service.js'
import { clientInput, ctxOf, makeClient, makeContact } from './clients.test-kit.js'

const SPEC = {
  sortable: ['name', 'status', 'group', 'manager', 'contacts', 'users', 'created_at'],
  defaultSort: 'name',
}
const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name)

test('the client list searches name, tax id (with or without dashes), contact person and e-mail; Cyrillic ignores case', async (t) => {
  const { services, given } = await testApp(t)
  const head = await given.head()
  const a = await makeClient(services, head, { name: 'Alfa Kft.', taxId: '10625790-4-44', email: 'office@alfa.hu' })
  await makeClient(services, head, { name: 'ООО «Северный ветер»', country: 'RU', taxId: '7707083893' })
  await makeClient(services, head, { name: 'Gamma Ltd.', country: 'GB', email: 'hello@gamma.example' })
  await makeContact(services, head, a, { name: 'Szabó Zsuzsanna', email: 'zsuzsa@alfa.hu' })
  const ctx = ctxOf(services, head)
  const search = async (q: string) => names(await listClients(ctx, parseListQuery({ q }, SPEC), { q }))
  assert.deepEqual(await search('alfa'), ['Alfa Kft.'])
  assert.deepEqual(await search('10625790444'), ['Alfa Kft.'], 'digits alone find the dashed tax number')
  assert.deepEqual(await search('10625790-4'), ['Alfa Kft.'])
  assert.deepEqual(await search('zsuzsanna'), ['Alfa Kft.'], 'a contact person’s name finds the client')
  assert.deepEqual(await search('ZSUZSA@ALFA'), ['Alfa Kft.'], 'so does the contact’s e-mail')
  assert.deepEqual(await search('gamma.example'), ['Gamma Ltd.'])
  assert.deepEqual(await search('северный'), ['ООО «Северный ветер»'], 'lower-case Cyrillic finds upper-case')
  assert.deepEqual(await search('7707083893'), ['ООО «Северный ветер»'])
  assert.deepEqual(await search('100%_'), [], 'LIKE wildcards are taken literally')
})

test('the client list filters by status, group and manager, sorts and pages; archived clients only on request', async (t) => {
  const { services, given } = await testApp(t)
  const head = await given.head()
  const anna = await given.manager({ name: 'Anna' })
  const boris = await given.manager({ name: 'Boris' })
  await makeClient(services, head, { name: 'C1', status: 'active', group: 'Wholesale' }, anna.id)
  await makeClient(services, head, { name: 'C2', status: 'prospect', group: 'Retail' }, boris.id)
  await makeClient(services, head, { name: 'C3', status: 'suspended', group: 'Wholesale' }, anna.id)
  await makeClient(services, head, { name: 'C4', status: 'archived', group: 'Wholesale' }, boris.id)
  await makeClient(services, head, { name: 'C5', status: 'active' })
  const ctx = ctxOf(services, head)
  const list = async (params: Record<string, string>) =>
    names(
      await listClients(ctx, parseListQuery(params, SPEC), {
        status: params.status,
        group: params.group,
        manager: params.manager,
      }),
    )
  assert.deepEqual(await list({}), ['C1', 'C2', 'C3', 'C5'], 'archived hidden by default')
  assert.deepEqual(await list({ status: 'archived' }), ['C4'])
  assert.deepEqual(await list({ status: 'any' }), ['C1', 'C2', 'C3', 'C4', 'C5'])
  assert.deepEqual(await list({ status: 'prospect' }), ['C2'])
  assert.deepEqual(await list({ group: 'Wholesale' }), ['C1', 'C3'])
  assert.deepEqual(await list({ manager: anna.id }), ['C1', 'C3'])
  assert.deepEqual(await list({ manager: 'none' }), ['C5'])
  assert.deepEqual(await list({ sort: 'name', dir: 'desc' }), ['C5', 'C3', 'C2', 'C1'])
  assert.deepEqual(
    await list({ sort: 'manager', status: 'any' }),
    ['C5', 'C1', 'C3', 'C2', 'C4'],
    'unassigned first, then by manager name',
  )
  assert.deepEqual(await list({ sort: 'group', dir: 'desc' }), ['C3', 'C1', 'C2', 'C5'])
  const page2 = await listClients(ctx, parseListQuery({ per: '2', page: '2' }, SPEC), {})
  assert.deepEqual(names(page2), ['C3', 'C5'])
  assert.equal(page2.total, 4)
})

test('a manager sees only its own clients; counts of contact persons and users come with each row', async (t) => {
  const { services, given } = await testApp(t)
  const head = await given.head()
  const anna = await given.manager()
  const boris = await given.manager()
  const mine = await makeClient(services, head, { name: 'Mine' }, anna.id)
  const theirs = await makeClient(services, head, { name: 'Theirs' }, boris.id)
  await makeContact(services, head, mine, { name: 'P1' })
  await makeContact(services, head, mine, { name: 'P2' })
  await given.clientUser({ client: { id: mine } })
  await given.clientUser({ client: { id: mine }, status: 'disabled' })
  const ctx = ctxOf(services, anna)
  const page = await listClients(ctx, parseListQuery({}, SPEC), {})
  assert.deepEqual(names(page), ['Mine'])
  assert.equal(Number(page.rows[0]?.contact_count), 2)
  assert.equal(Number(page.rows[0]?.user_count), 1, 'disabled users are not counted')
  await assert.rejects(getClient(ctx, theirs), NotFoundError)
  await assert.rejects(getClientName(ctx, theirs), NotFoundError)
  await assert.rejects(updateClient(ctx, theirs, clientInput({ name: 'Hijacked' })), NotFoundError)
  assert.equal(await getClientName(ctx, mine), 'Mine')
})

test('a manager who creates a client becomes its manager; only the head picks another', async (t) => {
  const { services, given } = await testApp(t)
  const head = await given.head()
  const anna = await given.manager()
  const boris = await given.manager()
  const byAnna = await makeClient(services, anna, { name: 'By Anna' }, boris.id)
  assert.equal((await getClient(ctxOf(services, head), byAnna)).manager_id, anna.id)
  const byHead = await makeClient(services, head, { name: 'By head' }, boris.id)
  assert.equal((await getClient(ctxOf(services, head), byHead)).manager_id, boris.id)
  await assert.rejects(makeClient(services, head, { name: 'Bad' }, newId()), ValidationError)
  await assert.rejects(
    makeClient(services, head, { name: 'Bad' }, (await given.clientUser()).id),
    ValidationError,
    'a client user is no manager',
  )
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select(['action', 'actor_id'])
    .where('entity_id', '=', byAnna)
    .execute()
  assert.deepEqual(audit, [{ action: 'client.created', actor_id: anna.id }])
})

test('tax ids are checked per country and unique with their KPP; the form errors name the field', async (t) => {
  const { services, given } = await testApp(t)
  const head = await given.head()
  await assert.rejects(
    makeClient(services, head, { taxId: '10625791-4-44' }),
    (err: ValidationError) => err.fields.tax_id === 'clients.tax_id.hu_checksum',
  )
  await assert.rejects(
    makeClient(services, head, { country: 'RU', taxId: '7707083894' }),
    (err: ValidationError) => err.fields.tax_id === 'clients.tax_id.ru_checksum',
  )
  await assert.rejects(
    makeClient(services, head, { country: 'RU', taxId: '500100732259', kpp: '773601001' }),
    (err: ValidationError) => err.fields.kpp === 'clients.kpp_only_ru_organisations',
  )
  await assert.rejects(
    makeClient(services, head, {
      bankAccounts: [{ bankName: 'X', account: 'HU42117730161111101800000001', bic: '', currency: 'HUF' }],
    }),
    (err: ValidationError) => err.fields.bank_account_0 === 'clients.iban_invalid',
  )
  await makeClient(services, head, { name: 'Sber HQ', country: 'RU', taxId: '7707083893', kpp: '773601001' })
  await makeClient(services, head, { name: 'Sber branch', country: 'RU', taxId: '7707083893', kpp: '775001001' })
  await assert.rejects(
    makeClient(services, head, { name: 'Copy', country: 'RU', taxId: '7707 083 893', kpp: '773601001' }),
    (err: ValidationError) => err.fields.tax_id === 'clients.tax_id_taken',
  )
  const anna = await given.manager()
  await assert.rejects(
    makeClient(services, anna, { name: 'Other manager copy', country: 'RU', taxId: '7707083893', kpp: '773601001' }),
    ValidationError,
    'uniqueness spans clients the manager cannot see',
  )
})

test('reassignment: head only, kept in the history and audited', async (t) => {
  const { services, given } = await testApp(t)
  const head = await given.head()
  const anna = await given.manager({ name: 'Anna' })
  const boris = await given.manager({ name: 'Boris' })
  const id = await makeClient(services, head, { name: 'Moving' }, anna.id)
  await assert.rejects(reassignClient(ctxOf(services, anna), id, boris.id, 'mine now'), ForbiddenError)
  const ctx = ctxOf(services, head)
  await reassignClient(ctx, id, boris.id, 'Holiday cover')
  await assert.rejects(reassignClient(ctx, id, boris.id, ''), RuleError)
  assert.equal((await getClient(ctx, id)).manager_id, boris.id)
  const history = await services.db.kysely
    .selectFrom('client_manager_history')
    .selectAll()
    .where('client_id', '=', id)
    .execute()
  assert.equal(history.length, 1)
  assert.equal(history[0]?.from_manager_id, anna.id)
  assert.equal(history[0]?.to_manager_id, boris.id)
  assert.equal(history[0]?.changed_by, head.id)
  assert.equal(history[0]?.comment, 'Holiday cover')
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select(['before_json', 'after_json'])
    .where('action', '=', 'client.reassigned')
    .executeTakeFirstOrThrow()
  assert.deepEqual(JSON.parse(audit.before_json ?? '{}'), { manager_id: anna.id })
  await assert.rejects(getClient(ctxOf(services, anna), id), NotFoundError, 'the old manager no longer sees it')
})

test('support visibility: company by default; the manager or the client admin sets it, audited', async (t) => {
  const { services, given } = await testApp(t)
  const anna = await given.manager()
  const id = await makeClient(services, anna, { name: 'Vis' })
  const admin = await given.clientUser({ client: { id }, isClientAdmin: true })
  const plain = await given.clientUser({ client: { id } })
  assert.equal(await getSupportVisibility(ctxOf(services, plain), id), 'company')
  await setSupportVisibility(ctxOf(services, admin), id, 'mine')
  assert.equal(await getSupportVisibility(ctxOf(services, anna), id), 'mine')
  await assert.rejects(setSupportVisibility(ctxOf(services, plain), id, 'company'), ForbiddenError)
  await setSupportVisibility(ctxOf(services, anna), id, 'company')
  await assert.rejects(setSupportVisibility(ctxOf(services, anna), id, 'everyone'), ValidationError)
  const other = await given.clientUser({ isClientAdmin: true })
  await assert.rejects(getSupportVisibility(ctxOf(services, other), id), NotFoundError)
  const rows = await services.db.kysely
    .selectFrom('audit_log')
    .select('actor_id')
    .where('action', '=', 'client.support_visibility_changed')
    .orderBy('at')
    .execute()
  assert.deepEqual(
    rows.map((r) => r.actor_id),
    [admin.id, anna.id],
  )
})

test('names sort the same on both databases, Hungarian accents with their letters', async (t) => {
  const { services, given } = await testApp(t)
  const head = await given.head()
  for (const name of ['Zala Kft.', 'Árvíztűrő Kft.', 'Bakony Zrt.', 'alma Bt.', 'Ózd Kft.'])
    await makeClient(services, head, { name })
  const ctx = ctxOf(services, head)
  const page = await listClients(ctx, parseListQuery({ sort: 'name' }, SPEC), {})
  assert.deepEqual(names(page), ['alma Bt.', 'Árvíztűrő Kft.', 'Bakony Zrt.', 'Ózd Kft.', 'Zala Kft.'])
})
