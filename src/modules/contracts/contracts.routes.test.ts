import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { changeContractStatus } from './contract-status.service.js'
import { addDays, companyToday, getContract } from './contracts.service.js'
import { ctxOf, givenContract, multipart, PDF, PNG } from './contracts.test-kit.js'
import { contractsTimeline } from './contracts.timeline.js'

async function world(t: import('node:test').TestContext, env?: Record<string, string>) {
  const w = await testApp(t, { env })
  const manager = await w.given.manager({ name: 'Mira Manager' })
  const client = await w.given.client({ name: 'Árvíztűrő Kft.', managerId: manager.id })
  const ctx = ctxOf(w.services, manager)
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(manager))
  return { ...w, manager, client, ctx, agent }
}

async function upload(agent: Agent, url: string, filename: string, type: string, data: Buffer, accept = 'text/html') {
  if (!agent.csrf) await agent.get(url.replace(/\/scan$/, ''))
  const body = multipart('scan', filename, type, data)
  return agent.app.inject({
    method: 'POST',
    url: `${url}?_csrf=${encodeURIComponent(agent.csrf)}`,
    headers: { 'content-type': body.contentType, cookie: agent.cookieHeader, accept, 'x-csrf-token': agent.csrf },
    payload: body.payload,
  })
}

const countStored = async (w: { services: import('../../core/services.js').Services }) =>
  (await w.services.db.kysely.selectFrom('stored_files').select('sha256').execute()).length

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
}

const form = (overrides: Record<string, string> = {}) => ({
  number: 'SZ-2026/014',
  type: 'services',
  subject: 'Könyvelési szolgáltatás',
  signed_on: '2026-01-15',
  valid_from: '2026-02-01',
  valid_to: '2027-01-31',
  amount: '1 250 000,50',
  amount_currency: 'HUF',
  issuer: 'Demo Kft.',
  notes: 'Call before renewal',
  param_key_0: 'Payment term (days)',
  param_type_0: 'number',
  param_value_0: '30',
  param_key_1: '',
  param_type_1: 'text',
  param_value_1: '',
  ...overrides,
})

test('a manager creates a contract through the form; errors are shown beside the fields with the input kept', async (t) => {
  const { agent, client, services } = await world(t)
  const page = await agent.get(`/contracts/new?client=${client.id}`)
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Árvíztűrő Kft\./)

  const bad = await agent.post('/contracts', {
    ...form({
      number: '',
      valid_to: '2026-01-01',
      param_key_1: 'Deposit paid',
      param_type_1: 'boolean',
      param_value_1: 'maybe',
    }),
    client_id: client.id,
    client_fixed: '1',
  })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /id="f-number-error"[^>]*>This field is required\./)
  assert.match(bad.body, /id="f-valid_to-error"[^>]*>The end of validity cannot be before its start\./)
  assert.match(bad.body, /id="f-param_value_1-error"[^>]*>Enter yes or no\./)
  assert.match(bad.body, /value="Könyvelési szolgáltatás"/)
  assert.match(bad.body, /value="1 250 000,50"/)
  assert.match(bad.body, /value="maybe"/)
  assert.equal(await services.db.kysely.selectFrom('contracts').select('id').executeTakeFirst(), undefined)

  const ok = await agent.post('/contracts', { ...form(), client_id: client.id, client_fixed: '1' })
  assert.equal(ok.statusCode, 303)
  const id = String(ok.headers.location).split('/').pop() as string
  const detail = await agent.get(`/contracts/${id}`)
  assert.match(detail.body, /Contract SZ-2026\/014 was created as a draft\./)
  assert.match(detail.body, /Payment term \(days\)/)
  assert.match(detail.body, /HUF/)
  // A draft can only be activated: the page offers that and nothing else.
  assert.match(detail.body, /name="to" value="active"/)
  assert.doesNotMatch(detail.body, /name="to" value="(suspended|terminated|expired)"/)
  const row = await services.db.kysely
    .selectFrom('contracts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  assert.deepEqual([row.amount_minor, row.amount_currency, row.status], [125000050, 'HUF', 'draft'])
  assert.deepEqual(JSON.parse(row.parameters_json), [{ key: 'Payment term (days)', type: 'number', value: 30 }])

  const dup = await agent.post('/contracts', { ...form(), client_id: client.id, client_fixed: '1' })
  assert.equal(dup.statusCode, 422)
  assert.match(dup.body, /This client already has a contract with this number\./)
})

test('another manager cannot open the form for a client that is not theirs', async (t) => {
  const { app, given, client } = await world(t)
  const other = await Agent.signedIn(app, await given.sessionCookie(await given.manager()))
  assert.equal((await other.get(`/contracts/new?client=${client.id}`)).statusCode, 404)
  const post = await other.post('/contracts', { ...form(), client_id: client.id })
  assert.equal(post.statusCode, 404)
})

test('editing with a stale version keeps the typed input and says someone else saved first', async (t) => {
  const { agent, ctx, client } = await world(t)
  const c = await givenContract(ctx, client.id, { number: 'E-1' })
  const edit = await agent.get(`/contracts/${c.id}/edit`)
  assert.match(edit.body, new RegExp(`name="version" value="${c.version}"`))
  const first = await agent.post(`/contracts/${c.id}`, {
    ...form({ number: 'E-1', subject: 'First' }),
    version: String(c.version),
  })
  assert.equal(first.statusCode, 303)
  const second = await agent.post(`/contracts/${c.id}`, {
    ...form({ number: 'E-1', subject: 'Second' }),
    version: String(c.version),
  })
  assert.equal(second.statusCode, 422)
  assert.match(second.body, /Someone else saved this contract while you were editing/)
  assert.match(second.body, /value="Second"/)
  assert.match(second.body, new RegExp(`name="version" value="${c.version + 1}"`))
  assert.equal((await getContract(ctx, c.id)).subject, 'First')
})

test('status buttons follow the workflow; an illegal change posted anyway is refused with a message', async (t) => {
  const { agent, ctx, client } = await world(t)
  const c = await givenContract(ctx, client.id, { status: 'active' })
  const detail = await agent.get(`/contracts/${c.id}`)
  assert.match(detail.body, /name="to" value="suspended"/)
  assert.match(detail.body, /name="to" value="terminated"/)
  assert.doesNotMatch(detail.body, /name="to" value="expired"/, 'validity has not ended')
  assert.doesNotMatch(detail.body, /name="to" value="draft"/)

  const moved = await agent.post(`/contracts/${c.id}/status`, {
    to: 'suspended',
    version: String(c.version),
    comment: 'Unpaid',
  })
  assert.equal(moved.statusCode, 303)
  assert.match((await agent.get(`/contracts/${c.id}`)).body, /Contract T-\d+ is now Suspended\./)
  const illegal = await agent.app.inject({
    method: 'POST',
    url: `/contracts/${c.id}/status`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: agent.cookieHeader,
      referer: `http://kabinet.test/contracts/${c.id}`,
    },
    payload: new URLSearchParams({ to: 'draft', version: String(c.version + 1), _csrf: agent.csrf }).toString(),
  })
  assert.equal(illegal.statusCode, 303)
  assert.equal(illegal.headers.location, `/contracts/${c.id}`)
  const flash = illegal.cookies.find((k) => k.name === 'kabinet_flash')
  agent.setCookieHeader(`kabinet_flash=${flash?.value}`)
  const back = await agent.get(`/contracts/${c.id}`)
  assert.match(back.body, /This status change is not allowed: Suspended → Draft\./)
  assert.match(back.body, /Active → Suspended · Unpaid/)
})

test('scan upload: a PDF is stored and downloadable; a PNG or an oversized file is refused and stores nothing', async (t) => {
  const w = await world(t, { KABINET_MAX_UPLOAD_MB: '1' })
  const { agent, ctx, client, config } = w
  const c = await givenContract(ctx, client.id, { number: 'Д-2026/014', status: 'active' })
  const url = `/contracts/${c.id}/scan`
  const before = await countStored(w)

  const png = await upload(agent, url, 'scan.pdf', 'application/pdf', PNG)
  assert.equal(png.statusCode, 422)
  assert.match(png.body, /This file type is not accepted here\./)
  const big = await upload(
    agent,
    url,
    'big.pdf',
    'application/pdf',
    Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10)]),
  )
  assert.equal(big.statusCode, 422)
  assert.match(big.body, /The file is larger than allowed\./)
  assert.equal(await countStored(w), before)
  assert.deepEqual(filesUnder(path.join(config.dataDir, 'files')), [])
  assert.equal((await getContract(ctx, c.id)).scanSha256, null)
  assert.equal((await agent.get(url)).statusCode, 404)

  const ok = await upload(agent, url, 'whatever.bin', 'application/octet-stream', PDF)
  assert.equal(ok.statusCode, 303)
  assert.equal(await countStored(w), before + 1)
  const down = await agent.get(url)
  assert.equal(down.statusCode, 200)
  assert.equal(down.headers['content-type'], 'application/pdf')
  assert.equal(
    down.headers['content-disposition'],
    `attachment; filename="contract-_-2026-014.pdf"; filename*=UTF-8''${encodeURIComponent('contract-Д-2026-014.pdf')}`,
  )
  assert.equal(down.rawPayload.toString('latin1'), PDF.toString('latin1'))
})

test('client users: their own non-draft contracts with scans; another client’s answer 404', async (t) => {
  const w = await world(t)
  const { app, given, ctx, client, manager } = w
  const other = await given.client({ managerId: manager.id })
  const mine = await givenContract(ctx, client.id, { number: 'MINE-1', status: 'active', notes: 'secret note' })
  const draft = await givenContract(ctx, client.id, { number: 'DRAFT-1' })
  const theirs = await givenContract(ctx, other.id, { number: 'THEIRS-1', status: 'active' })
  for (const c of [mine, theirs, draft])
    await upload(w.agent, `/contracts/${c.id}/scan`, 's.pdf', 'application/pdf', PDF)

  const user = await Agent.signedIn(
    app,
    await given.sessionCookie(await given.clientUser({ client, areas: ['documents'] })),
  )
  const list = await user.get('/contracts/mine')
  assert.equal(list.statusCode, 200)
  assert.match(list.body, /MINE-1/)
  assert.doesNotMatch(list.body, /DRAFT-1|THEIRS-1|secret note/)
  assert.match(list.body, /href="\/contracts\/mine"/, 'My contracts is in the navigation')
  assert.equal((await user.get(`/contracts/${mine.id}/scan`)).statusCode, 200)
  assert.equal((await user.get(`/contracts/${draft.id}/scan`)).statusCode, 404)
  assert.equal((await user.get(`/contracts/${theirs.id}/scan`)).statusCode, 404)
  assert.equal((await user.get(`/contracts/${mine.id}`)).statusCode, 403, 'the staff card is not for clients')
  assert.equal((await user.get('/contracts')).statusCode, 403)

  const otherUser = await Agent.signedIn(app, await given.sessionCookie(await given.clientUser({ client: other })))
  assert.equal((await otherUser.get(`/contracts/${mine.id}/scan`)).statusCode, 404)
  assert.doesNotMatch((await otherUser.get('/contracts/mine')).body, /MINE-1/)

  const noArea = await Agent.signedIn(
    app,
    await given.sessionCookie(await given.clientUser({ client, areas: ['orders'] })),
  )
  assert.equal((await noArea.get('/contracts/mine')).statusCode, 403)
  assert.equal((await noArea.get(`/contracts/${mine.id}/scan`)).statusCode, 403)
  assert.doesNotMatch((await noArea.get('/')).body, /href="\/contracts\/mine"/)
})

test('the list filters by status, type, client, end date and searches numbers and subjects (Cyrillic too)', async (t) => {
  const { agent, ctx, client, given, manager } = await world(t)
  const other = await given.client({ name: 'Волга-Трейд', managerId: manager.id })
  const today = await companyToday(ctx)
  await givenContract(ctx, client.id, {
    number: 'A-1',
    subject: 'Поставка ЗАПЧАСТЕЙ',
    status: 'active',
    validTo: addDays(today, 10),
  })
  await givenContract(ctx, client.id, {
    number: 'A-2',
    subject: 'Lease 100%',
    type: 'lease',
    status: 'active',
    validTo: addDays(today, 100),
  })
  await givenContract(ctx, other.id, { number: 'B-1', subject: 'Services', type: 'services' })
  const strangers = await given.client({ managerId: (await given.manager()).id })
  await givenContract(ctxOf(agent.app.services, await given.head()), strangers.id, { number: 'X-1' })

  const rows = async (qs: string) => {
    const res = await agent.get(`/contracts${qs}`)
    assert.equal(res.statusCode, 200)
    return [...res.body.matchAll(/<a href="\/contracts\/[0-9a-z]{26}">([^<]+)<\/a>/g)].map((m) => m[1]).sort()
  }
  assert.deepEqual(await rows(''), ['A-1', 'A-2', 'B-1'], 'another manager’s client stays out')
  assert.deepEqual(await rows('?status=draft'), ['B-1'])
  assert.deepEqual(await rows('?type=lease'), ['A-2'])
  assert.deepEqual(await rows(`?client=${other.id}`), ['B-1'])
  assert.deepEqual(await rows('?ending=30'), ['A-1'])
  assert.deepEqual(await rows('?q=запчаст'), ['A-1'])
  assert.deepEqual(await rows('?q=100%25'), ['A-2'])
  assert.deepEqual(await rows('?q=%25'), ['A-2'], 'a % typed is a character, not a wildcard')
  assert.deepEqual(await rows('?sort=number&dir=desc&per=2'), ['A-2', 'B-1'])
})

test('the home page lists contracts ending within 30 days for the manager’s clients (head: all) and counts drafts', async (t) => {
  const { app, given, ctx, client, agent } = await world(t)
  const today = await companyToday(ctx)
  await givenContract(ctx, client.id, { number: 'SOON-1', status: 'active', validTo: addDays(today, 5) })
  await givenContract(ctx, client.id, { number: 'LATER-1', status: 'active', validTo: addDays(today, 45) })
  await givenContract(ctx, client.id, { number: 'DRAFT-9' })
  const otherManager = await given.manager()
  const otherClient = await given.client({ managerId: otherManager.id })
  await givenContract(ctxOf(app.services, otherManager), otherClient.id, {
    number: 'THEIRS-5',
    status: 'suspended',
    validTo: addDays(today, 2),
  })

  const home = await agent.get('/')
  assert.match(home.body, /Contracts ending within 30 days/)
  assert.match(home.body, /SOON-1/)
  assert.doesNotMatch(home.body, /THEIRS-5|LATER-1/)
  assert.match(home.body, /Draft contracts<\/p>\s*<p class="stat-value"[^>]*>1</)
  const link = /<a href="(\/contracts\/[0-9a-z]{26})">SOON-1<\/a>/.exec(home.body)
  assert.ok(link, 'each listed contract links to it')

  const head = await Agent.signedIn(app, await given.sessionCookie(await given.head()))
  const headHome = await head.get('/')
  assert.match(headHome.body, /SOON-1/)
  assert.match(headHome.body, /THEIRS-5/)
  const clientHome = await Agent.signedIn(app, await given.sessionCookie(await given.clientUser({ client })))
  assert.doesNotMatch((await clientHome.get('/')).body, /Contracts ending within/)
})

test('timeline: staff see creation (internal) and every change with comments; client users only changes past draft', async (t) => {
  const { services, given, ctx, client } = await world(t)
  const c = await givenContract(ctx, client.id, { number: 'TL-1' })
  await changeContractStatus(ctx, c.id, 'active', { version: c.version, comment: 'Signed in person' })
  const staff = await contractsTimeline(ctx, client.id, { limit: 10 })
  assert.deepEqual(
    staff.map((e) => [e.title, e.internal, e.detail]),
    [
      ['Contract TL-1: Draft → Active', false, 'Supply of spare parts · Signed in person'],
      ['Contract TL-1 created', true, 'Supply of spare parts'],
    ],
  )
  assert.equal(staff[0]?.href, `/contracts/${c.id}`)
  assert.equal(staff[0]?.who, 'Mira Manager')
  const user = ctxOf(services, await given.clientUser({ client }), 'ru')
  const theirs = await contractsTimeline(user, client.id, { limit: 10 })
  assert.deepEqual(
    theirs.map((e) => [e.title, e.internal, e.detail, e.href]),
    [['Договор TL-1: Проект → Действует', false, 'Supply of spare parts', '/contracts/mine']],
  )
  const older = await contractsTimeline(ctx, client.id, { limit: 10, before: staff[0]?.at })
  assert.deepEqual(
    older.map((e) => e.title),
    ['Contract TL-1 created'],
  )
  const stranger = ctxOf(services, await given.clientUser())
  assert.deepEqual(await contractsTimeline(stranger, client.id, { limit: 10 }), [])
})
