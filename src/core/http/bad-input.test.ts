import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { probeModule, probeNotes } from '../../../test/helpers/probe-module.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { parseUrlEncoded } from './forms.js'

async function world(t: Parameters<typeof testApp>[0]) {
  const w = await testApp(t, { modules: [probeModule] })
  const user = await w.given.manager()
  const agent = await Agent.signedIn(w.app, await w.given.sessionCookie(user))
  await agent.get('/')
  const send = (
    method: 'POST' | 'PUT',
    url: string,
    contentType: string,
    payload: string,
    accept = 'application/json',
  ) =>
    w.app.inject({
      method,
      url,
      headers: { cookie: agent.cookieHeader, 'x-csrf-token': agent.csrf, 'content-type': contentType, accept },
      payload,
    })
  return { ...w, agent, send }
}

const TITLES: Record<number, string> = {
  400: 'Error',
  404: 'Not found',
  409: 'Not possible',
  413: 'Too large',
  415: 'Wrong content type',
}

/** The response is the HTML error page for `status` (its heading), not JSON or a bare text. */
const isErrorPage = (res: { headers: Record<string, unknown>; body: string }, status: number) => {
  assert.match(String(res.headers['content-type']), /text\/html/)
  assert.match(res.body, /<!doctype html>/i)
  assert.match(res.body, new RegExp(`<h1>${TITLES[status]}</h1>`), `the ${status} page`)
}

test('a malformed urlencoded body is refused with 400 and nothing is written', async (t) => {
  const { services, agent, send } = await world(t)
  for (const body of [
    `text=%E0%A4%A&_csrf=${agent.csrf}`,
    `text=100%&_csrf=${agent.csrf}`,
    `te%zzxt=1&_csrf=${agent.csrf}`,
  ]) {
    const page = await send('POST', '/probe/notes', 'application/x-www-form-urlencoded', body, 'text/html')
    assert.equal(page.statusCode, 400, body)
    isErrorPage(page, 400)
    const api = await send('POST', '/api/v1/probe/notes', 'application/x-www-form-urlencoded', body)
    assert.equal(api.statusCode, 400)
    assert.equal(api.json().error.code, 'bad_request')
  }
  assert.equal(await probeNotes(services), 0)
  const ok = await agent.post('/probe/notes', { text: 'Árvíztűrő 100% + съешь' })
  assert.equal(ok.statusCode, 303)
  assert.equal(await probeNotes(services), 1)
})

test('parseUrlEncoded: plus is a space, repeated fields are lists, no prototype pollution', () => {
  const parsed = parseUrlEncoded('a=1+2&b=x&b=y&b=z&c&__proto__=bad&constructor=c&e=%C3%A1%20%D1%8A&=empty')
  assert.equal(parsed.a, '1 2')
  assert.deepEqual(parsed.b, ['x', 'y', 'z'])
  assert.equal(parsed.c, '')
  assert.equal(parsed.e, 'á ъ')
  assert.equal(parsed[''], 'empty')
  assert.equal(Object.getPrototypeOf(parsed), null)
  assert.equal(({} as Record<string, unknown>).bad, undefined)
  assert.throws(() => parseUrlEncoded('a=%'), /malformed/)
  assert.throws(() => parseUrlEncoded('a=%FF'), /malformed/)
})

test('a body over 1 MB: 413 JSON under /api, an error page elsewhere, nothing written', async (t) => {
  const { services, agent, send } = await world(t)
  const big = 'x'.repeat(1024 * 1024 + 10)
  const api = await send('POST', '/api/v1/probe/notes', 'application/json', JSON.stringify({ text: big }))
  assert.equal(api.statusCode, 413)
  assert.equal(api.json().error.code, 'payload_too_large')
  const page = await send(
    'POST',
    '/probe/notes',
    'application/x-www-form-urlencoded',
    `_csrf=${agent.csrf}&text=${big}`,
    'text/html',
  )
  assert.equal(page.statusCode, 413)
  isErrorPage(page, 413)
  assert.match(page.body, /too large/)
  assert.equal(await probeNotes(services), 0)
  // Just under the limit is fine.
  const fits = await send(
    'POST',
    '/api/v1/probe/notes',
    'application/json',
    JSON.stringify({ text: 'x'.repeat(1000 * 1000) }),
  )
  assert.equal(fits.statusCode, 200)
  assert.equal(await probeNotes(services), 1)
})

test('a wrong content type is 415, as JSON under /api and as a page elsewhere', async (t) => {
  const { services, send } = await world(t)
  for (const type of ['text/plain', 'application/xml', 'text/csv']) {
    const api = await send('POST', '/api/v1/probe/notes', type, 'text=hello')
    assert.equal(api.statusCode, 415, type)
    assert.equal(api.json().error.code, 'unsupported_media_type')
  }
  const page = await send('POST', '/probe/notes', 'text/plain', 'text=hello', 'text/html')
  assert.equal(page.statusCode, 415)
  isErrorPage(page, 415)
  assert.equal(await probeNotes(services), 0)
})

test('invalid JSON is 400 JSON and nothing is written', async (t) => {
  const { services, send } = await world(t)
  for (const body of ['{"text": ', '{text: "x"}', "{'text':'x'}"]) {
    const res = await send('POST', '/api/v1/probe/notes', 'application/json', body)
    assert.equal(res.statusCode, 400, body)
    assert.deepEqual(Object.keys(res.json()), ['error'])
    assert.equal(res.json().error.code, 'bad_request')
    assert.match(res.json().error.message, /not valid JSON/)
  }
  const missing = await send('POST', '/api/v1/probe/notes', 'application/json', '{}')
  assert.equal(missing.statusCode, 400)
  assert.equal(missing.json().error.code, 'validation_failed')
  assert.ok(missing.json().error.fields.text)
  assert.equal(await probeNotes(services), 0)
})

test('an unknown route is a 404 page once signed in, and 404 JSON under /api for every caller', async (t) => {
  const { app, agent } = await world(t)
  const page = await app.inject({ url: '/no/such/page', headers: { accept: 'text/html', cookie: agent.cookieHeader } })
  assert.equal(page.statusCode, 404)
  isErrorPage(page, 404)
  // A stranger is asked to sign in first and learns nothing about which pages exist.
  const stranger = await app.inject({ url: '/no/such/page', headers: { accept: 'text/html' } })
  assert.equal(stranger.statusCode, 303)
  assert.equal(stranger.headers.location, `/login?next=${encodeURIComponent('/no/such/page')}`)
  for (const cookie of [agent.cookieHeader, '']) {
    const api = await app.inject({ url: '/api/v1/no-such-thing', headers: { cookie } })
    assert.equal(api.statusCode, 404)
    assert.equal(api.json().error.code, 'not_found')
    assert.equal(typeof api.json().error.message, 'string')
    const post = await app.inject({ method: 'POST', url: '/api/v1/no-such-thing', headers: { cookie }, payload: {} })
    assert.equal(post.statusCode, 404)
  }
})

test('the rate limit answers 429 with its own code under /api', async (t) => {
  const { app } = await testApp(t)
  let last = await app.inject({ method: 'POST', url: '/forgot', remoteAddress: '198.51.100.7', payload: {} })
  for (let i = 0; i < 21; i++) {
    last = await app.inject({ method: 'POST', url: '/forgot', remoteAddress: '198.51.100.7', payload: {} })
  }
  assert.equal(last.statusCode, 429)
  assert.equal(last.json().error.code, 'rate_limited')
  assert.ok(last.headers['retry-after'])
})

test('an unexpected error is a 500 with a request id and no detail', async (t) => {
  const { app, services, agent } = await world(t)
  // Break the database under the request: the page must not leak the SQL error.
  await services.db.kysely.schema.dropTable('audit_log').execute()
  const res = await agent.api('POST', '/api/v1/probe/notes', { text: 'x' })
  assert.equal(res.statusCode, 500)
  const body = res.json()
  assert.equal(body.error.code, 'internal')
  assert.ok(body.error.requestId)
  assert.doesNotMatch(JSON.stringify(body), /audit_log|sqlite|relation|SQL/i)
  assert.ok(app)
})

test('a refused rule on a form goes back to the posting page with a flash; a foreign or broken Referer does not', async (t) => {
  const { app, agent } = await world(t)
  const post = (referer: string) =>
    app.inject({
      method: 'POST',
      url: '/probe/refuse',
      headers: {
        cookie: agent.cookieHeader,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        referer,
      },
      payload: `_csrf=${encodeURIComponent(agent.csrf)}`,
    })
  const back = await post('http://localhost:80/account?tab=profile')
  assert.equal(back.statusCode, 303)
  assert.equal(back.headers.location, '/account?tab=profile')
  assert.ok(back.cookies.some((c: { name: string }) => c.name === 'kabinet_flash'))
  const ours = await post('http://kabinet.test/account')
  assert.equal(ours.headers.location, '/account')
  for (const referer of ['not a url', 'https://evil.example/account', 'http://localhost:80//evil.example/x']) {
    const res = await post(referer)
    assert.equal(res.statusCode, 409, referer)
    isErrorPage(res, 409)
  }
})
