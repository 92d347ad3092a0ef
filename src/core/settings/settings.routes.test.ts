import assert from 'node:assert/strict'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { toActor } from '../auth/sessions.js'
import { Ctx } from '../ctx.js'
import { defineModule } from '../module.js'
import { companyInputFrom } from './company-form.js'
import { saveCompanySettings } from './settings.service.js'
import { DEFAULTS } from './settings-store.js'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

/** A multipart/form-data body with one file part. */
function multipart(field: string, filename: string, type: string, data: Buffer) {
  const boundary = `----kabinet${Date.now()}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { payload: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` }
}

async function upload(agent: Agent, kind: string, filename: string, type: string, data: Buffer) {
  if (!agent.csrf) await agent.get('/settings/images')
  const body = multipart(kind, filename, type, data)
  return agent.app.inject({
    method: 'POST',
    url: `/settings/images/${kind}?_csrf=${encodeURIComponent(agent.csrf)}`,
    headers: { 'content-type': body.contentType, cookie: agent.cookieHeader, accept: 'text/html' },
    payload: body.payload,
  })
}

/** Regular files under a directory (temporary upload files included). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
}

const companyForm = (overrides: Record<string, string> = {}) => ({
  legal_name: 'Példa Kereskedelmi Kft.',
  short_name: 'Példa',
  tax_id: '12345678-2-42',
  address: '1051 Budapest, Fő utca 1.',
  email: 'Info@Pelda.hu',
  phone: '+36 1 234 5678',
  bank_rows: '2',
  bank_name_0: 'OTP Bank',
  bank_account_0: 'HU42117730161111101800000000',
  bank_bic_0: 'OTPVHUHB',
  bank_currency_0: 'HUF',
  bank_name_1: '',
  bank_account_1: '',
  bank_bic_1: '',
  bank_currency_1: '',
  default_currency: 'HUF',
  vat_rates: '0, 5, 18, 27',
  time_zone: 'Europe/Budapest',
  default_locale: 'hu',
  numbering_invoice: 'SZ-{YYYY}-{NNNNNN}',
  numbering_payment_request: 'DB-{YY}{MM}-{NNNN}',
  numbering_delivery_note: 'SL-{YYYY}-{NNNNNN}',
  numbering_service_act: 'TI-{YYYY}-{NNNNNN}',
  numbering_order: 'M-{YYYY}-{NNNNNN}',
  numbering_request: 'B-{YYYY}-{NNNNNN}',
  ...overrides,
})

test('the head saves the company settings: stored, audited with before and after, flashed', async (t) => {
  const { app, given, services } = await testApp(t)
  const head = await given.head()
  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  const page = await agent.get('/settings')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /name="legal_name"/)

  const res = await agent.post('/settings', companyForm())
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, '/settings')
  const company = await services.settings.get('company')
  assert.equal(company.legalName, 'Példa Kereskedelmi Kft.')
  assert.equal(company.email, 'info@pelda.hu')
  assert.deepEqual(company.vatRates, [0, 500, 1800, 2700])
  assert.deepEqual(company.bankAccounts, [
    { bankName: 'OTP Bank', account: 'HU42 1177 3016 1111 1018 0000 0000', bic: 'OTPVHUHB', currency: 'HUF' },
  ])
  assert.equal(company.numbering.payment_request, 'DB-{YY}{MM}-{NNNN}')

  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'settings.updated')
    .execute()
  assert.equal(audit.length, 1)
  assert.equal(audit[0]?.entity, 'settings')
  assert.equal(audit[0]?.entity_id, 'company')
  assert.equal(audit[0]?.actor_id, head.id)
  assert.equal(JSON.parse(audit[0]?.before_json ?? '{}').legalName, DEFAULTS.company.legalName)
  assert.equal(JSON.parse(audit[0]?.after_json ?? '{}').legalName, 'Példa Kereskedelmi Kft.')

  const after = await agent.get('/settings')
  assert.match(after.body, /Settings saved\./)
  assert.match(after.body, /value="HU42 1177 3016 1111 1018 0000 0000"/)
})

test('a refused company form writes nothing and comes back with the errors beside the fields and the input kept', async (t) => {
  const { app, given, services } = await testApp(t)
  const admin = await given.admin()
  const agent = await Agent.signedIn(app, await given.sessionCookie(admin))
  await agent.get('/settings')
  const res = await agent.post(
    '/settings',
    companyForm({ bank_account_0: 'HU43117730161111101800000000', numbering_invoice: 'SZ-{YYYY}', vat_rates: '27, x' }),
  )
  assert.equal(res.statusCode, 422)
  assert.match(res.body, /id="f-bank_account_0-error"[^>]*>This IBAN is not valid/)
  assert.match(res.body, /id="f-numbering_invoice-error"[^>]*>The format needs a counter placeholder/)
  assert.match(res.body, /id="f-vat_rates-error"/)
  assert.match(res.body, /value="Példa Kereskedelmi Kft\."/)
  assert.match(res.body, /value="HU43117730161111101800000000"/)
  assert.match(res.body, /value="SZ-\{YYYY\}"/)
  const stored = await services.db.kysely.selectFrom('settings').selectAll().where('key', '=', 'company').execute()
  assert.equal(stored.length, 0)
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select('id')
    .where('action', 'like', 'settings.%')
    .execute()
  assert.equal(audit.length, 0)
})

test('the settings write and its audit record share one transaction: a failing audit leaves the settings unchanged', async (t) => {
  const { given, services } = await testApp(t)
  const head = await given.head()
  const ctx = Ctx.forActor(services, toActor(head), { locale: 'en' })
  const original = Ctx.prototype.audit
  Ctx.prototype.audit = async () => {
    throw new Error('audit store unavailable')
  }
  t.after(() => {
    Ctx.prototype.audit = original
  })
  const input = { ...companyInputFrom(DEFAULTS.company), legalName: 'Never Saved Ltd.' }
  await assert.rejects(saveCompanySettings(ctx, input), /audit store unavailable/)
  Ctx.prototype.audit = original
  const stored = await services.db.kysely.selectFrom('settings').selectAll().where('key', '=', 'company').execute()
  assert.equal(stored.length, 0)
  assert.equal((await services.settings.get('company')).legalName, DEFAULTS.company.legalName)

  await saveCompanySettings(ctx, input)
  assert.equal((await services.settings.get('company')).legalName, 'Never Saved Ltd.')
})

test('"add another account" shows one more empty row and a ticked row is removed on save', async (t) => {
  const { app, given, services } = await testApp(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.head()))
  await agent.get('/settings')
  const more = await agent.post('/settings', companyForm({ add_bank_row: '1' }))
  assert.equal(more.statusCode, 200)
  assert.match(more.body, /name="bank_rows" value="3"/)
  assert.match(more.body, /name="bank_name_2"/)
  assert.equal((await services.db.kysely.selectFrom('settings').select('key').execute()).length, 0)

  await agent.post('/settings', companyForm())
  const removed = await agent.post('/settings', companyForm({ bank_remove_0: '1' }))
  assert.equal(removed.statusCode, 303)
  assert.deepEqual((await services.settings.get('company')).bankAccounts, [])
})

test('a PNG logo is stored content-addressed, audited and served to anyone', async (t) => {
  const { app, given, services } = await testApp(t)
  const head = await given.head()
  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  assert.equal((await app.inject({ url: '/settings/logo' })).statusCode, 404)

  const res = await upload(agent, 'logo', 'logo.png', 'image/png', PNG)
  assert.equal(res.statusCode, 303)
  const company = await services.settings.get('company')
  assert.equal(company.logo?.mime, 'image/png')
  const stored = await services.db.kysely.selectFrom('stored_files').selectAll().execute()
  assert.equal(stored.length, 1)
  assert.equal(stored[0]?.sha256, company.logo?.sha256)
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'settings.image_uploaded')
    .executeTakeFirstOrThrow()
  assert.deepEqual(JSON.parse(audit.before_json ?? ''), { logo: null })
  assert.equal(JSON.parse(audit.after_json ?? '').logo.sha256, company.logo?.sha256)

  const logo = await app.inject({ url: '/settings/logo' })
  assert.equal(logo.statusCode, 200)
  assert.equal(logo.headers['content-type'], 'image/png')
  assert.deepEqual(logo.rawPayload, PNG)
  const login = await app.inject({ url: '/login' })
  assert.match(login.body, /src="\/settings\/logo"/)

  const remove = await agent.post('/settings/images/logo/remove')
  assert.equal(remove.statusCode, 303)
  assert.equal((await services.settings.get('company')).logo, null)
  assert.equal((await app.inject({ url: '/settings/logo' })).statusCode, 404)
  const removedAudit = await services.db.kysely
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'settings.image_removed')
    .execute()
  assert.equal(removedAudit.length, 1)
})

test('a text file named .png and a file over 2 MB are refused beside the field and leave nothing stored', async (t) => {
  const { app, given, services, config } = await testApp(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.admin()))

  const text = await upload(agent, 'stamp', 'stamp.png', 'image/png', Buffer.from('this is not an image\n'.repeat(20)))
  assert.equal(text.statusCode, 422)
  assert.match(text.body, /id="f-stamp-error"[^>]*>This file type is not accepted here\./)

  const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)])
  const large = await upload(agent, 'signature', 'signature.png', 'image/png', big)
  assert.equal(large.statusCode, 422)
  assert.match(large.body, /id="f-signature-error"[^>]*>The file is larger than allowed\./)

  const none = await upload(agent, 'logo', '', 'application/octet-stream', Buffer.alloc(0))
  assert.equal(none.statusCode, 422)
  assert.match(none.body, /id="f-logo-error"[^>]*>Choose a file to upload\./)

  assert.equal((await services.db.kysely.selectFrom('stored_files').select('sha256').execute()).length, 0)
  assert.deepEqual(filesUnder(path.join(config.dataDir, 'files')), [])
  const company = await services.settings.get('company')
  assert.equal(company.stamp, null)
  assert.equal(company.signature, null)
  assert.equal((await services.db.kysely.selectFrom('audit_log').select('id').execute()).length, 0)
})

test('stamp and signature are for settings managers only; settings pages are refused to a manager', async (t) => {
  const { app, given } = await testApp(t)
  const head = await given.head()
  const headAgent = await Agent.signedIn(app, await given.sessionCookie(head))
  assert.equal((await upload(headAgent, 'stamp', 'stamp.png', 'image/png', PNG)).statusCode, 303)

  const stamp = await headAgent.get('/settings/images/stamp')
  assert.equal(stamp.statusCode, 200)
  assert.equal(stamp.headers['content-type'], 'image/png')
  assert.equal(stamp.headers['cache-control'], 'private, no-store')

  const manager = await Agent.signedIn(app, await given.sessionCookie(await given.manager({ allClients: true })))
  assert.equal((await manager.get('/settings/images/stamp')).statusCode, 403)
  assert.equal((await manager.get('/settings')).statusCode, 403)
  assert.equal((await manager.get('/settings/images')).statusCode, 403)
  const client = await Agent.signedIn(app, await given.sessionCookie(await given.clientUser({ isClientAdmin: true })))
  assert.equal((await client.get('/settings/images/signature')).statusCode, 403)
  const anonymous = await app.inject({ url: '/settings/images/stamp' })
  assert.equal(anonymous.statusCode, 303)
  assert.match(String(anonymous.headers.location), /^\/login/)
})

test('the two-step rule is switched on and off with an audit record each time', async (t) => {
  const { app, given, services } = await testApp(t)
  const head = await given.head({ totpSecret: 'JBSWY3DPEHPK3PXP' })
  const agent = await Agent.signedIn(app, await given.sessionCookie(head))
  const page = await agent.get('/settings/security')
  assert.equal(page.statusCode, 200)
  assert.doesNotMatch(page.body, /name="require_2fa_staff"[^>]*checked/)
  assert.equal((await agent.post('/settings/security', { require_2fa_staff: '1' })).statusCode, 303)
  assert.equal((await services.settings.get('security')).require2faStaff, true)
  assert.match((await agent.get('/settings/security')).body, /name="require_2fa_staff"[^>]*checked/)
  assert.equal((await agent.post('/settings/security', {})).statusCode, 303)
  assert.equal((await services.settings.get('security')).require2faStaff, false)
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select(['before_json', 'after_json'])
    .where('entity_id', '=', 'security')
    .orderBy('at')
    .execute()
  assert.deepEqual(
    audit.map((a) => [JSON.parse(a.before_json ?? '').require2faStaff, JSON.parse(a.after_json ?? '').require2faStaff]),
    [
      [false, true],
      [true, false],
    ],
  )
})

test('the modules section explains when no module is installed', async (t) => {
  const { app, given } = await testApp(t, { modules: [] })
  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.admin()))
  const page = await agent.get('/settings/modules')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /No modules are installed/)
})

test('modules are switched off and on; one another enabled module needs stays on', async (t) => {
  const pages = async (app: import('fastify').FastifyInstance) => {
    app.get('/', { config: { access: 'signed-in' } }, async () => 'catalogue home')
  }
  const { app, given, services } = await testApp(t, {
    modules: [defineModule({ name: 'catalogue', pages }), defineModule({ name: 'shop', dependsOn: ['catalogue'] })],
  })
  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.admin()))
  const page = await agent.get('/settings/modules')
  assert.match(page.body, /name="enabled" value="catalogue" checked/)
  assert.match(page.body, /name="enabled" value="shop" checked/)
  assert.equal((await agent.get('/catalogue')).statusCode, 200)

  const refused = await agent.post('/settings/modules', { enabled: ['shop'] })
  assert.equal(refused.statusCode, 422)
  assert.match(refused.body, /This module needs another module that is switched off/)
  assert.deepEqual((await services.settings.get('modules')).disabled, [])

  const res = await agent.post('/settings/modules', { enabled: [] })
  assert.equal(res.statusCode, 303)
  assert.deepEqual((await services.settings.get('modules')).disabled, ['catalogue', 'shop'])
  assert.equal(services.isEnabled('catalogue'), false)
  assert.equal((await agent.get('/catalogue')).statusCode, 404)
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select(['before_json', 'after_json'])
    .where('entity_id', '=', 'modules')
    .executeTakeFirstOrThrow()
  assert.deepEqual(JSON.parse(audit.after_json ?? ''), { disabled: ['catalogue', 'shop'] })

  await agent.post('/settings/modules', { enabled: ['catalogue', 'shop'] })
  assert.equal(services.isEnabled('catalogue'), true)
  assert.equal((await agent.get('/catalogue')).statusCode, 200)
})

test('after a refused upload the same kept-alive connection serves the next request', async (t) => {
  const { app, given } = await testApp(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.head()))
  await agent.get('/settings/images')
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 })
  t.after(() => keepAlive.destroy())
  const send = (method: string, url: string, headers: Record<string, string>, body?: Buffer) =>
    new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
      const req = http.request(`${address}${url}`, { method, headers, agent: keepAlive }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c) => {
          text += c
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, socket: req.socket }))
      })
      req.setTimeout(5000, () => req.destroy(new Error(`${url} timed out`)))
      req.on('error', reject)
      req.end(body)
    })
  const big = multipart('stamp', 'stamp.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]))
  const refused = await send(
    'POST',
    `/settings/images/stamp?_csrf=${encodeURIComponent(agent.csrf)}`,
    { 'content-type': big.contentType, cookie: agent.cookieHeader, accept: 'text/html' },
    big.payload,
  )
  assert.equal(refused.status, 422)
  assert.match(refused.body, /The file is larger than allowed\./)
  const next = await send('GET', '/settings/images', { cookie: agent.cookieHeader, accept: 'text/html' })
  assert.equal(next.status, 200)
  assert.equal(next.socket, refused.socket)
})
