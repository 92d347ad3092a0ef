import assert from 'node:assert/strict'
import { test } from 'node:test'
import ExcelJS from 'exceljs'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'

const PAGES = [
  '/reports/pnl',
  '/reports/pnl?preset=last_quarter&basis=cash&group=quarter',
  '/reports/pnl/print',
  '/reports/pnl.csv',
  '/reports/pnl.xlsx',
  '/reports/pnl/entries?line=income',
  '/reports/income',
]
const API = ['/api/v1/reports/pnl', '/api/v1/reports/income/clients', '/api/v1/reports/income/managers']

test('managers and client users get 404 for every report page and API; the head gets them all', async (t) => {
  const w = await testApp(t)
  const manager = await w.given.manager({ allClients: true })
  const client = await w.given.clientUser({ isClientAdmin: true })
  const head = await w.given.head()
  for (const user of [manager, client]) {
    const cookie = await w.given.sessionCookie(user)
    for (const url of [...PAGES, ...API]) {
      const res = await w.app.inject({
        url,
        headers: { cookie, accept: url.startsWith('/api') ? 'application/json' : 'text/html' },
      })
      assert.equal(res.statusCode, 404, `${user.role} ${url}`)
    }
  }
  const cookie = await w.given.sessionCookie(head)
  for (const url of [...PAGES, ...API]) {
    const res = await w.app.inject({
      url,
      headers: { cookie, accept: url.startsWith('/api') ? 'application/json' : 'text/html' },
    })
    assert.equal(res.statusCode, 200, `head ${url}: ${res.body.slice(0, 300)}`)
  }
  const home = await Agent.signedIn(w.app, cookie)
  const page = await home.get('/')
  assert.match(page.body, /This month at a glance/)
  const mhome = await (await Agent.signedIn(w.app, await w.given.sessionCookie(manager))).get('/')
  assert.doesNotMatch(mhome.body, /This month at a glance/)
})

test('the P&L page shows figures, charts with titles, and exports with real numbers', async (t) => {
  const w = await testApp(t)
  const head = await w.given.head()
  const c = await w.given.client({ name: 'Figures Kft' })
  await w.db.kysely
    .insertInto('ledger_entries')
    .values({
      id: 'e1',
      client_id: c.id,
      entry_date: '2026-02-10',
      kind: 'shipment',
      amount_minor: -123_456,
      currency: 'EUR',
      description: 'Goods',
      source_kind: null,
      source_id: null,
      reverses_entry_id: null,
      category_id: null,
      created_by: null,
      created_at: '2026-02-10T00:00:00.000Z',
    })
    .execute()
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(head))
  const qs = 'from=2026-01-01&to=2026-03-31&group=month&basis=accrual&currency=EUR'
  const page = await agent.get(`/reports/pnl?${qs}`)
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /€1,234\.56/)
  assert.match(page.body, /<svg[^>]*role="img"/)
  assert.match(page.body, /<title id="chart-ie-title">Income and expenses by period<\/title>/)
  assert.match(page.body, /href="\/reports\/pnl\/entries\?line=goods&(amp;)?from=2026-02-01&(amp;)?to=2026-02-28/)
  const bad = await agent.get('/reports/pnl?from=2026-05-01&to=2026-04-01')
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /The end must not be before the start/)

  const csv = await agent.get(`/reports/pnl.csv?${qs}`)
  assert.match(csv.body, /Goods;0;1234\.56;0;1234\.56;1;/)
  const xlsx = await w.app.inject({ url: `/reports/pnl.xlsx?${qs}`, headers: { cookie: agent.cookieHeader } })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
  const sheet = wb.worksheets[0]
  const goods = sheet?.getRow(3)
  assert.equal(goods?.getCell(1).value, 'Goods')
  assert.equal(goods?.getCell(3).value, 1234.56)
  assert.match(String(goods?.getCell(3).numFmt), /#,##0\.00/)

  const api = await w.app.inject({
    url: `/api/v1/reports/pnl?${qs}`,
    headers: { cookie: agent.cookieHeader, accept: 'application/json' },
  })
  const json = api.json()
  assert.deepEqual(json.incomeTotal.cellsMinor, [0, 123_456, 0])
  assert.equal(json.income[0].share, 1)
})
