import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { rsaKeyPair } from './site.test-kit.js'

const GOOD_SECRET = `${'x'.repeat(28)}wxyz`

test('only admin and head reach the /site page', async (t) => {
  const { app, given } = await testApp(t)
  for (const [user, status] of [
    [await given.clientUser({ isClientAdmin: true }), 403],
    [await given.manager({ allClients: true }), 403],
    [await given.admin(), 200],
    [await given.head(), 200],
  ] as const) {
    const agent = await Agent.signedIn(app, await given.sessionCookie(user))
    assert.equal((await agent.get('/site')).statusCode, status, user.role)
  }
  const admin = await Agent.signedIn(app, await given.sessionCookie(await given.admin()))
  assert.match((await admin.get('/')).body, /href="\/site"/)
})

test('SSO settings: errors next to the field with the input kept; the secret is shown masked after saving', async (t) => {
  const { app, services, given } = await testApp(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.admin()))
  await agent.get('/site')
  const short = await agent.post('/site/sso', { sso_enabled: '1', sso_algorithm: 'HS256', sso_secret: 'short' })
  assert.equal(short.statusCode, 422)
  assert.match(short.body, /at least 32 characters/)
  assert.match(short.body, /name="sso_enabled" value="1" checked/)
  assert.equal((await services.settings.get('site')).ssoEnabled, false)

  const saved = await agent.post('/site/sso', { sso_enabled: '1', sso_algorithm: 'HS256', sso_secret: GOOD_SECRET })
  assert.equal(saved.statusCode, 303)
  const stored = await services.settings.get('site')
  assert.equal(stored.ssoEnabled, true)
  assert.equal(stored.ssoSecret, GOOD_SECRET)
  const page = (await agent.get('/site')).body
  assert.ok(!page.includes(GOOD_SECRET), 'the secret was shown again')
  assert.match(page, /••••••••wxyz/)
  // Saving again with the field empty keeps the secret.
  await agent.post('/site/sso', { sso_enabled: '1', sso_algorithm: 'HS256', sso_secret: '' })
  assert.equal((await services.settings.get('site')).ssoSecret, GOOD_SECRET)
  const audits = await services.db.kysely
    .selectFrom('audit_log')
    .select('after_json')
    .where('action', '=', 'site.settings_updated')
    .execute()
  assert.ok(audits.length >= 2)
  for (const a of audits) assert.ok(!(a.after_json ?? '').includes(GOOD_SECRET), 'a secret reached the audit log')
})

test('RS256 needs an RSA public key; a bad one is refused', async (t) => {
  const { app, services, given } = await testApp(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.head()))
  await agent.get('/site')
  const missing = await agent.post('/site/sso', { sso_enabled: '1', sso_algorithm: 'RS256' })
  assert.equal(missing.statusCode, 422)
  assert.match(missing.body, /public key/)
  const bad = await agent.post('/site/sso', { sso_enabled: '1', sso_algorithm: 'RS256', sso_public_key: 'hello' })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, />hello<\/textarea>/)
  const { publicKey } = rsaKeyPair()
  assert.equal(
    (await agent.post('/site/sso', { sso_enabled: '1', sso_algorithm: 'RS256', sso_public_key: publicKey })).statusCode,
    303,
  )
  assert.equal((await services.settings.get('site')).ssoAlgorithm, 'RS256')
})

test('a generated secret is shown once, then only masked', async (t) => {
  const { app, services, given } = await testApp(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.admin()))
  await agent.get('/site')
  const res = await agent.post('/site/secret', { which: 'webhook' })
  assert.equal(res.statusCode, 200)
  const secret = (await services.settings.get('site')).webhookSecret
  assert.ok(secret.length >= 32)
  assert.ok(res.body.includes(secret))
  assert.equal(res.headers['cache-control'], 'no-store')
  assert.ok(!(await agent.get('/site')).body.includes(secret))
})

test('webhook settings: URLs are checked and need a secret', async (t) => {
  const { app, services, given } = await testApp(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.admin()))
  await agent.get('/site')
  const noSecret = await agent.post('/site/webhooks', { webhook_urls: 'https://site.example/hook' })
  assert.equal(noSecret.statusCode, 422)
  assert.match(noSecret.body, /Webhooks need a secret/)
  assert.match(noSecret.body, /https:\/\/site.example\/hook<\/textarea>/)
  const badUrl = await agent.post('/site/webhooks', {
    webhook_urls: 'javascript:alert(1)',
    webhook_secret: GOOD_SECRET,
  })
  assert.equal(badUrl.statusCode, 422)
  const many = Array.from({ length: 6 }, (_, i) => `https://site.example/h${i}`).join('\n')
  assert.equal(
    (await agent.post('/site/webhooks', { webhook_urls: many, webhook_secret: GOOD_SECRET })).statusCode,
    422,
  )
  const ok = await agent.post('/site/webhooks', {
    webhook_urls: 'https://site.example/a\r\nhttps://site.example/b\n',
    webhook_secret: GOOD_SECRET,
  })
  assert.equal(ok.statusCode, 303)
  assert.deepEqual((await services.settings.get('site')).webhookUrls, [
    'https://site.example/a',
    'https://site.example/b',
  ])
  assert.match((await agent.get('/site')).body, /https:\/\/site.example\/a\nhttps:\/\/site.example\/b<\/textarea>/)
})

test('the site API is in the OpenAPI document under the site tag', async (t) => {
  const { app } = await testApp(t)
  const doc = (await app.inject({ url: '/api/openapi.json' })).json()
  for (const path of ['/api/v1/site/clients/{externalId}', '/api/v1/site/users/{externalId}', '/api/v1/site/changes']) {
    const ops = Object.values(doc.paths[path] ?? {}) as { tags?: string[] }[]
    assert.ok(ops.length > 0, path)
    for (const op of ops) assert.deepEqual(op.tags, ['site'])
  }
})

test('the /site page and the refusal page read in Hungarian and Russian', async (t) => {
  const { app, given } = await testApp(t)
  const agent = await Agent.signedIn(app, await given.sessionCookie(await given.admin({ locale: 'hu' })))
  assert.match((await agent.get('/site')).body, /Egyszeri bejelentkezés/)
  const res = await app.inject({ url: '/sso?token=x', headers: { 'accept-language': 'ru' } })
  assert.equal(res.statusCode, 401)
  assert.match(res.body, /Ссылка для входа недействительна/)
})
