import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { DomainError, NotFoundError, ValidationError } from '../../core/errors.js'
import { getRequest } from './support.service.js'
import { ctxOf, outbox, setSupportSettings } from './support.test-kit.js'
import { saveCategory } from './support-settings.service.js'
import { addMessage, createRequest } from './support-thread.service.js'
import { assignRequest, changeStatus, closeStaleResolved, rateRequest } from './support-workflow.service.js'

async function world(t: import('node:test').TestContext) {
  const app = await testApp(t)
  const { given, services } = app
  const manager = await given.manager({ name: 'Mária Manager' })
  const client = await given.client({ name: 'Ügyfél Kft.', managerId: manager.id })
  const user = await given.clientUser({ client, name: 'Client Carl' })
  const colleague = await given.clientUser({ client, name: 'Colleague Cecil' })
  await setSupportSettings(services)
  return { ...app, manager, client, user, colleague }
}

const MIN = 60_000

test('a client opens a request: numbered, given to its manager, due times from the targets, the manager told', async (t) => {
  const w = await world(t)
  const categoryId = await saveCategory(ctxOf(w.services, await w.given.head()), null, {
    name: 'Billing',
    names: { hu: 'Számlázás' },
    position: 0,
    active: true,
    targets: { high: { firstResponseMinutes: 30, resolutionMinutes: 120 } },
  })
  const before = Date.now()
  const r = await createRequest(ctxOf(w.services, w.user), {
    categoryId,
    priority: 'high',
    subject: 'Wrong invoice',
    body: 'Please **check**',
  })
  assert.match(r.number, /^REQ-\d{4}-000001$/)
  assert.equal(r.status, 'new')
  assert.equal(r.assigneeId, w.manager.id)
  assert.equal(r.clientId, w.client.id)
  const created = Date.parse(r.createdAt)
  assert.ok(created >= before)
  assert.equal(Date.parse(r.firstResponseDueAt) - created, 30 * MIN)
  assert.equal(Date.parse(r.resolutionDueAt) - created, 120 * MIN)
  const second = await createRequest(ctxOf(w.services, w.user), {
    categoryId,
    priority: 'low',
    subject: 'Two',
    body: 'x',
  })
  assert.match(second.number, /-000002$/)
  // Low has no own target in the category: the settings' default (16 h / 80 h) applies.
  assert.equal(Date.parse(second.firstResponseDueAt) - Date.parse(second.createdAt), 16 * 60 * MIN)
  const mails = await outbox(w.services)
  assert.equal(mails.length, 2)
  assert.equal(mails[0]?.user_id, w.manager.id)
  assert.match(mails[0]?.body_text ?? '', /Please \*\*check\*\*/)
})

test('a category is required once categories exist; subject and text are required', async (t) => {
  const w = await world(t)
  await saveCategory(ctxOf(w.services, await w.given.head()), null, {
    name: 'Other',
    names: {},
    position: 0,
    active: true,
    targets: {},
  })
  await assert.rejects(
    createRequest(ctxOf(w.services, w.user), { categoryId: '', priority: 'urgentest', subject: ' ', body: '' }),
    (err: unknown) =>
      err instanceof ValidationError &&
      err.fields.category_id === 'form.required' &&
      err.fields.subject === 'form.required' &&
      err.fields.body === 'form.required' &&
      err.fields.priority === 'form.invalid_choice',
  )
})

test('visibility: under "mine" a colleague’s request is not found; under "company" it is shared', async (t) => {
  const w = await world(t)
  const r = await createRequest(ctxOf(w.services, w.user), {
    categoryId: '',
    priority: 'normal',
    subject: 'Mine',
    body: 'x',
  })
  await w.services.db.kysely
    .updateTable('clients')
    .set({ support_visibility: 'mine' })
    .where('id', '=', w.client.id)
    .execute()
  await assert.rejects(getRequest(ctxOf(w.services, w.colleague), r.id), NotFoundError)
  assert.equal((await getRequest(ctxOf(w.services, w.user), r.id)).id, r.id)
  await w.services.db.kysely
    .updateTable('clients')
    .set({ support_visibility: 'company' })
    .where('id', '=', w.client.id)
    .execute()
  assert.equal((await getRequest(ctxOf(w.services, w.colleague), r.id)).id, r.id)
  // Another client's user and another manager never see it.
  const stranger = await w.given.clientUser()
  await assert.rejects(getRequest(ctxOf(w.services, stranger), r.id), NotFoundError)
  await assert.rejects(getRequest(ctxOf(w.services, await w.given.manager()), r.id), NotFoundError)
})

test('the first public staff reply is the first response; an internal note is not and mails nobody', async (t) => {
  const w = await world(t)
  const r = await createRequest(ctxOf(w.services, w.user), {
    categoryId: '',
    priority: 'normal',
    subject: 'Q',
    body: 'x',
  })
  const staff = ctxOf(w.services, w.manager)
  const mailsBefore = (await outbox(w.services)).length
  let after = await addMessage(staff, r.id, { body: 'SECRET-NOTE internal', internal: true })
  assert.equal(after.firstRespondedAt, null)
  assert.equal(after.status, 'new')
  assert.equal((await outbox(w.services)).length, mailsBefore)
  after = await addMessage(staff, r.id, { body: 'We are on it' })
  assert.ok(after.firstRespondedAt)
  assert.equal(after.firstResponseMinutes, 0)
  assert.equal(after.status, 'open')
  const mails = await outbox(w.services)
  const toClient = mails.filter((m) => m.user_id === w.user.id)
  assert.equal(toClient.length, 1)
  assert.match(toClient[0]?.body_text ?? '', /We are on it/)
  for (const m of mails) assert.ok(!m.body_text.includes('SECRET-NOTE') && !m.subject.includes('SECRET-NOTE'))
  // A client cannot write an internal note: the flag is ignored for it.
  await addMessage(ctxOf(w.services, w.user), r.id, { body: 'client text', internal: true })
  const notes = await w.services.db.kysely
    .selectFrom('support_messages')
    .select(['body_markdown', 'is_internal'])
    .where('request_id', '=', r.id)
    .execute()
  assert.equal(notes.find((n) => n.body_markdown === 'client text')?.is_internal, 0)
})

test('waiting for the client pauses the clock: its answer resumes it and moves the due times by the pause', async (t) => {
  const w = await world(t)
  const r = await createRequest(ctxOf(w.services, w.user), {
    categoryId: '',
    priority: 'normal',
    subject: 'Q',
    body: 'x',
  })
  const staff = ctxOf(w.services, w.manager)
  const waiting = await addMessage(staff, r.id, { body: 'Which invoice?', nextStatus: 'waiting' })
  assert.equal(waiting.status, 'waiting')
  assert.ok(waiting.pausedSince)
  // Pretend the client took 3 hours to answer.
  const pausedSince = new Date(Date.now() - 180 * MIN).toISOString()
  await w.services.db.kysely
    .updateTable('support_requests')
    .set({ paused_since: pausedSince })
    .where('id', '=', r.id)
    .execute()
  const resumed = await addMessage(ctxOf(w.services, w.user), r.id, { body: 'INV-7' })
  assert.equal(resumed.status, 'open')
  assert.equal(resumed.pausedSince, null)
  assert.ok(resumed.slaPausedMinutes >= 180 && resumed.slaPausedMinutes <= 181, String(resumed.slaPausedMinutes))
  const moved = Date.parse(resumed.resolutionDueAt) - Date.parse(r.resolutionDueAt)
  assert.equal(moved, resumed.slaPausedMinutes * MIN)
  const history = await w.services.db.kysely
    .selectFrom('support_status_changes')
    .select(['from_status', 'to_status'])
    .where('request_id', '=', r.id)
    .orderBy('changed_at')
    .orderBy('id')
    .execute()
  assert.deepEqual(
    history.map((h) => `${h.from_status}>${h.to_status}`),
    ['null>new', 'new>open', 'open>waiting', 'waiting>open'],
  )
})

test('reopen: within the window a client may reopen (or reply to reopen); after it, not', async (t) => {
  const w = await world(t)
  const r = await createRequest(ctxOf(w.services, w.user), {
    categoryId: '',
    priority: 'normal',
    subject: 'Q',
    body: 'x',
  })
  const staff = ctxOf(w.services, w.manager)
  const resolved = await addMessage(staff, r.id, { body: 'Fixed', nextStatus: 'resolved' })
  assert.equal(resolved.status, 'resolved')
  assert.ok(resolved.resolvedAt)
  assert.equal(resolved.resolutionMinutes, 0)
  const client = ctxOf(w.services, w.user)
  const reopened = await changeStatus(client, r.id, 'open')
  assert.equal(reopened.status, 'open')
  assert.equal(reopened.resolvedAt, null)
  await changeStatus(staff, r.id, 'resolved')
  // Resolved eight days ago: the default window is seven days.
  const old = new Date(Date.now() - 8 * 24 * 60 * MIN).toISOString()
  await w.services.db.kysely.updateTable('support_requests').set({ resolved_at: old }).where('id', '=', r.id).execute()
  await assert.rejects(
    changeStatus(client, r.id, 'open'),
    (e: unknown) => e instanceof DomainError && e.code === 'support.reopen_window_passed',
  )
  await assert.rejects(
    addMessage(client, r.id, { body: 'again?' }),
    (e: unknown) => e instanceof DomainError && e.code === 'support.reopen_window_passed',
  )
  await assert.rejects(
    changeStatus(staff, r.id, 'open'),
    (e: unknown) => e instanceof DomainError && e.code === 'support.reopen_window_passed',
  )
  // A client may not move a request along the staff's workflow.
  const other = await createRequest(client, { categoryId: '', priority: 'normal', subject: 'Q2', body: 'x' })
  await assert.rejects(
    changeStatus(client, other.id, 'resolved'),
    (e: unknown) => e instanceof DomainError && e.code === 'support.illegal_transition',
  )
  // The hourly job closes what is past the window.
  assert.equal(await closeStaleResolved(ctxOf(w.services, await w.given.head())), 1)
  assert.equal((await getRequest(client, r.id)).status, 'closed')
})

test('rating after resolution: 1 to 5 with a comment, clients only', async (t) => {
  const w = await world(t)
  const client = ctxOf(w.services, w.user)
  const r = await createRequest(client, { categoryId: '', priority: 'normal', subject: 'Q', body: 'x' })
  await assert.rejects(
    rateRequest(client, r.id, 5, null),
    (e: unknown) => e instanceof DomainError && e.code === 'support.not_resolved',
  )
  await changeStatus(ctxOf(w.services, w.manager), r.id, 'resolved')
  await assert.rejects(rateRequest(client, r.id, 6, null), ValidationError)
  const rated = await rateRequest(client, r.id, 4, 'Quick, thanks')
  assert.equal(rated.rating, 4)
  assert.equal(rated.ratingComment, 'Quick, thanks')
  await assert.rejects(rateRequest(ctxOf(w.services, w.manager), r.id, 5, null))
})

test('assignment: only staff who can see the client; the new assignee is told', async (t) => {
  const w = await world(t)
  const r = await createRequest(ctxOf(w.services, w.user), {
    categoryId: '',
    priority: 'normal',
    subject: 'Q',
    body: 'x',
  })
  const staff = ctxOf(w.services, w.manager)
  const otherManager = await w.given.manager()
  await assert.rejects(assignRequest(staff, r.id, otherManager.id), ValidationError)
  const head = await w.given.head({ name: 'Hedda Head' })
  const assigned = await assignRequest(staff, r.id, head.id)
  assert.equal(assigned.assigneeId, head.id)
  assert.ok((await outbox(w.services)).some((m) => m.user_id === head.id && m.subject.includes(r.number)))
  const unassigned = await assignRequest(ctxOf(w.services, head), r.id, null)
  assert.equal(unassigned.assigneeId, null)
  // A stale version is refused, so two people never overwrite each other.
  await assert.rejects(
    assignRequest(staff, r.id, w.manager.id, 1),
    (e: unknown) => e instanceof DomainError && e.code === 'support.stale',
  )
  const audit = await w.services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', r.id)
    .execute()
  assert.ok(audit.some((a) => a.action === 'support_request.assigned'))
  assert.ok(audit.some((a) => a.action === 'support_request.created'))
})

test('a link to an order or invoice must name one of the client’s own', async (t) => {
  const w = await world(t)
  await assert.rejects(
    createRequest(ctxOf(w.services, w.user), {
      categoryId: '',
      priority: 'normal',
      subject: 'Q',
      body: 'x',
      linkKind: 'order',
      linkId: 'ORD-2026-999999',
    }),
    (e: unknown) => e instanceof ValidationError && e.fields.link_id === 'support.error.link_missing',
  )
  // With the documents module in, a document link must name one of the client's documents too.
  await assert.rejects(
    createRequest(ctxOf(w.services, w.user), {
      categoryId: '',
      priority: 'normal',
      subject: 'Q',
      body: 'x',
      linkKind: 'document',
      linkId: 'DOC-1',
    }),
    (e: unknown) => e instanceof ValidationError && e.fields.link_id === 'support.error.link_missing',
  )
})
