import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { ctxOf, multipartBody, outbox, PDF, PNG, setSupportSettings } from './support.test-kit.js'
import { addMessage, createRequest } from './support-thread.service.js'

async function world(t: import('node:test').TestContext, env?: Record<string, string>) {
  const app = await testApp(t, { env })
  const { given, services } = app
  const manager = await given.manager({ name: 'Mária Manager' })
  const client = await given.client({ name: 'Ügyfél Kft.', managerId: manager.id })
  const user = await given.clientUser({ client, name: 'Client Carl' })
  await setSupportSettings(services)
  const clientAgent = await Agent.signedIn(app.app, await given.sessionCookie(user))
  const staffAgent = await Agent.signedIn(app.app, await given.sessionCookie(manager))
  return { ...app, manager, client, user, clientAgent, staffAgent }
}

/** Posts a multipart form as a browser would: CSRF token in the action URL. */
async function postMultipart(
  agent: Agent,
  url: string,
  fields: Record<string, string>,
  files: Parameters<typeof multipartBody>[1],
) {
  if (!agent.csrf) await agent.get('/')
  const body = multipartBody(fields, files)
  return agent.app.inject({
    method: 'POST',
    url: `${url}?_csrf=${encodeURIComponent(agent.csrf)}`,
    headers: { 'content-type': body.contentType, cookie: agent.cookieHeader, accept: 'text/html' },
    payload: body.payload,
  })
}

test('a client opens a request with an attachment from its portal and downloads it again', async (t) => {
  const w = await world(t)
  const form = await w.clientAgent.get('/support/new')
  assert.equal(form.statusCode, 200)
  assert.match(form.body, /enctype="multipart\/form-data"/)
  const res = await postMultipart(
    w.clientAgent,
    '/support',
    { priority: 'high', subject: 'Printer <b>jam</b>', body: 'It **jams**\n\n<script>alert(1)</script>' },
    [{ field: 'attachments', name: 'screen.png', type: 'image/png', data: PNG }],
  )
  assert.equal(res.statusCode, 303, res.body.slice(0, 500))
  const page = await w.clientAgent.get(res.headers.location as string)
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Printer &lt;b>jam&lt;\/b>/)
  assert.match(page.body, /<strong>jams<\/strong>/)
  assert.ok(!page.body.includes('<script>alert(1)'))
  const link = /href="(\/support\/attachments\/[^"]+)"/.exec(page.body)?.[1]
  assert.ok(link)
  const file = await w.clientAgent.get(link)
  assert.equal(file.statusCode, 200)
  assert.equal(file.headers['content-type'], 'image/png')
  assert.equal(file.headers['x-content-type-options'], 'nosniff')
  assert.deepEqual(file.rawPayload, PNG)
  const mine = await w.clientAgent.get('/support/mine')
  assert.match(mine.body, /Printer &lt;b>jam/)
})

test('attachment limits: too many, too large, an executable, an unknown type; the typed text is kept', async (t) => {
  const w = await world(t, { KABINET_MAX_UPLOAD_MB: '1' })
  const fields = { priority: 'normal', subject: 'Keep this subject', body: 'Keep this text' }
  const png = (name: string) => ({ field: 'attachments', name, type: 'image/png', data: PNG })
  const cases: [Parameters<typeof multipartBody>[1], RegExp][] = [
    [[1, 2, 3, 4, 5, 6].map((i) => png(`${i}.png`)), /At most 5 files per message/],
    [
      [
        {
          field: 'attachments',
          name: 'big.pdf',
          type: 'application/pdf',
          data: Buffer.concat([PDF, Buffer.alloc(1100 * 1024)]),
        },
      ],
      /larger than allowed/,
    ],
    [
      [{ field: 'attachments', name: 'invoice.pdf', type: 'application/pdf', data: Buffer.from('MZ\x90\x00 program') }],
      /Programs, scripts/,
    ],
    [
      [
        {
          field: 'attachments',
          name: 'data.bin',
          type: 'application/octet-stream',
          data: Buffer.from([0, 1, 2, 3, 255]),
        },
      ],
      /Programs, scripts/,
    ],
    [
      [{ field: 'attachments', name: 'page.html', type: 'text/html', data: Buffer.from('<html></html>') }],
      /not accepted/,
    ],
  ]
  for (const [files, message] of cases) {
    const res = await postMultipart(w.clientAgent, '/support', fields, files)
    assert.equal(res.statusCode, 422, message.source)
    assert.match(res.body, message)
    assert.match(res.body, /value="Keep this subject"/)
    assert.match(res.body, />Keep this text<\/textarea>/)
    assert.match(res.body, /choose them once more/)
  }
  const stored = await w.services.db.kysely.selectFrom('support_requests').select('id').execute()
  assert.equal(stored.length, 0)
  // The kept-alive connection still works after a refused upload.
  assert.equal((await w.clientAgent.get('/support/mine')).statusCode, 200)
})

test('internal notes never reach the client: not on its page, in the API, its e-mail or the note’s files', async (t) => {
  const w = await world(t)
  const r = await createRequest(ctxOf(w.services, w.user), {
    categoryId: '',
    priority: 'normal',
    subject: 'Q',
    body: 'Question',
  })
  const note = await postMultipart(
    w.staffAgent,
    `/support/${r.id}/messages`,
    { body: 'INTERNAL-ONLY remark about the client', internal: '1' },
    [{ field: 'attachments', name: 'internal.png', type: 'image/png', data: PNG }],
  )
  assert.equal(note.statusCode, 303, note.body.slice(0, 300))
  await addMessage(ctxOf(w.services, w.manager), r.id, { body: 'Public answer' })
  const noteFile = await w.services.db.kysely
    .selectFrom('support_attachments')
    .select('id')
    .where('filename', '=', 'internal.png')
    .executeTakeFirstOrThrow()

  const staffPage = await w.staffAgent.get(`/support/${r.id}`)
  assert.match(staffPage.body, /INTERNAL-ONLY/)
  assert.match(staffPage.body, /Internal note/)
  const clientPage = await w.clientAgent.get(`/support/${r.id}`)
  assert.equal(clientPage.statusCode, 200)
  assert.match(clientPage.body, /Public answer/)
  assert.ok(!clientPage.body.includes('INTERNAL-ONLY'))
  assert.ok(!clientPage.body.includes(noteFile.id))
  assert.ok(!clientPage.body.includes('internal.png'))
  assert.equal((await w.clientAgent.get(`/support/attachments/${noteFile.id}`)).statusCode, 404)
  assert.equal((await w.clientAgent.api('GET', `/api/v1/support/attachments/${noteFile.id}`)).statusCode, 404)
  assert.equal((await w.staffAgent.get(`/support/attachments/${noteFile.id}`)).statusCode, 200)

  const clientApi = await w.clientAgent.api('GET', `/api/v1/support/requests/${r.id}/messages`)
  assert.equal(clientApi.statusCode, 200)
  assert.ok(!clientApi.body.includes('INTERNAL-ONLY'))
  assert.deepEqual(
    clientApi.json().items.map((m: { bodyMarkdown: string; internal: boolean }) => [m.bodyMarkdown, m.internal]),
    [
      ['Question', false],
      ['Public answer', false],
    ],
  )
  const staffApi = await w.staffAgent.api('GET', `/api/v1/support/requests/${r.id}/messages`)
  assert.ok(staffApi.body.includes('INTERNAL-ONLY'))

  for (const m of await outbox(w.services)) assert.ok(!`${m.subject}${m.body_text}`.includes('INTERNAL-ONLY'))
  assert.ok((await outbox(w.services)).some((m) => m.user_id === w.user.id && m.body_text.includes('Public answer')))
  const csv = await w.staffAgent.get('/support/export.csv?queue=all&status=all')
  assert.equal(csv.statusCode, 200)
  assert.match(csv.body, /Q/)
  assert.ok(!csv.body.includes('INTERNAL-ONLY'))
  // A client's own timeline on the company card holds no note text either.
  const timeline = await w.clientAgent.get('/company')
  assert.ok(!timeline.body.includes('INTERNAL-ONLY'))
})

test('staff queues: mine, unassigned, all; filters and exports; the client list is not staff’s', async (t) => {
  const w = await world(t)
  const r = await createRequest(ctxOf(w.services, w.user), {
    categoryId: '',
    priority: 'urgent',
    subject: 'Urgent thing',
    body: 'x',
  })
  const mine = await w.staffAgent.get('/support?queue=mine')
  assert.match(mine.body, /Urgent thing/)
  const unassigned = await w.staffAgent.get('/support?queue=unassigned')
  assert.ok(!unassigned.body.includes('Urgent thing'))
  const filtered = await w.staffAgent.get('/support?queue=all&priority=low')
  assert.ok(!filtered.body.includes('Urgent thing'))
  const xlsx = await w.staffAgent.get('/support/export.xlsx?queue=all')
  assert.equal(xlsx.statusCode, 200)
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK')
  assert.equal((await w.clientAgent.get('/support')).statusCode, 403)
  // Reply form with a status: resolved from the page.
  await w.staffAgent.get(`/support/${r.id}`)
  const res = await w.staffAgent.post(`/support/${r.id}/messages`, { body: 'Done', next_status: 'resolved' })
  assert.equal(res.statusCode, 303)
  const page = await w.clientAgent.get(`/support/${r.id}`)
  assert.match(page.body, /Resolved/)
  assert.match(page.body, /How did we do\?/)
  const rated = await w.clientAgent.post(`/support/${r.id}/rating`, { rating: '5', rating_comment: 'Great' })
  assert.equal(rated.statusCode, 303)
  const bad = await w.clientAgent.post(`/support/${r.id}/rating`, { rating: '9' })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /Choose from 1 to 5/)
})

test('a reply with an empty text is shown again with the error; a client’s page has no staff controls', async (t) => {
  const w = await world(t)
  const r = await createRequest(ctxOf(w.services, w.user), {
    categoryId: '',
    priority: 'normal',
    subject: 'Q',
    body: 'x',
  })
  await w.clientAgent.get(`/support/${r.id}`)
  const res = await w.clientAgent.post(`/support/${r.id}/messages`, { body: '   ' })
  assert.equal(res.statusCode, 422)
  assert.match(res.body, /field-error/)
  assert.ok(!res.body.includes('name="internal"'))
  assert.ok(!res.body.includes('/assign'))
  const staff = await w.staffAgent.get(`/support/${r.id}`)
  assert.match(staff.body, /name="internal"/)
  assert.match(staff.body, /\/assign"/)
})

test('the API: a client opens, lists and answers; staff change the status; the same rules apply', async (t) => {
  const w = await world(t)
  await w.clientAgent.get('/')
  await w.staffAgent.get('/')
  const created = await w.clientAgent.api('POST', '/api/v1/support/requests', {
    subject: 'From the API',
    body: 'Hello',
  })
  assert.equal(created.statusCode, 201, created.body)
  const r = created.json()
  assert.equal(r.status, 'new')
  assert.equal(r.clientId, w.client.id)
  const list = await w.clientAgent.api('GET', '/api/v1/support/requests')
  assert.equal(list.json().total, 1)
  const note = await w.staffAgent.api('POST', `/api/v1/support/requests/${r.id}/messages`, {
    body: 'Note',
    internal: true,
  })
  assert.equal(note.statusCode, 201)
  const status = await w.staffAgent.api('POST', `/api/v1/support/requests/${r.id}/status`, {
    to: 'waiting',
    version: note.json().version,
  })
  assert.equal(status.statusCode, 200, status.body)
  assert.equal(status.json().status, 'waiting')
  const stale = await w.staffAgent.api('POST', `/api/v1/support/requests/${r.id}/status`, { to: 'open', version: 1 })
  assert.equal(stale.statusCode, 409)
  const answer = await w.clientAgent.api('POST', `/api/v1/support/requests/${r.id}/messages`, { body: 'Answer' })
  assert.equal(answer.json().status, 'open')
  const refused = await w.clientAgent.api('POST', `/api/v1/support/requests/${r.id}/status`, { to: 'resolved' })
  assert.equal(refused.statusCode, 409)
  const other = await w.given.clientUser()
  const otherAgent = await Agent.signedIn(w.app, await w.given.sessionCookie(other))
  await otherAgent.get('/')
  assert.equal((await otherAgent.api('GET', `/api/v1/support/requests/${r.id}`)).statusCode, 404)
  assert.equal((await otherAgent.api('GET', '/api/v1/support/requests')).json().total, 0)
})

test('support settings: the head saves business hours and holidays; bad input is shown next to the field', async (t) => {
  const w = await world(t)
  const head = await w.given.head()
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(head))
  const page = await agent.get('/support/settings')
  assert.equal(page.statusCode, 200)
  const fields: Record<string, string> = {
    calendar: 'business',
    hours_mon: '08:00-16:30',
    hours_tue: '08:00-16:30',
    hours_wed: '',
    hours_thu: '25:00-26:00',
    hours_fri: '08:00-12:00',
    hours_sat: '',
    hours_sun: '',
    holidays: '2026-12-24\n2026-12-25',
    reopen_days: '5',
    first_urgent: '1',
    resolution_urgent: '4',
    first_high: '2',
    resolution_high: '8',
    first_normal: '4',
    resolution_normal: '1,5',
    first_low: '8',
    resolution_low: '40',
  }
  const bad = await agent.post('/support/settings', fields)
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /value="25:00-26:00"/)
  assert.match(bad.body, /Write hours as 09:00-17:00/)
  assert.match(bad.body, /Resolution cannot be due before the first answer/)
  const good = await agent.post('/support/settings', { ...fields, hours_thu: '08:00-16:30', resolution_normal: '24' })
  assert.equal(good.statusCode, 303)
  const saved = await w.services.settings.get('support')
  assert.deepEqual(saved.hours.mon, ['08:00', '16:30'])
  assert.equal(saved.hours.wed, null)
  assert.deepEqual(saved.holidays, ['2026-12-24', '2026-12-25'])
  assert.equal(saved.reopenDays, 5)
  assert.equal(saved.priorities.find((p) => p.key === 'normal')?.resolutionMinutes, 24 * 60)
  assert.equal((await w.staffAgent.get('/support/settings')).statusCode, 403)
  const cat = await agent.post('/support/settings/categories', {
    name: 'Billing',
    name_hu: 'Számlázás',
    position: '1',
    active: '1',
    first_high: '0,5',
    resolution_high: '3',
  })
  assert.equal(cat.statusCode, 303)
  const list = await agent.get('/support/settings')
  assert.match(list.body, /Billing/)
  const form = await w.clientAgent.get('/support/new')
  assert.match(form.body, /Billing/)
})
