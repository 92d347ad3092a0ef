import assert from 'node:assert/strict'
import { test } from 'node:test'
import ExcelJS from 'exceljs'
import { testApp } from '../../../test/helpers/test-app.js'
import { newId } from '../../core/db/ids.js'
import type { SupportRequestTable } from './support.schema.js'
import { listRequests } from './support.service.js'
import { ctxOf, setSupportSettings } from './support.test-kit.js'
import { reportCsv, reportXlsx } from './support-report.export.js'
import { overdueReport, type ReportRow } from './support-report.service.js'
import { saveCategory } from './support-settings.service.js'

const NOW = '2026-03-10T12:00:00.000Z'
const T = (s: string) => `2026-${s}:00.000Z`

/**
 * A fixed set of seven requests (times UTC; the period 1–10 March 2026 in Budapest is
 * 28 Feb 23:00Z – 10 Mar 23:00Z). The expected figures below are worked out by hand.
 */
async function dataset(t: import('node:test').TestContext) {
  const app = await testApp(t)
  const { given, services } = app
  await setSupportSettings(services)
  const head = await given.head()
  const m1 = await given.manager({ name: 'Manager One' })
  const m2 = await given.manager({ name: 'Manager Two' })
  const a = await given.client({ name: 'Alpha', managerId: m1.id })
  const b = await given.client({ name: 'Beta', managerId: m2.id })
  const ua = await given.clientUser({ client: a })
  const ub = await given.clientUser({ client: b })
  const hc = ctxOf(services, head)
  const c1 = await saveCategory(hc, null, { name: 'One', names: {}, position: 0, active: true, targets: {} })
  const c2 = await saveCategory(hc, null, { name: 'Two', names: {}, position: 1, active: true, targets: {} })
  let n = 0
  const row = (r: Partial<SupportRequestTable>): SupportRequestTable => ({
    id: newId(),
    client_id: a.id,
    number: `REQ-2026-${String(++n).padStart(6, '0')}`,
    category_id: c1,
    priority: 'normal',
    subject: `Request ${n}`,
    status: 'new',
    created_by: ua.id,
    assignee_id: m1.id,
    linked_kind: null,
    linked_id: null,
    first_response_target_minutes: 60,
    resolution_target_minutes: 1440,
    first_response_due_at: '',
    resolution_due_at: '',
    first_responded_at: null,
    first_response_minutes: null,
    resolved_at: null,
    resolution_minutes: null,
    closed_at: null,
    sla_paused_minutes: 0,
    paused_since: null,
    last_message_at: r.created_at ?? NOW,
    rating: null,
    rating_comment: null,
    rated_at: null,
    version: 1,
    created_at: NOW,
    updated_at: NOW,
    ...r,
  })
  const rows = {
    r1: row({
      status: 'resolved',
      created_at: T('03-02T09:00'),
      first_response_due_at: T('03-02T10:00'),
      first_responded_at: T('03-02T09:30'),
      first_response_minutes: 30,
      resolution_due_at: T('03-03T09:00'),
      resolved_at: T('03-02T15:00'),
      resolution_minutes: 360,
      paused_since: T('03-02T15:00'),
    }),
    r2: row({
      status: 'open',
      created_at: T('03-05T09:00'),
      first_response_due_at: T('03-05T10:00'),
      first_responded_at: T('03-05T12:00'),
      first_response_minutes: 180,
      resolution_due_at: T('03-09T09:00'),
    }),
    r3: row({
      status: 'new',
      category_id: c2,
      created_at: T('03-10T06:00'),
      first_response_due_at: T('03-10T11:30'),
      resolution_due_at: T('03-11T06:00'),
    }),
    r4: row({
      client_id: b.id,
      created_by: ub.id,
      assignee_id: m2.id,
      category_id: c2,
      status: 'waiting',
      created_at: T('03-01T08:00'),
      first_response_due_at: T('03-01T09:00'),
      first_responded_at: T('03-01T08:30'),
      first_response_minutes: 30,
      resolution_due_at: T('03-02T08:00'),
      paused_since: T('03-01T10:00'),
    }),
    r5: row({
      client_id: b.id,
      created_by: ub.id,
      assignee_id: null,
      status: 'new',
      created_at: T('02-20T08:00'),
      first_response_due_at: T('02-20T09:00'),
      resolution_due_at: T('02-21T08:00'),
    }),
    r6: row({
      client_id: b.id,
      created_by: ub.id,
      assignee_id: m2.id,
      status: 'closed',
      created_at: T('03-03T08:00'),
      first_response_due_at: T('03-03T09:00'),
      first_responded_at: T('03-03T10:00'),
      first_response_minutes: 120,
      resolution_due_at: T('03-04T08:00'),
      resolved_at: T('03-05T08:00'),
      resolution_minutes: 1440,
      closed_at: T('03-06T08:00'),
      paused_since: T('03-05T08:00'),
    }),
    r7: row({
      status: 'waiting',
      created_at: T('03-04T08:00'),
      first_response_due_at: T('03-04T09:00'),
      first_responded_at: T('03-04T08:10'),
      first_response_minutes: 10,
      resolution_due_at: T('03-05T08:00'),
      paused_since: T('03-06T08:00'),
    }),
  }
  await services.db.kysely.insertInto('support_requests').values(Object.values(rows)).execute()
  return { ...app, head, m1, m2, a, b, c1, c2, rows }
}

const params = { from: '2026-03-01', to: '2026-03-10', now: NOW }

/** The figures of a row, in a compact comparable shape. */
const figures = (r: ReportRow | undefined) =>
  r && {
    open: r.openNow,
    overdue: r.overdueNow,
    late: [r.overdueResponse, r.overdueResolution],
    buckets: [r.buckets.lt1, r.buckets.d1_3, r.buckets.d3_7, r.buckets.gt7],
    created: r.created,
    breached: r.breached,
    response: [r.responseMet, r.responseDecided, r.responseMinutesSum, r.responded],
    resolution: [r.resolutionMet, r.resolutionDecided, r.resolutionMinutesSum, r.resolved],
  }

test('overdue report by manager: figures worked out by hand for a fixed set of requests', async (t) => {
  const w = await dataset(t)
  const report = await overdueReport(ctxOf(w.services, w.head), { ...params, group: 'manager' })
  assert.equal(report.start, '2026-02-28T23:00:00.000Z')
  assert.equal(report.end, '2026-03-10T23:00:00.000Z')
  const by = (key: string | null) => report.rows.find((r) => r.key === key)
  assert.deepEqual(figures(by(w.m1.id)), {
    open: 3,
    overdue: 3,
    late: [1, 2],
    buckets: [1, 1, 1, 0],
    created: 4,
    breached: 3,
    response: [2, 4, 220, 3],
    resolution: [1, 3, 360, 1],
  })
  assert.deepEqual(figures(by(w.m2.id)), {
    open: 1,
    overdue: 0,
    late: [0, 0],
    buckets: [0, 0, 0, 0],
    created: 2,
    breached: 1,
    response: [1, 2, 150, 2],
    resolution: [0, 1, 1440, 1],
  })
  assert.deepEqual(figures(by(null)), {
    open: 1,
    overdue: 1,
    late: [1, 1],
    buckets: [0, 0, 0, 1],
    created: 0,
    breached: 0,
    response: [0, 0, 0, 0],
    resolution: [0, 0, 0, 0],
  })
  assert.equal(by(w.m1.id)?.label, 'Manager One')
  assert.equal(by(null)?.label, 'Unassigned')
  assert.deepEqual(figures(report.total), {
    open: 5,
    overdue: 4,
    late: [2, 3],
    buckets: [1, 1, 1, 1],
    created: 6,
    breached: 4,
    response: [3, 6, 370, 5],
    resolution: [1, 4, 1800, 2],
  })
})

test('by client and by category the same requests add up the same way', async (t) => {
  const w = await dataset(t)
  const byClient = await overdueReport(ctxOf(w.services, w.head), { ...params, group: 'client' })
  const beta = byClient.rows.find((r) => r.key === w.b.id)
  assert.equal(beta?.label, 'Beta')
  assert.deepEqual([beta?.openNow, beta?.overdueNow, beta?.created, beta?.breached], [2, 1, 2, 1])
  const byCategory = await overdueReport(ctxOf(w.services, w.head), { ...params, group: 'category' })
  const one = byCategory.rows.find((r) => r.key === w.c1)
  const two = byCategory.rows.find((r) => r.key === w.c2)
  assert.deepEqual([one?.openNow, one?.overdueNow, one?.created], [3, 3, 4])
  assert.deepEqual([two?.openNow, two?.overdueNow, two?.created], [2, 1, 2])
  // A category filter narrows everything to it.
  const onlyTwo = await overdueReport(ctxOf(w.services, w.head), { ...params, group: 'manager', categoryId: w.c2 })
  assert.deepEqual([onlyTwo.total.openNow, onlyTwo.total.overdueNow, onlyTwo.total.created], [2, 1, 2])
})

test('a manager sees only its own clients’ part; drill-downs list exactly the counted requests', async (t) => {
  const w = await dataset(t)
  const own = await overdueReport(ctxOf(w.services, w.m1), { ...params, group: 'manager' })
  assert.deepEqual(
    own.rows.map((r) => r.key),
    [w.m1.id],
  )
  assert.deepEqual([own.total.openNow, own.total.overdueNow, own.total.created], [3, 3, 4])
  const lq = { page: 1, per: 100, sort: 'number', dir: 'asc' as const, q: '', params: {} }
  const numbers = async (f: Parameters<typeof listRequests>[2]) =>
    (await listRequests(ctxOf(w.services, w.head), lq, { queue: 'all', now: NOW, ...f })).rows.map((r) => r.subject)
  assert.deepEqual(await numbers({ overdue: true, assigneeId: w.m1.id }), ['Request 2', 'Request 3', 'Request 7'])
  assert.deepEqual(await numbers({ overdue: true, assigneeId: 'none' }), ['Request 5'])
  assert.deepEqual(await numbers({ bucket: 'd3_7' }), ['Request 7'])
  assert.deepEqual(await numbers({ bucket: 'gt7' }), ['Request 5'])
  assert.deepEqual(await numbers({ status: 'all', createdFrom: own.start, createdTo: own.end, breached: true }), [
    'Request 2',
    'Request 3',
    'Request 6',
    'Request 7',
  ])
  await assert.rejects(
    overdueReport(ctxOf(w.services, await w.given.clientUser({ client: w.a })), { ...params, group: 'manager' }),
  )
})

test('CSV and XLSX carry the figures as numbers, with a total line', async (t) => {
  const w = await dataset(t)
  const ctx = ctxOf(w.services, w.head)
  const report = await overdueReport(ctx, { ...params, group: 'manager' })
  let csv = ''
  for await (const chunk of reportCsv(ctx, report)) csv += chunk
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  assert.equal(lines.length, 1 + report.rows.length + 1)
  const m1 = lines.find((l) => l.startsWith('Manager One;'))
  // open, overdue, late answer, late resolution, 4 buckets, opened, late in period, answers/resolutions/all met, avg hours.
  assert.equal(m1, 'Manager One;3;3;1;2;1;1;1;0;4;3;0.5;0.3333;0.4286;1.22;6')
  assert.match(lines.at(-1) ?? '', /^Total;5;4;2;3;1;1;1;1;6;4;0.5;0.25;0.4;1.23;15$/)
  const chunks: Buffer[] = []
  for await (const chunk of reportXlsx(ctx, report)) chunks.push(Buffer.from(chunk))
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer)
  const sheet = book.worksheets[0]
  const rowOf = (label: string) => {
    let found: ExcelJS.Row | undefined
    sheet?.eachRow((r) => {
      if (r.getCell(1).value === label) found = r
    })
    return found
  }
  const one = rowOf('Manager One')
  assert.equal(one?.getCell(2).value, 3)
  assert.equal(typeof one?.getCell(14).value, 'number')
  assert.ok(Math.abs((one?.getCell(14).value as number) - 3 / 7) < 1e-9)
  assert.equal(rowOf('Total')?.getCell(10).value, 6)
})
