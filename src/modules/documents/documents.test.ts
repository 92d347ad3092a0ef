import assert from 'node:assert/strict'
import fs from 'node:fs'
import { Readable } from 'node:stream'
import { test } from 'node:test'
import { extractText, getDocumentProxy } from 'unpdf'
import yauzl from 'yauzl'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { Ctx } from '../../core/ctx.js'
import { createInvoice, issueInvoice, recordCharge } from '../finance/index.js'
import { demoSignature, demoStamp } from './demo-images.js'
import { generatePaymentRequest } from './document-generate.service.js'
import { sendDocuments } from './document-send.service.js'
import { addSigner, defaultIssuer, uploadIssuerImage } from './issuers.service.js'

const pdfText = async (bytes: Buffer | Uint8Array) => {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })
  return text.replace(/\s+/g, ' ')
}

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const sys = Ctx.system(w.services, 'test')
  const manager = await w.given.manager()
  const a = await w.given.client({ name: 'Árvíztűrő Tükörfúrógép Kft.', managerId: manager.id })
  const b = await w.given.client({ name: 'ООО «Щука»' })
  await w.services.db.kysely.updateTable('clients').set({ country: 'HU' }).where('id', '=', a.id).execute()
  const userA = await w.given.clientUser({ client: a })
  const userB = await w.given.clientUser({ client: b })
  const issuer = await defaultIssuer(sys)
  await uploadIssuerImage(sys, issuer.id, 'stamp', Readable.from([demoStamp()]))
  await addSigner(sys, issuer.id, { role: 'director', name: 'Щедрин Пётр' }, Readable.from([demoSignature(1)]))
  const agent = async (u: { id: string }) => Agent.signedIn(w.app, await w.given.sessionCookie(u))
  return { ...w, sys, manager, a, b, userA, userB, agent }
}

async function issued(w: Awaited<ReturnType<typeof world>>, clientId: string) {
  const inv = await createInvoice(w.sys, clientId, {
    currency: 'HUF',
    dueDate: null,
    note: '',
    lines: [
      { name: 'Könyvelés — бухгалтерия', quantityMilli: 2000, unit: 'óra', unitPriceMinor: 1_250_000, vatRateBp: 2700 },
    ],
  })
  return issueInvoice(w.sys, inv.id)
}

test('issuing a payment request makes its PDF: names in Hungarian and Cyrillic, number, total, amount in words, facsimile', async (t) => {
  const w = await world(t)
  const inv = await issued(w, w.a.id)
  const doc = await generatePaymentRequest(w.sys, inv.id)
  assert.equal(doc.kind, 'payment_request')
  assert.equal(doc.number, inv.number)
  assert.equal(doc.language, 'hu')
  assert.equal(doc.isSigned, true)
  assert.equal(doc.isCopy, false)
  const text = await pdfText(fs.readFileSync(w.services.files.pathOf(doc.sha256)))
  for (const s of [
    'Díjbekérő',
    'Árvíztűrő Tükörfúrógép Kft.',
    'Щедрин Пётр',
    inv.number as string,
    '31 750,00 HUF',
    'Harmincegyezer-hétszázötven forint',
    'nem számla',
  ]) {
    assert.ok(text.includes(s.replace(/\s+/g, ' ')), `missing ${s} in ${text}`)
  }
  // Made once: the event and an on-demand request find the same document.
  assert.equal((await generatePaymentRequest(w.sys, inv.id)).id, doc.id)
  const audit = await w.services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', doc.id)
    .execute()
  assert.deepEqual(audit.map((a) => a.action).sort(), ['document.facsimile_signed', 'document.generated'])
})

test('a service charge gets an act marked "copy" under the default facsimile rules, in Russian for a Russian client', async (t) => {
  const w = await world(t)
  await w.services.db.kysely.updateTable('clients').set({ country: 'RU' }).where('id', '=', w.b.id).execute()
  const entry = await recordCharge(w.sys, w.b.id, {
    kind: 'service',
    amountMinor: 120_050,
    currency: 'RUB',
    date: '2026-03-01',
    description: 'Консультация',
  })
  const doc = await w.services.db.kysely
    .selectFrom('documents')
    .selectAll()
    .where('ledger_entry_id', '=', entry.id)
    .executeTakeFirstOrThrow()
  assert.equal(doc.kind, 'service_act')
  assert.equal(doc.is_copy, 1)
  const text = await pdfText(fs.readFileSync(w.services.files.pathOf(doc.sha256)))
  assert.ok(text.includes('КОПИЯ'), text)
  assert.ok(text.includes('Одна тысяча двести рублей 50 копеек'), text)
  assert.ok(text.includes('ООО «Щука»'), text)
  assert.ok(text.includes(doc.number), text)
})

test('a client sees only what was sent to it; views and downloads are recorded for the manager', async (t) => {
  const w = await world(t)
  const doc = await generatePaymentRequest(w.sys, (await issued(w, w.a.id)).id)
  const client = await w.agent(w.userA)
  assert.equal((await client.get(`/documents/${doc.id}`)).statusCode, 404)
  const mgr = await w.agent(w.manager)
  await mgr.get('/documents')
  const sent = await mgr.post('/documents/send', { ids: [doc.id] })
  assert.equal(sent.statusCode, 303)
  const mail = JSON.stringify(await w.services.db.kysely.selectFrom('outbox').select('recipient').execute())
  assert.ok(mail.includes(w.userA.email), 'the client user is notified')
  assert.ok(!mail.includes(w.userB.email), 'another client is not')
  assert.equal((await client.get(`/documents/${doc.id}`)).statusCode, 200)
  const pdf = await client.get(`/documents/${doc.id}/pdf`)
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
  const list = await client.get('/documents?q=' + encodeURIComponent(doc.number))
  assert.ok(list.body.includes(doc.number))
  const page = await mgr.get(`/documents/${doc.id}`)
  assert.ok(page.body.includes(w.userA.email))
  const access = await w.services.db.kysely
    .selectFrom('document_access')
    .select('action')
    .where('document_id', '=', doc.id)
    .execute()
  assert.deepEqual(access.map((a) => a.action).sort(), ['download', 'view'])
  const row = await w.services.db.kysely
    .selectFrom('documents')
    .select(['first_viewed_by', 'sent_at'])
    .where('id', '=', doc.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.first_viewed_by, w.userA.id)
  assert.ok(row.sent_at)
})

test('a ZIP of the selection; one id of another client fails the whole request with 404', async (t) => {
  const w = await world(t)
  const a1 = await generatePaymentRequest(w.sys, (await issued(w, w.a.id)).id)
  const a2 = await generatePaymentRequest(w.sys, (await issued(w, w.a.id)).id)
  const b1 = await generatePaymentRequest(w.sys, (await issued(w, w.b.id)).id)
  await sendDocuments(w.sys, [a1.id, a2.id, b1.id])
  const client = await w.agent(w.userA)
  await client.get('/documents')
  const ok = await client.post('/documents/zip', { ids: [a1.id, a2.id] })
  assert.equal(ok.statusCode, 200)
  assert.equal(ok.headers['content-type'], 'application/zip')
  const names = await new Promise<string[]>((resolve, reject) =>
    yauzl.fromBuffer(ok.rawPayload, { lazyEntries: false }, (err, zip) => {
      if (err || !zip) return reject(err)
      const out: string[] = []
      zip.on('entry', (e: { fileName: string }) => out.push(e.fileName))
      zip.on('end', () => resolve(out))
    }),
  )
  assert.equal(names.length, 2)
  const mixed = await client.post('/documents/zip', { ids: [a1.id, b1.id] })
  assert.equal(mixed.statusCode, 404)
  assert.notEqual(mixed.headers['content-type'], 'application/zip')
  const before = await w.services.db.kysely
    .selectFrom('document_access')
    .select('id')
    .where('document_id', '=', a1.id)
    .execute()
  assert.equal(before.length, 1, 'only the good ZIP was recorded, the refused one nothing')
})

function multipart(fields: Record<string, string>, file: { name: string; data: Buffer } | null) {
  const boundary = `----kb${Math.random().toString(36).slice(2)}`
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
    )
    parts.push(file.data, Buffer.from('\r\n'))
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

test('uploads: a real PDF is filed; not a PDF, or too large, is refused and nothing is stored', async (t) => {
  const w = await world(t)
  const head = await w.given.head()
  const cookie = await w.given.sessionCookie(head)
  const good = fs.readFileSync(
    w.services.files.pathOf((await generatePaymentRequest(w.sys, (await issued(w, w.a.id)).id)).sha256),
  )
  const upload = (fields: Record<string, string>, file: { name: string; data: Buffer } | null) => {
    const m = multipart(fields, file)
    return w.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: { cookie, 'content-type': m.contentType, authorization: '' },
      payload: m.payload,
    })
  }
  const token = await w.services.db.kysely.selectFrom('stored_files').select('sha256').execute()
  const fields = {
    clientId: w.a.id,
    kind: 'vat_invoice',
    number: 'SZ-2026-0001',
    date: '2026-03-01',
    total: '100.00',
    currency: 'HUF',
    language: 'hu',
  }
  const bearer = async (fields2: Record<string, string>, file: { name: string; data: Buffer } | null) => {
    const m = multipart(fields2, file)
    const login = await w.app.inject({ url: '/login' })
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? ''
    const csrfCookie = login.cookies.find((c) => c.name === '_csrf')?.value ?? ''
    return w.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: {
        cookie: `${cookie}; _csrf=${csrfCookie}`,
        'x-csrf-token': csrf,
        'content-type': m.contentType,
        accept: 'application/json',
      },
      payload: m.payload,
    })
  }
  void upload
  const notPdf = await bearer(fields, {
    name: 'x.pdf',
    data: Buffer.from('MZ this is an executable, not a PDF'.repeat(10)),
  })
  assert.equal(notPdf.statusCode, 422, notPdf.body)
  assert.match(notPdf.body, /"file"/)
  const truncated = await bearer(fields, { name: 'x.pdf', data: good.subarray(0, good.length - 200) })
  assert.equal(truncated.statusCode, 422, truncated.body)
  await w.services.db.kysely
    .insertInto('settings')
    .values({
      key: 'documents',
      value_json: JSON.stringify({ maxUploadMb: 1 }),
      updated_at: new Date().toISOString(),
      updated_by: null,
    })
    .execute()
  w.services.settings.invalidate()
  const big = Buffer.concat([
    Buffer.from('%PDF-1.4\n'),
    Buffer.alloc(1024 * 1024 + 10, 32),
    Buffer.from('\ntrailer\n%%EOF\n'),
  ])
  const tooLarge = await bearer(fields, { name: 'big.pdf', data: big })
  assert.equal(tooLarge.statusCode, 422, tooLarge.body)
  const after = await w.services.db.kysely.selectFrom('stored_files').select('sha256').execute()
  assert.equal(after.length, token.length, 'nothing stored')
  assert.equal(
    (await w.services.db.kysely.selectFrom('documents').select('id').where('origin', '=', 'uploaded').execute()).length,
    0,
  )
  const foreignLink = await bearer(
    { ...fields, invoiceId: (await issued(w, w.b.id)).id },
    { name: 'ok.pdf', data: good },
  )
  assert.equal(foreignLink.statusCode, 422, foreignLink.body)
  const ok = await bearer(fields, { name: 'ok.pdf', data: good })
  assert.equal(ok.statusCode, 201, ok.body)
  const json = JSON.parse(ok.body) as { id: string; totalMinor: number; origin: string }
  assert.equal(json.origin, 'uploaded')
  assert.equal(json.totalMinor, 10_000)
})

test('the facsimile rules: "never" prints no stamp or signature and writes no facsimile audit', async (t) => {
  const w = await world(t)
  const head = await w.agent(await w.given.head())
  await head.get('/documents/settings')
  const form: Record<string, string> = { max_upload_mb: '20', sign_generated: '1' }
  for (const k of [
    'payment_request',
    'delivery_note',
    'vat_invoice',
    'service_act',
    'reconciliation',
    'contract',
    'other',
  ])
    form[`facsimile_${k}`] = 'never'
  form.facsimile_payment_request = 'copy'
  assert.equal((await head.post('/documents/settings', form)).statusCode, 303)
  const doc = await generatePaymentRequest(w.sys, (await issued(w, w.a.id)).id)
  assert.equal(doc.isCopy, true)
  assert.ok((await pdfText(fs.readFileSync(w.services.files.pathOf(doc.sha256)))).includes('MÁSOLAT'))
  form.facsimile_payment_request = 'never'
  assert.equal((await head.post('/documents/settings', form)).statusCode, 303)
  const plain = await generatePaymentRequest(w.sys, (await issued(w, w.a.id)).id)
  assert.equal(plain.isSigned, false)
  const audit = await w.services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', plain.id)
    .execute()
  assert.deepEqual(
    audit.map((a) => a.action),
    ['document.generated'],
  )
})

test('the payment request PDF route: in scope it answers the PDF (made on demand), another client gets 404', async (t) => {
  const w = await world(t)
  const inv = await issued(w, w.a.id)
  await w.services.db.kysely.deleteFrom('documents').execute()
  const a = await w.agent(w.userA)
  const res = await a.get(`/documents/payment-requests/${inv.id}/pdf`)
  assert.equal(res.statusCode, 200)
  assert.ok((await pdfText(res.rawPayload)).includes(inv.number as string))
  const b = await w.agent(w.userB)
  assert.equal((await b.get(`/documents/payment-requests/${inv.id}/pdf`)).statusCode, 404)
})
