import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ClientArea } from '../src/core/db/core-tables.js'
import type { Access } from '../src/core/http/types.js'
import type { GivenUser } from './helpers/given.js'
import { testApp } from './helpers/test-app.js'
import { ISOLATION_CASES, NON_ID_PARAMS } from './isolation/index.js'
import { buildWorld, type IsolationWorld } from './isolation/world.js'

const paramsOf = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1] as string)

/** Whether the route's declared access lets `user` in at all (then only the scope can refuse). */
function admits(w: IsolationWorld, access: Access, user: GivenUser): boolean {
  if (access === 'public' || access === 'signed-in') return true
  if (access === 'mfa-pending') return false
  if ('roles' in access) return access.roles.includes(user.role)
  const perms = w.services.policy.permissionsFor({
    role: user.role,
    isClientAdmin: user.is_client_admin === 1,
    areas: (user.areas ?? '').split(',').filter(Boolean) as ClientArea[],
  })
  return perms.has(access.permission)
}

async function call(w: IsolationWorld, user: GivenUser, method: string, url: string, body?: Record<string, unknown>) {
  const cookie = await w.given.sessionCookie(user)
  // A CSRF secret and token pair from the login page, as a browser would have. Asked for without the
  // session: a signed-in visitor is sent on from /login and would get no token.
  const login = await w.app.inject({ url: '/login' })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? ''
  const csrfCookie = login.cookies.find((c) => c.name === '_csrf')
  const json = url.startsWith('/api/')
  return w.app.inject({
    method: method as 'GET',
    url,
    headers: {
      cookie: `${cookie}; _csrf=${csrfCookie?.value ?? ''}`,
      'x-csrf-token': csrf,
      accept: json ? 'application/json' : 'text/html',
      ...(method === 'GET' || json ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    payload:
      method === 'GET'
        ? undefined
        : json
          ? (body ?? {})
          : new URLSearchParams({ ...(body as Record<string, string>), _csrf: csrf }).toString(),
  })
}

test('every id-taking route answers 404 to another client’s users and to an unassigned manager', async (t) => {
  const { app, given } = await testApp(t)
  const idRoutes = app.routeTable.filter((r) => paramsOf(r.url).some((p) => !NON_ID_PARAMS.has(p)))
  const missing = idRoutes.filter((r) => !ISOLATION_CASES[`${r.method} ${r.url}`]).map((r) => `${r.method} ${r.url}`)
  assert.deepEqual(missing, [], `id-taking routes without an isolation case: ${missing.join(', ')}`)
  const known = new Set(app.routeTable.map((r) => `${r.method} ${r.url}`))
  const stale = Object.keys(ISOLATION_CASES).filter((k) => !known.has(k))
  assert.deepEqual(stale, [], `isolation cases for routes that do not exist: ${stale.join(', ')}`)

  for (const route of idRoutes) {
    await t.test(`${route.method} ${route.url}`, async () => {
      const w = await buildWorld(app, given)
      const target = await (
        ISOLATION_CASES[`${route.method} ${route.url}`] as NonNullable<(typeof ISOLATION_CASES)[string]>
      )(w)
      const url = route.url.replace(/:(\w+)/g, (_, name: string) =>
        encodeURIComponent(target.params[name] ?? 'missing'),
      )
      for (const [who, user] of [
        ['client admin of B', w.b.admin],
        ['client user of B', w.b.user],
        ['manager of B', w.b.manager],
      ] as const) {
        const res = await call(w, user, route.method, url, target.body)
        const expected = admits(w, route.access, user) ? [404] : [403, 404]
        assert.ok(
          expected.includes(res.statusCode),
          `${who}: ${route.method} ${url} answered ${res.statusCode}, expected ${expected.join(' or ')}: ${res.body.slice(0, 200)}`,
        )
        assert.ok(!res.body.includes(w.a.client.id) || res.statusCode !== 200, `${who} saw client A's id`)
      }
      // The same request by someone entitled must find the resource, or the test proves nothing.
      const owner = [w.a.admin, w.a.user, w.a.manager, w.head].find((u) => admits(w, route.access, u)) as GivenUser
      const ok = await call(w, owner, route.method, url, target.body)
      assert.notEqual(
        ok.statusCode,
        404,
        `${route.method} ${url}: the owner got 404 too, so the case builds no real resource`,
      )
    })
  }
})
