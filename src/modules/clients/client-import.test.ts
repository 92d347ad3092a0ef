import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { makeClient } from './clients.test-kit.js'

/** Uploads `csv` through the import form as a browser would (multipart, CSRF token in the URL). */
async function upload(agent: Agent, csv: string | Buffer, encoding = 'utf-8') {
  await agent.get('/clients/import')
  const boundary = '----kabinet-test-boundary'
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clients.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    typeof csv === 'string' ? Buffer.from(csv) : csv,
    Buffer.from(
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="encoding"\r\n\r\n${encoding}\r\n--${boundary}--\r\n`,
    ),
  ])
  return agent.app.inject({
    method: 'POST',
    url: `/clients/import?_csrf=${encodeURIComponent(agent.csrf)}`,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: agent.cookieHeader,
      accept: 'text/html',
    },
    payload: body,
  })
}

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? ''

async function clientCount(services: {
  db: { kysely: import('kysely').Kysely<import('../../core/db/database.js').Database> }
}) {
  const row = await services.db.kysely
    .selectFrom('clients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

test('an import with one bad row imports nothing and names the line and the problem', async (t) => {
  const { app, services, given } = await testApp(t)
  const head = await given.head()
  const anna = await given.manager({ email: 'anna@firm.example' })
  await makeClient(services, head, { name: 'Existing', country: 'RU', taxId: '7736050003' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  const before = await clientCount(services)
  const csv = [
    'name;country;tax_id;status;manager_email;group',
    'Alfa Kft.;HU;10625790-4-44;active;anna@firm.example;Wholesale',
    'Béta Kft.;HU;10625791-4-44;active;;', // line 3: wrong check digit
    ';HU;;;;', // line 4: no name (a row with content but without the name)
    'Gamma;RU;7736050003;Активный;;', // line 5: tax id taken by an existing client
    'Delta;HU;10537914444;sleeping;nobody@firm.example;', // line 6: unknown status and manager
    'Epsilon;HU;10625790444;;;', // line 7: same tax id as line 2
  ].join('\n')
  const uploaded = await upload(agent, csv)
  assert.equal(uploaded.statusCode, 303)
  const preview = await agent.get(uploaded.headers.location as string)
  assert.equal(preview.statusCode, 422)
  const body = preview.body
  assert.match(body, /5 problems found/)
  for (const [line, text] of [
    [3, 'The check digit \\(the 8th\\) does not match'],
    [4, 'This field is required'],
    [5, 'Another client is already registered with this tax number'],
    [6, 'Choose one of the offered values'],
    [6, 'No active account manager has this e-mail address'],
    [7, 'The same tax number is on line 2 too'],
  ] as const) {
    assert.match(body, new RegExp(`<td class="num">${line}</td>(?:(?!</tr>)[\\s\\S])*${text}`), `line ${line}: ${text}`)
  }
  assert.doesNotMatch(body, /action="\/clients\/import\/confirm"/, 'no confirm button while there are problems')
  assert.equal(await clientCount(services), before, 'nothing imported')
  void anna
})

test('a good import creates every client in one go, audited, with managers looked up by e-mail', async (t) => {
  const { app, services, given } = await testApp(t)
  const head = await given.head()
  const anna = await given.manager({ email: 'anna@firm.example' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  const csv = [
    '\uFEFFHivatalos név,Ország,Adószám,KPP,Állapot,Ügyfélmenedzser e-mail-címe,Címkék,Unknown column',
    'Alfa Kft.,HU,10625790444,,Aktív,ANNA@firm.example,"VIP, export",x',
    '"ООО ""Ромашка""",RU,7707083893,773601001,prospect,,,y',
  ].join('\r\n')
  const uploaded = await upload(agent, csv)
  const preview = await agent.get(uploaded.headers.location as string)
  assert.equal(preview.statusCode, 200)
  assert.match(preview.body, /2 clients are ready to import/)
  const confirm = await agent.post('/clients/import/confirm', {
    sha256: hidden(preview.body, 'sha256'),
    encoding: hidden(preview.body, 'encoding'),
    signature: hidden(preview.body, 'signature'),
  })
  assert.equal(confirm.statusCode, 303)
  assert.equal(confirm.headers.location, '/clients')
  const db = services.db.kysely
  const rows = await db
    .selectFrom('clients')
    .select(['name', 'tax_id', 'kpp', 'status', 'manager_id', 'tags', 'search_text'])
    .orderBy('name')
    .execute()
  assert.deepEqual(
    rows.map((r) => [r.name, r.tax_id, r.kpp, r.status, r.manager_id, r.tags]),
    [
      ['Alfa Kft.', '10625790-4-44', null, 'active', anna.id, 'VIP, export'],
      ['ООО "Ромашка"', '7707083893', '773601001', 'prospect', null, null],
    ],
  )
  assert.match(rows[1]?.search_text ?? '', /ооо "ромашка"/)
  const audit = await db
    .selectFrom('audit_log')
    .select('action')
    .where('action', 'in', ['client.created', 'clients.imported'])
    .execute()
  assert.equal(audit.filter((a) => a.action === 'client.created').length, 2)
  assert.equal(audit.filter((a) => a.action === 'clients.imported').length, 1)

  // Confirming the same file again finds every tax id taken: nothing is imported twice.
  const again = await agent.post('/clients/import/confirm', {
    sha256: hidden(preview.body, 'sha256'),
    encoding: hidden(preview.body, 'encoding'),
    signature: hidden(preview.body, 'signature'),
  })
  assert.equal(again.statusCode, 422)
  assert.match(again.body, /Nothing was imported/)
  assert.equal(await clientCount(services), 2)
})

test('the import is bound to its uploader and file; Windows-1250 files and workbooks are understood', async (t) => {
  const { app, services, given } = await testApp(t)
  const anna = await given.manager()
  const boris = await given.manager()
  const asAnna = await Agent.signedIn(app, await given.sessionCookie(anna))
  const uploaded = await upload(asAnna, 'name\nÁrvíztűrő Kft.\n')
  const url = uploaded.headers.location as string
  assert.equal((await asAnna.get(url)).statusCode, 200)
  const asBoris = await Agent.signedIn(app, await given.sessionCookie(boris))
  assert.equal((await asBoris.get(url)).statusCode, 404, 'another user cannot use Anna’s signed link')
  assert.equal((await asAnna.get(url.replace(/signature=[^&]+/, 'signature=forged'))).statusCode, 404)
  const params = new URL(url, 'http://x').searchParams
  const forged = await asBoris.post('/clients/import/confirm', {
    sha256: params.get('file') ?? '',
    encoding: 'utf-8',
    signature: params.get('signature') ?? '',
  })
  assert.equal(forged.statusCode, 404)
  assert.equal(await clientCount(services), 0)

  // Excel's plain "CSV" on a Hungarian Windows: Windows-1250 bytes for ő and ű.
  const latin2 = Buffer.from([
    ...Buffer.from('name;city\n'),
    0x46,
    0xf5,
    0x20,
    0xfb,
    ...Buffer.from(' Kft.;Gy'),
    0xf5,
    ...Buffer.from('r\n'),
  ])
  const asUtf8 = await asAnna.get((await upload(asAnna, latin2)).headers.location as string)
  assert.match(asUtf8.body, /cannot be read in the chosen character encoding/)
  const as1250 = await asAnna.get((await upload(asAnna, latin2, 'windows-1250')).headers.location as string)
  assert.match(as1250.body, /Fő ű Kft\./)
  const xlsx = await asAnna.get(
    (await upload(asAnna, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).headers.location as string,
  )
  assert.match(xlsx.body, /This is an Excel workbook, not a CSV file/)
  const noName = await asAnna.get((await upload(asAnna, 'foo;bar\n1;2\n')).headers.location as string)
  assert.match(noName.body, /with one for the legal name/)
})

test('a manager without the reassign right imports clients for itself only', async (t) => {
  const { app, services, given } = await testApp(t)
  const anna = await given.manager({ email: 'anna@firm.example' })
  await given.manager({ email: 'boris@firm.example' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  const bad = await agent.get(
    (await upload(agent, 'name;manager_email\nOne;boris@firm.example\n')).headers.location as string,
  )
  assert.match(bad.body, /You can assign imported clients only to yourself/)
  const good = await agent.get(
    (await upload(agent, 'name;manager_email\nOne;\nTwo;anna@firm.example\n')).headers.location as string,
  )
  assert.equal(good.statusCode, 200)
  await agent.post('/clients/import/confirm', {
    sha256: hidden(good.body, 'sha256'),
    encoding: 'utf-8',
    signature: hidden(good.body, 'signature'),
  })
  const rows = await services.db.kysely.selectFrom('clients').select('manager_id').execute()
  assert.deepEqual(
    rows.map((r) => r.manager_id),
    [anna.id, anna.id],
  )
})

test('a file over 5 MB is refused before it is read, with the reason next to the field', async (t) => {
  const { app, given } = await testApp(t)
  const anna = await given.manager()
  const agent = await Agent.signedIn(app, await given.sessionCookie(anna))
  const big = Buffer.concat([Buffer.from('name\n'), Buffer.alloc(5 * 1024 * 1024 + 10, 'a')])
  const res = await upload(agent, big)
  assert.equal(res.statusCode, 422)
  assert.match(res.body, /The file is larger than allowed/)
  assert.match(res.body, /<h1>Import clients<\/h1>/)
})
