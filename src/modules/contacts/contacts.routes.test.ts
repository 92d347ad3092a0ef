import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Agent } from '../../../test/helpers/agent.js'
import { contactsWorld, givenContact, givenContactPerson } from '../../../test/helpers/contacts-given.js'
import { dateInZone } from '../../core/i18n/format.js'
import { DEFAULTS } from '../../core/settings/settings-store.js'

const TZ = 'Europe/Budapest'
const day = (offset: number) => dateInZone(new Date(Date.now() + offset * 86_400_000), TZ)

const contactForm = (clientId: string, extra: Record<string, string | string[]> = {}) => ({
  client_id: clientId,
  channel: 'call',
  direction: 'outbound',
  occurred_at: '2026-07-01T09:30',
  duration_minutes: '15',
  summary: 'Discussed the delivery plan',
  outcome: 'Agreed on two shipments',
  next_step: 'Send the revised plan',
  next_step_due: '2026-07-08',
  ...extra,
})

/** The `<tr>` of one next step on the home page, or '' when it is not there. */
const nextStepRow = (html: string, id: string) => {
  const start = html.indexOf(`id="next-step-${id}"`)
  return start < 0 ? '' : html.slice(start, html.indexOf('</tr>', start))
}

/** An htmx request: the header htmx adds, the CSRF token in the header as `<body hx-headers>` sends it. */
const htmxPost = (agent: Agent, url: string, form: Record<string, string>) =>
  agent.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: agent.cookieHeader,
      'content-type': 'application/x-www-form-urlencoded',
      'hx-request': 'true',
      'x-csrf-token': agent.csrf,
    },
    payload: new URLSearchParams(form).toString(),
  })

test('a manager records a contact through the form; its time is read in the company time zone and stored in UTC', async (t) => {
  const w = await contactsWorld(t)
  const agent = await w.as(w.mara)
  const form = await agent.get(`/contacts/new?client=${w.acme.id}`)
  assert.equal(form.statusCode, 200)
  assert.match(form.body, /Anna Nagy \(CFO\)/)
  assert.doesNotMatch(form.body, /Boris Popov/)
  assert.doesNotMatch(form.body, /name="employee_id"/, 'a manager records only its own contacts')

  const res = await agent.post('/contacts', contactForm(w.acme.id, { contact_person_ids: [w.anna.id] }))
  assert.equal(res.statusCode, 303, res.body.slice(0, 500))
  assert.equal(res.headers.location, `/contacts?client=${w.acme.id}`)
  const row = await w.db.kysely
    .selectFrom('contact_log')
    .selectAll()
    .where('client_id', '=', w.acme.id)
    .executeTakeFirstOrThrow()
  // 09:30 in Budapest in July (CEST, UTC+2).
  assert.equal(row.occurred_at, '2026-07-01T07:30:00.000Z')
  assert.equal(row.employee_id, w.mara.id)
  assert.equal(row.created_by, w.mara.id)
  assert.equal(row.duration_minutes, 15)
  assert.equal(row.next_step_due, '2026-07-08')
  const links = await w.db.kysely
    .selectFrom('contact_log_persons')
    .selectAll()
    .where('contact_log_id', '=', row.id)
    .execute()
  assert.deepEqual(
    links.map((l) => [l.contact_person_id, l.client_id]),
    [[w.anna.id, w.acme.id]],
  )
  const audit = await w.db.kysely.selectFrom('audit_log').selectAll().where('entity_id', '=', row.id).execute()
  assert.deepEqual(
    audit.map((a) => a.action),
    ['contact.recorded'],
  )

  // The page shows it back in the company's time, and the edit form offers the same wall-clock time.
  const page = await agent.get(`/contacts/${row.id}`)
  assert.match(page.body, /01\/07\/2026, 09:30/)
  const edit = await agent.get(`/contacts/${row.id}/edit`)
  assert.match(edit.body, /value="2026-07-01T09:30"/)

  // A winter time in another company time zone: Moscow is UTC+3 all year.
  await w.services.settings.put(w.db.kysely, 'company', { ...DEFAULTS.company, timeZone: 'Europe/Moscow' }, null)
  const res2 = await agent.post(
    '/contacts',
    contactForm(w.acme.id, { occurred_at: '2026-01-15T09:30', summary: 'Moscow time' }),
  )
  assert.equal(res2.statusCode, 303)
  const row2 = await w.db.kysely
    .selectFrom('contact_log')
    .select('occurred_at')
    .where('summary', '=', 'Moscow time')
    .executeTakeFirstOrThrow()
  assert.equal(row2.occurred_at, '2026-01-15T06:30:00.000Z')
})

test('contact persons of another client are refused, with everything typed kept; a bad time is named', async (t) => {
  const w = await contactsWorld(t)
  const agent = await w.as(w.head)
  await agent.get('/contacts/new')
  const res = await agent.post(
    '/contacts',
    contactForm(w.acme.id, { contact_person_ids: [w.anna.id, w.boris.id], summary: 'Kept summary text' }),
  )
  assert.equal(res.statusCode, 422)
  assert.match(res.body, /Choose contact persons of the selected client only\./)
  assert.match(res.body, /Kept summary text/)
  assert.match(res.body, /value="2026-07-01T09:30"/)
  const bad = await agent.post(
    '/contacts',
    contactForm(w.acme.id, { occurred_at: '2026-02-30T10:00', duration_minutes: '1.5' }),
  )
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /Enter a valid date and time\./)
  assert.match(bad.body, /Enter the duration as whole minutes/)
  const due = await agent.post('/contacts', contactForm(w.acme.id, { next_step: '', next_step_due: '2026-07-08' }))
  assert.match(due.body, /A due date needs a next step\./)
  const count = await w.db.kysely.selectFrom('contact_log').select('id').execute()
  assert.equal(count.length, 0)
})

test('a manager cannot record for a client outside its scope nor name another employee; the head can', async (t) => {
  const w = await contactsWorld(t)
  const mara = await w.as(w.mara)
  const foreignForm = await mara.get(`/contacts/new?client=${w.beta.id}`)
  assert.equal(foreignForm.statusCode, 200)
  assert.doesNotMatch(foreignForm.body, new RegExp(`Beta Zrt|Boris|${w.beta.id}`))
  const foreign = await mara.post('/contacts', contactForm(w.beta.id))
  assert.equal(foreign.statusCode, 404)
  const forged = await mara.post('/contacts', contactForm(w.acme.id, { employee_id: w.otto.id }))
  assert.equal(forged.statusCode, 422)
  assert.match(forged.body, /You can record only your own contacts\./)

  const head = await w.as(w.head)
  const form = await head.get(`/contacts/new?client=${w.beta.id}`)
  assert.match(form.body, /name="employee_id"/)
  const res = await head.post(
    '/contacts',
    contactForm(w.beta.id, { employee_id: w.otto.id, contact_person_ids: w.boris.id }),
  )
  assert.equal(res.statusCode, 303)
  const row = await w.db.kysely
    .selectFrom('contact_log')
    .selectAll()
    .where('client_id', '=', w.beta.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.employee_id, w.otto.id)
  assert.equal(row.created_by, w.head.id)
  const client = await head.post('/contacts', contactForm(w.beta.id, { employee_id: w.acmeUser.id }))
  assert.match(client.body, /Choose an active account manager or head\./)
})

test('the form loads the chosen client’s contact persons: posted back without JavaScript, swapped in with htmx', async (t) => {
  const w = await contactsWorld(t)
  const agent = await w.as(w.mara)
  await agent.get('/contacts/new')
  const reload = await agent.post('/contacts', {
    ...contactForm(w.acme.id, { summary: 'Half typed' }),
    intent: 'reload',
  })
  assert.equal(reload.statusCode, 200)
  assert.match(reload.body, /Anna Nagy \(CFO\)/)
  assert.match(reload.body, /Half typed/)
  assert.equal((await w.db.kysely.selectFrom('contact_log').select('id').execute()).length, 0, 'nothing saved yet')

  const fragment = await agent.get(`/contacts/persons?client_id=${w.acme.id}`)
  assert.equal(fragment.statusCode, 200)
  assert.match(fragment.body, /^<div id="contact-persons">/)
  assert.match(fragment.body, /Anna Nagy/)
  // Another manager's client: nothing about it comes back.
  const foreign = await agent.get(`/contacts/persons?client_id=${w.beta.id}`)
  assert.doesNotMatch(foreign.body, /Boris/)
  // Archived persons are not offered for new contacts.
  await givenContactPerson(w.services, w.acme.id, { name: 'Gone Person', archived: true })
  assert.doesNotMatch((await agent.get(`/contacts/persons?client_id=${w.acme.id}`)).body, /Gone Person/)
})

test('the list: a manager sees its own entries and its clients’, not others’; the head sees all and filters by employee', async (t) => {
  const w = await contactsWorld(t)
  // On Mara's client, had by the head.
  const onMaraClient = await givenContact(w.services, {
    clientId: w.acme.id,
    employeeId: w.head.id,
    summary: 'Head on Acme',
  })
  // Mara's own, on Otto's client (the head recorded it for her).
  const maraOnBeta = await givenContact(w.services, {
    clientId: w.beta.id,
    employeeId: w.mara.id,
    createdBy: w.head.id,
    summary: 'Mara on Beta',
  })
  const ottoOnBeta = await givenContact(w.services, {
    clientId: w.beta.id,
    employeeId: w.otto.id,
    summary: 'Otto on Beta',
  })

  const mara = await w.as(w.mara)
  const list = await mara.get('/contacts')
  assert.equal(list.statusCode, 200)
  assert.match(list.body, /Head on Acme/)
  assert.match(list.body, /Mara on Beta/)
  assert.doesNotMatch(list.body, /Otto on Beta/)
  assert.equal((await mara.get(`/contacts/${ottoOnBeta.id}`)).statusCode, 404)
  assert.equal((await mara.get(`/contacts/${maraOnBeta.id}`)).statusCode, 200)
  assert.equal((await mara.get(`/contacts?client=${w.beta.id}`)).statusCode, 404, 'not her client')
  const perClient = await mara.get(`/contacts?client=${w.acme.id}`)
  assert.match(perClient.body, /Contacts with Acme Kft\./)
  assert.match(perClient.body, /Head on Acme/)
  assert.doesNotMatch(perClient.body, /Mara on Beta/)

  const head = await w.as(w.head)
  const all = await head.get('/contacts')
  for (const s of ['Head on Acme', 'Mara on Beta', 'Otto on Beta']) assert.match(all.body, new RegExp(s))
  const onlyOtto = await head.get(`/contacts?employee=${w.otto.id}`)
  assert.match(onlyOtto.body, /Otto on Beta/)
  assert.doesNotMatch(onlyOtto.body, /Mara on Beta|Head on Acme/)
  const byChannel = await head.get('/contacts?channel=email')
  assert.doesNotMatch(byChannel.body, /on Beta|on Acme/)
  assert.ok(onMaraClient.id)
})

test('the list filters by date range (company days), open next steps, sorts and pages', async (t) => {
  const w = await contactsWorld(t)
  // 23:30 UTC on 31 May is already 1 June in Budapest.
  await givenContact(w.services, {
    clientId: w.acme.id,
    employeeId: w.mara.id,
    occurredAt: '2026-05-31T23:30:00.000Z',
    summary: 'June first',
  })
  await givenContact(w.services, {
    clientId: w.acme.id,
    employeeId: w.mara.id,
    occurredAt: '2026-05-31T12:00:00.000Z',
    summary: 'May last',
  })
  await givenContact(w.services, {
    clientId: w.acme.id,
    employeeId: w.mara.id,
    occurredAt: '2026-06-10T12:00:00.000Z',
    summary: 'Open step',
    nextStep: 'Call back',
  })
  const agent = await w.as(w.mara)
  const june = await agent.get('/contacts?from=2026-06-01&to=2026-06-30')
  assert.match(june.body, /June first/)
  assert.match(june.body, /Open step/)
  assert.doesNotMatch(june.body, /May last/)
  const open = await agent.get('/contacts?open=1')
  assert.match(open.body, /Open step/)
  assert.doesNotMatch(open.body, /June first|May last/)
  const asc = await agent.get('/contacts?sort=occurred_at&dir=asc&per=2')
  assert.ok(asc.body.indexOf('May last') < asc.body.indexOf('June first'))
  assert.doesNotMatch(asc.body, /Open step/)
  assert.match(asc.body, /Showing 1–2 of 3/)
  const page2 = await agent.get('/contacts?sort=occurred_at&dir=asc&per=2&page=2')
  assert.match(page2.body, /Open step/)
})

test('a next step shows on its employee’s home page, red when overdue, until it is marked done (no JS, then htmx)', async (t) => {
  const w = await contactsWorld(t)
  const overdue = await givenContact(w.services, {
    clientId: w.acme.id,
    employeeId: w.mara.id,
    nextStep: 'Send the overdue offer',
    nextStepDue: day(-2),
  })
  const soon = await givenContact(w.services, {
    clientId: w.acme.id,
    employeeId: w.mara.id,
    nextStep: 'Prepare the demo',
    nextStepDue: day(5),
  })
  const ottos = await givenContact(w.services, {
    clientId: w.beta.id,
    employeeId: w.otto.id,
    nextStep: 'Otto’s own step',
    nextStepDue: day(1),
  })
  await givenContact(w.services, {
    clientId: w.acme.id,
    employeeId: w.mara.id,
    nextStep: 'Already done',
    doneAt: new Date().toISOString(),
  })

  const mara = await w.as(w.mara)
  let home = await mara.get('/')
  assert.equal(home.statusCode, 200)
  assert.match(home.body, /My next steps/)
  assert.match(nextStepRow(home.body, overdue.id), /badge-red/)
  assert.doesNotMatch(nextStepRow(home.body, soon.id), /badge-red/)
  assert.ok(home.body.indexOf('Send the overdue offer') < home.body.indexOf('Prepare the demo'), 'soonest first')
  assert.doesNotMatch(home.body, /Otto’s own step|Already done/)
  assert.ok(ottos.id)

  // Without JavaScript: a form post, then back to the home page.
  const done = await mara.post(`/contacts/${overdue.id}/done`, { back: '/' })
  assert.equal(done.statusCode, 303)
  assert.equal(done.headers.location, '/')
  home = await mara.get('/')
  assert.equal(nextStepRow(home.body, overdue.id), '')
  assert.match(home.body, /Prepare the demo/)
  const row = await w.db.kysely
    .selectFrom('contact_log')
    .selectAll()
    .where('id', '=', overdue.id)
    .executeTakeFirstOrThrow()
  assert.ok(row.next_step_done_at)
  assert.equal(row.next_step_done_by, w.mara.id)
  const audit = await w.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', overdue.id).execute()
  assert.deepEqual(
    audit.map((a) => a.action),
    ['contact.next_step_done'],
  )

  // With htmx: the row is replaced by nothing.
  const hx = await htmxPost(mara, `/contacts/${soon.id}/done`, { back: '/' })
  assert.equal(hx.statusCode, 200)
  assert.equal(hx.body, '')
  home = await mara.get('/')
  assert.doesNotMatch(home.body, /Prepare the demo/)
  assert.match(home.body, /No open next steps\./)

  // An open redirect through `back` is refused.
  const again = await givenContact(w.services, { clientId: w.acme.id, employeeId: w.mara.id, nextStep: 'X' })
  const evil = await mara.post(`/contacts/${again.id}/done`, { back: '//evil.example' })
  assert.equal(evil.headers.location, `/contacts/${again.id}`)
})

test('delete: only the author or the head; audited with what was deleted', async (t) => {
  const w = await contactsWorld(t)
  const byHead = await givenContact(w.services, { clientId: w.acme.id, employeeId: w.mara.id, createdBy: w.head.id })
  const byMara = await givenContact(w.services, { clientId: w.acme.id, employeeId: w.mara.id, personIds: [w.anna.id] })
  const mara = await w.as(w.mara)
  const page = await mara.get(`/contacts/${byHead.id}`)
  assert.doesNotMatch(page.body, /\/delete"/, 'no delete button for someone else’s entry')
  assert.equal((await mara.post(`/contacts/${byHead.id}/delete`)).statusCode, 403)
  assert.match((await mara.get(`/contacts/${byMara.id}`)).body, /\/delete"/)
  const del = await mara.post(`/contacts/${byMara.id}/delete`)
  assert.equal(del.statusCode, 303)
  assert.equal(del.headers.location, `/contacts?client=${w.acme.id}`)
  const head = await w.as(w.head)
  assert.match((await head.get(`/contacts/${byHead.id}`)).body, /\/delete"/)
  assert.equal((await head.post(`/contacts/${byHead.id}/delete`)).statusCode, 303)
  assert.equal((await w.db.kysely.selectFrom('contact_log').select('id').execute()).length, 0)
  assert.equal((await w.db.kysely.selectFrom('contact_log_persons').select('contact_log_id').execute()).length, 0)
  const audit = await w.db.kysely
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'before_json'])
    .where('action', '=', 'contact.deleted')
    .orderBy('at')
    .execute()
  assert.deepEqual(
    audit.map((a) => a.actor_id),
    [w.mara.id, w.head.id],
  )
  assert.deepEqual(JSON.parse(audit[0]?.before_json ?? '{}').contact_person_ids, [w.anna.id])
})

test('editing keeps the rules; a changed next step is open again; an archived person stays but is not chosen anew', async (t) => {
  const w = await contactsWorld(t)
  const gone = await givenContactPerson(w.services, w.acme.id, { name: 'Gone Person', archived: true })
  const gone2 = await givenContactPerson(w.services, w.acme.id, { name: 'Also Gone', archived: true })
  const e = await givenContact(w.services, {
    clientId: w.acme.id,
    employeeId: w.mara.id,
    nextStep: 'Old step',
    doneAt: new Date().toISOString(),
    personIds: [gone.id],
  })
  const mara = await w.as(w.mara)
  await mara.get(`/contacts/${e.id}/edit`)
  const bad = await mara.post(`/contacts/${e.id}/edit`, contactForm(w.acme.id, { contact_person_ids: w.boris.id }))
  assert.equal(bad.statusCode, 422)
  const form = await mara.get(`/contacts/${e.id}/edit`)
  assert.match(form.body, /Gone Person/)
  assert.doesNotMatch(form.body, /Also Gone/)
  const archived = await mara.post(
    `/contacts/${e.id}/edit`,
    contactForm(w.acme.id, { contact_person_ids: [gone.id, gone2.id] }),
  )
  assert.equal(archived.statusCode, 422)
  const ok = await mara.post(
    `/contacts/${e.id}/edit`,
    contactForm(w.acme.id, { next_step: 'New step', summary: 'Edited', contact_person_ids: [gone.id, w.anna.id] }),
  )
  assert.equal(ok.statusCode, 303)
  const links = await w.db.kysely
    .selectFrom('contact_log_persons')
    .select('contact_person_id')
    .where('contact_log_id', '=', e.id)
    .execute()
  assert.deepEqual(links.map((l) => l.contact_person_id).sort(), [gone.id, w.anna.id].sort())
  const row = await w.db.kysely.selectFrom('contact_log').selectAll().where('id', '=', e.id).executeTakeFirstOrThrow()
  assert.equal(row.summary, 'Edited')
  assert.equal(row.next_step, 'New step')
  assert.equal(row.next_step_done_at, null)
  assert.equal(row.employee_id, w.mara.id)
  const audit = await w.db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'contact.updated')
    .executeTakeFirstOrThrow()
  assert.equal(JSON.parse(audit.before_json ?? '{}').summary, e.summary)
  assert.equal(JSON.parse(audit.after_json ?? '{}').summary, 'Edited')
})

test('CSV export: the filtered list in the caller’s scope, cells quoted, formulas defused', async (t) => {
  const w = await contactsWorld(t)
  await givenContact(w.services, {
    clientId: w.acme.id,
    employeeId: w.mara.id,
    occurredAt: '2026-07-01T07:30:00.000Z',
    summary: 'Prices, "special" terms',
    personIds: [w.anna.id],
  })
  await givenContact(w.services, { clientId: w.acme.id, employeeId: w.mara.id, summary: '=HYPERLINK("x")' })
  await givenContact(w.services, { clientId: w.acme.id, employeeId: w.mara.id, channel: 'email', summary: 'By e-mail' })
  await givenContact(w.services, { clientId: w.beta.id, employeeId: w.otto.id, summary: 'Otto call' })
  const mara = await w.as(w.mara)
  const res = await mara.get('/contacts/export.csv?channel=call&sort=occurred_at&dir=asc')
  assert.equal(res.statusCode, 200)
  assert.match(String(res.headers['content-type']), /^text\/csv/)
  assert.match(String(res.headers['content-disposition']), /attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"/)
  assert.ok(res.body.startsWith('\uFEFF'))
  const lines = res.body.slice(1).trim().split('\r\n')
  assert.equal(lines.length, 3, res.body)
  assert.match(lines[0] as string, /^Date and time \(Europe\/Budapest\),Client,Employee,Channel/)
  assert.match(
    lines[1] as string,
    /^2026-07-01 09:30,Acme Kft\.,Mara Manager,Call,outgoing,10,Anna Nagy,"Prices, ""special"" terms"/,
  )
  assert.match(lines[2] as string, /,"'=HYPERLINK\(""x""\)",/)
  assert.doesNotMatch(res.body, /By e-mail|Otto call/)
  const all = await (await w.as(w.head)).get('/contacts/export.csv')
  assert.equal(all.body.trim().split('\r\n').length, 5)
})

test('client users never see the contact log: pages and API refuse, the home page and timeline hold none of it', async (t) => {
  const w = await contactsWorld(t)
  const e = await givenContact(w.services, {
    clientId: w.acme.id,
    employeeId: w.mara.id,
    nextStep: 'Secret step',
    summary: 'Internal note',
  })
  const client = await w.as(w.acmeUser)
  for (const url of [
    '/contacts',
    '/contacts/new',
    `/contacts/${e.id}`,
    `/contacts/${e.id}/edit`,
    '/contacts/export.csv',
  ]) {
    assert.equal((await client.get(url)).statusCode, 403, url)
  }
  assert.equal((await client.api('GET', '/api/v1/contacts')).statusCode, 403)
  assert.equal((await client.api('GET', `/api/v1/contacts/${e.id}`)).statusCode, 403)
  const home = await client.get('/')
  assert.equal(home.statusCode, 200)
  assert.doesNotMatch(home.body, /Secret step|Internal note|My next steps/)

  const mod = w.services.modules.find((m) => m.name === 'contacts')
  const forClient = await mod?.timeline?.(w.ctxOf(w.acmeUser), w.acme.id, { limit: 10 })
  assert.deepEqual(forClient, [])
  const forManager = await mod?.timeline?.(w.ctxOf(w.mara), w.acme.id, { limit: 10 })
  assert.equal(forManager?.length, 1)
  assert.equal(forManager?.[0]?.internal, true)
  assert.equal(forManager?.[0]?.href, `/contacts/${e.id}`)
  assert.match(forManager?.[0]?.detail ?? '', /Internal note/)
  assert.deepEqual(await mod?.timeline?.(w.ctxOf(w.otto), w.acme.id, { limit: 10 }), [])
})
