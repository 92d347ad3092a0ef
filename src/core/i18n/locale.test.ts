import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { fromAcceptLanguage } from '../http/request-context.js'
import type { Locale } from './messages.js'

const TITLES: Record<Locale, string> = { en: 'Sign in', hu: 'Bejelentkezés', ru: 'Вход' }

function assertLoginIn(locale: Locale, res: { statusCode: number; body: string }) {
  assert.equal(res.statusCode, 200)
  assert.match(res.body, new RegExp(`<html lang="${locale}"`), locale)
  assert.match(res.body, new RegExp(`<h1[^>]*>\\s*${TITLES[locale]}`), locale)
}

test('the login page follows Accept-Language, best weight first', async (t) => {
  const { app } = await testApp(t)
  for (const [header, locale] of [
    ['hu-HU,hu;q=0.9,en;q=0.8', 'hu'],
    ['ru', 'ru'],
    ['en-US,en;q=0.9', 'en'],
    ['de-DE,de;q=0.9,ru;q=0.5', 'ru'],
    ['en;q=0.1, ru;q=0.9', 'ru'],
    ['fr, de', 'en'],
  ] as const) {
    assertLoginIn(locale, await app.inject({ url: '/login', headers: { 'accept-language': header } }))
  }
})

test('the kabinet_locale cookie wins over Accept-Language; a bad cookie is ignored', async (t) => {
  const { app } = await testApp(t)
  const res = await app.inject({ url: '/login', headers: { 'accept-language': 'en', cookie: 'kabinet_locale=hu' } })
  assertLoginIn('hu', res)
  const bad = await app.inject({ url: '/login', headers: { 'accept-language': 'ru', cookie: 'kabinet_locale=xx' } })
  assertLoginIn('ru', bad)
})

test('POST /locale switches the language (cookie) and goes back', async (t) => {
  const { app } = await testApp(t)
  const agent = new Agent(app)
  assertLoginIn('en', await agent.get('/login'))
  for (const locale of ['ru', 'hu', 'en'] as const) {
    const res = await agent.post('/locale', { locale, back: '/login' })
    assert.equal(res.statusCode, 303)
    assert.equal(res.headers.location, '/login')
    assertLoginIn(locale, await agent.get('/login'))
  }
  const bogus = await agent.post('/locale', { locale: 'de', back: 'https://evil.example/' })
  assert.equal(bogus.headers.location, '/')
  assertLoginIn('en', await agent.get('/login'))
})

test('a signed-in user’s choice is saved on the account and beats the browser', async (t) => {
  const { app, given, services } = await testApp(t)
  const user = await given.clientUser()
  const agent = await Agent.signedIn(app, await given.sessionCookie(user))
  await agent.get('/')
  await agent.post('/locale', { locale: 'ru', back: '/' })
  const row = await services.db.kysely
    .selectFrom('users')
    .select('locale')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  assert.equal(row.locale, 'ru')
  // Another browser, English everywhere: the account's language still wins.
  const elsewhere = await Agent.signedIn(app, await given.sessionCookie(user))
  const me = await app.inject({
    url: '/api/v1/me',
    headers: { cookie: elsewhere.cookieHeader, 'accept-language': 'en', accept: 'application/json' },
  })
  assert.equal(me.json().locale, 'ru')
})

test('the company default applies when the browser names nothing we speak', async (t) => {
  const { app, services } = await testApp(t)
  const company = await services.settings.get('company')
  await services.settings.put(services.db.kysely, 'company', { ...company, defaultLocale: 'hu' }, null)
  assertLoginIn('hu', await app.inject({ url: '/login', headers: { 'accept-language': 'de' } }))
  assertLoginIn('hu', await app.inject({ url: '/login' }))
})

test('fromAcceptLanguage weighs, ignores junk, keeps order on ties', () => {
  assert.equal(fromAcceptLanguage(undefined), null)
  assert.equal(fromAcceptLanguage(''), null)
  assert.equal(fromAcceptLanguage('*'), null)
  assert.equal(fromAcceptLanguage('hu, ru'), 'hu')
  assert.equal(fromAcceptLanguage('hu;q=0.5, ru;q=0.5'), 'hu')
  assert.equal(fromAcceptLanguage('hu;q=0, en;q=0.1'), 'en')
  assert.equal(fromAcceptLanguage('ru;q=abc, hu;q=0.3'), 'hu')
  assert.equal(fromAcceptLanguage('RU-ru'), 'ru')
})
