import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { Agent } from '../../../test/helpers/agent.js'
import type { Given } from '../../../test/helpers/given.js'
import { testApp } from '../../../test/helpers/test-app.js'
import type { Services } from '../../core/services.js'
import type { SiteSettings } from '../../core/settings/settings-store.js'
import { rsaKeyPair, SECRET, signHs256, signRs256, unsignedToken } from './site.test-kit.js'

async function configure(services: Services, settings: Partial<SiteSettings>) {
  const current = await services.settings.get('site')
  await services.settings.put(services.db.kysely, 'site', { ...current, ssoEnabled: true, ...settings }, null)
  services.settings.invalidate()
}

/** A client user the website knows as `externalId`. */
async function linkedUser(
  services: Services,
  given: Given,
  externalId: string,
  opts: Parameters<Given['clientUser']>[0] = {},
) {
  const user = await given.clientUser(opts)
  const now = new Date().toISOString()
  await services.db.kysely
    .insertInto('site_links')
    .values({
      kind: 'user',
      external_id: externalId,
      entity_id: user.id,
      client_id: user.client_id,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return user
}

async function refusals(services: Services) {
  const rows = await services.db.kysely
    .selectFrom('audit_log')
    .select(['after_json'])
    .where('action', '=', 'site.sso_refused')
    .orderBy('id')
    .execute()
  return rows.map((r) => JSON.parse(r.after_json ?? '{}') as { reason: string })
}

async function sso(app: FastifyInstance, token: string, next?: string) {
  const agent = new Agent(app)
  const qs = new URLSearchParams({ token, ...(next ? { next } : {}) })
  const res = await agent.get(`/sso?${qs}`)
  return { agent, res }
}

test('a valid HS256 token signs the user in and goes to the same-site next page', async (t) => {
  const { app, services, given } = await testApp(t)
  await configure(services, { ssoAlgorithm: 'HS256', ssoSecret: SECRET })
  const user = await linkedUser(services, given, 'web-7')
  const { agent, res } = await sso(app, signHs256(SECRET, { sub: 'web-7' }), '/account')
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, '/account')
  const me = await agent.api('GET', '/api/v1/me')
  assert.equal(me.statusCode, 200)
  assert.equal(me.json().id, user.id)
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select(['actor_id', 'after_json'])
    .where('action', '=', 'user.signed_in')
    .executeTakeFirstOrThrow()
  assert.equal(audit.actor_id, user.id)
  assert.match(audit.after_json ?? '', /site_sso/)
  const row = await services.db.kysely
    .selectFrom('users')
    .select('last_login_at')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.ok(row.last_login_at)
})

test('next pointing off-site is ignored', async (t) => {
  const { app, services, given } = await testApp(t)
  await configure(services, { ssoAlgorithm: 'HS256', ssoSecret: SECRET })
  await linkedUser(services, given, 'web-8')
  for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
    const { res } = await sso(app, signHs256(SECRET, { sub: 'web-8' }), next)
    assert.equal(res.statusCode, 303)
    assert.equal(res.headers.location, '/')
  }
})

test('a valid RS256 token signs the user in', async (t) => {
  const { app, services, given } = await testApp(t)
  const { publicKey, privateKey } = rsaKeyPair()
  await configure(services, { ssoAlgorithm: 'RS256', ssoPublicKey: publicKey })
  const user = await linkedUser(services, given, 'web-rs')
  const { agent, res } = await sso(app, signRs256(privateKey, { sub: 'web-rs' }))
  assert.equal(res.statusCode, 303)
  assert.equal((await agent.api('GET', '/api/v1/me')).json().id, user.id)
})

test('bad tokens are refused with a 401 page, logged and audited without the token', async (t) => {
  const { app, services, given } = await testApp(t)
  const { publicKey, privateKey } = rsaKeyPair()
  await configure(services, { ssoAlgorithm: 'HS256', ssoSecret: SECRET })
  await linkedUser(services, given, 'web-1')
  const now = Math.floor(Date.now() / 1000)
  const good = signHs256(SECRET, { sub: 'web-1' })
  const [h, p] = good.split('.')
  const cases: [string, string][] = [
    [
      `${h}.${p}.${signHs256('another-secret-another-secret-another!', { sub: 'web-1' }).split('.')[2]}`,
      'bad_signature',
    ],
    [unsignedToken({ sub: 'web-1' }), 'wrong_algorithm'],
    [signHs256(SECRET, { sub: 'web-1', iat: now - 250, exp: now - 10 }), 'expired'],
    [signHs256(SECRET, { sub: 'web-1', iat: now + 120, exp: now + 200 }), 'issued_in_future'],
    [signHs256(SECRET, { sub: 'web-1', aud: 'https://other-kabinet.example' }), 'wrong_audience'],
    [signHs256(SECRET, { sub: 'web-nobody' }), 'unknown_user'],
  ]
  for (const [token, expected] of cases) {
    const { agent, res } = await sso(app, token)
    assert.equal(res.statusCode, 401, expected)
    assert.match(res.body, /Sign-in link not valid/)
    assert.equal(
      res.cookies.find((c) => c.name === 'kabinet_session'),
      undefined,
      expected,
    )
    assert.equal((await agent.api('GET', '/api/v1/me')).statusCode, 401)
    const last = (await refusals(services)).at(-1)
    assert.equal(last?.reason, expected)
  }
  // An HS256 token while RS256 is configured (even one keyed with the public key) is refused.
  await configure(services, { ssoAlgorithm: 'RS256', ssoPublicKey: publicKey })
  for (const token of [signHs256(SECRET, { sub: 'web-1' }), signHs256(publicKey, { sub: 'web-1' })]) {
    const { res } = await sso(app, token)
    assert.equal(res.statusCode, 401)
    assert.equal((await refusals(services)).at(-1)?.reason, 'wrong_algorithm')
  }
  assert.equal((await sso(app, signRs256(privateKey, { sub: 'web-1' }))).res.statusCode, 303)
  const all = await services.db.kysely.selectFrom('audit_log').select(['after_json']).execute()
  for (const row of all) assert.ok(!(row.after_json ?? '').includes(good), 'a token was written to the audit log')
})

test('a token works once: the replay is refused', async (t) => {
  const { app, services, given } = await testApp(t)
  await configure(services, { ssoAlgorithm: 'HS256', ssoSecret: SECRET })
  await linkedUser(services, given, 'web-2')
  const token = signHs256(SECRET, { sub: 'web-2', jti: 'once-only' })
  assert.equal((await sso(app, token)).res.statusCode, 303)
  const again = await sso(app, token)
  assert.equal(again.res.statusCode, 401)
  assert.equal((await refusals(services)).at(-1)?.reason, 'replayed')
  // Parallel replays: exactly one wins.
  const racing = signHs256(SECRET, { sub: 'web-2', jti: 'raced' })
  const results = await Promise.all([1, 2, 3, 4].map(() => sso(app, racing)))
  assert.equal(results.filter((r) => r.res.statusCode === 303).length, 1)
})

test('disabled and not yet activated users, and a switched-off SSO, are refused', async (t) => {
  const { app, services, given } = await testApp(t)
  await configure(services, { ssoAlgorithm: 'HS256', ssoSecret: SECRET })
  await linkedUser(services, given, 'web-off', { status: 'disabled' })
  await linkedUser(services, given, 'web-new', { status: 'invited' })
  assert.equal((await sso(app, signHs256(SECRET, { sub: 'web-off' }))).res.statusCode, 401)
  assert.equal((await refusals(services)).at(-1)?.reason, 'user_disabled')
  const invited = await sso(app, signHs256(SECRET, { sub: 'web-new' }))
  assert.equal(invited.res.statusCode, 401)
  assert.match(invited.res.body, /invitation/)
  assert.equal((await refusals(services)).at(-1)?.reason, 'user_not_active')
  await configure(services, { ssoEnabled: false })
  await linkedUser(services, given, 'web-ok')
  assert.equal((await sso(app, signHs256(SECRET, { sub: 'web-ok' }))).res.statusCode, 401)
  assert.equal((await refusals(services)).at(-1)?.reason, 'sso_disabled')
})

test('a user with a second factor still has to give the code', async (t) => {
  const { app, services, given } = await testApp(t)
  await configure(services, { ssoAlgorithm: 'HS256', ssoSecret: SECRET })
  await linkedUser(services, given, 'web-2fa', { totpSecret: 'JBSWY3DPEHPK3PXP' })
  const { agent, res } = await sso(app, signHs256(SECRET, { sub: 'web-2fa' }), '/account')
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, `/login/totp?next=${encodeURIComponent('/account')}`)
  assert.equal((await agent.api('GET', '/api/v1/me')).statusCode, 401)
})
