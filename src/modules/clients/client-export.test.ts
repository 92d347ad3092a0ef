import assert from 'node:assert/strict'
import { test } from 'node:test'
import ExcelJS from 'exceljs'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { csvRecord } from './client-export.js'
import { makeClient, makeContact } from './clients.test-kit.js'

test('CSV fields are quoted when needed, and text Excel would run as a formula is defused', () => {
  assert.equal(csvRecord(['a', 'b;c', 'say "hi"', null, 3], ';'), 'a;"b;c";"say ""hi""";;3')
  assert.equal(csvRecord(['line\nbreak', ' edge'], ';'), '"line\nbreak";" edge"')
  assert.equal(
    csvRecord(['=HYPERLINK("x")', '@SUM(A1)', '+36 1 555 0100', '-cmd|x', '+1+2'], ','),
    `"'=HYPERLINK(""x"")",'@SUM(A1),+36 1 555 0100,'-cmd|x,+1+2`,
  )
})

test('the CSV export is the filtered list: UTF-8 with BOM, semicolons, headers in the user’s language', async (t) => {
  const { app, services, given } = await testApp(t)
  const anna = await given.manager({ name: 'Anna', locale: 'hu' })
  const boris = await given.manager()
  const head = await given.head()
  const a = await makeClient(
    services,
    head,
    { name: 'Árvíztűrő; Kft.', taxId: '10625790-4-44', group: 'Nagyker', tags: 'VIP, export' },
    anna.id,
  )
  await makeClient(services, head, { name: 'Prospect Bt.', status: 'prospect', group: 'Nagyker' }, anna.id)
  await makeClient(services, head, { name: 'Not mine Kft.' }, boris.id)
  await makeContact(services, head, a, { name: 'Kiss Éva' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  const res = await agent.get('/clients/export.csv?status=active&sort=name')
  assert.equal(res.statusCode, 200)
  assert.match(res.headers['content-type'] as string, /^text\/csv; charset=utf-8/)
  assert.match(res.headers['content-disposition'] as string, /attachment; filename="clients-\d{4}-\d{2}-\d{2}\.csv"/)
  assert.equal(res.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'starts with the UTF-8 BOM')
  const lines = res.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  assert.equal(lines.length, 2, 'header and the one active client of Anna')
  assert.match(lines[0] as string, /^Hivatalos név;Rövid név;Típus;Ország;Adószám;/)
  assert.match(lines[1] as string, /^"Árvíztűrő; Kft\.";;Cég;HU;10625790-4-44;/)
  assert.match(lines[1] as string, /;Nagyker;Aktív;Anna;/)
  assert.match(lines[1] as string, /;VIP, export;/)
  assert.match(lines[1] as string, /;1;0;\d{4}-\d{2}-\d{2}$/, 'contact persons 1, users 0, client since')
  const all = await agent.get('/clients/export.csv?status=any')
  assert.equal(all.body.trim().split('\r\n').length, 3, 'Anna exports only her own clients')
  assert.doesNotMatch(all.body, /Not mine/)
})

test('the XLSX export has real cells: text, numbers and dates', async (t) => {
  const { app, services, given } = await testApp(t)
  const anna = await given.manager()
  const a = await makeClient(services, anna, {
    name: 'Excel Kft.',
    country: 'RU',
    taxId: '7707083893',
    kpp: '773601001',
  })
  await makeContact(services, anna, a, { name: 'P1' })
  await makeContact(services, anna, a, { name: 'P2' })
  await given.clientUser({ client: { id: a } })
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  const res = await agent.get('/clients/export.xlsx')
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  assert.ok(sheet)
  const header = (sheet.getRow(1).values as unknown[]).slice(1)
  assert.equal(header[0], 'Legal name')
  const row = sheet.getRow(2)
  const col = (label: string) => header.indexOf(label) + 1
  assert.equal(row.getCell(col('Legal name')).value, 'Excel Kft.')
  assert.equal(
    row.getCell(col('Tax number')).value,
    '7707083893',
    'a tax id stays text (leading zeros would be lost as a number)',
  )
  assert.equal(row.getCell(col('Contact persons')).value, 2)
  assert.equal(row.getCell(col('Users')).value, 1)
  assert.ok(row.getCell(col('Client since')).value instanceof Date)
  assert.equal(sheet.rowCount, 2)
})
