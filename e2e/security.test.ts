import assert from 'node:assert/strict'
import test from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO, DEMO_PASSWORD, e2eSuite, login, pageErrors, tr } from './harness.js'

const e2e = e2eSuite('security')

/** Posts a form from inside the signed-in page, as a forged or a genuine form would. */
function postForm(page: Page, url: string, fields: Record<string, string>) {
  return page.evaluate(
    async ({ url, fields }) => {
      const res = await fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' })
      return res.type === 'opaqueredirect' ? 303 : res.status
    },
    { url, fields },
  )
}

test('a form posted without the CSRF token is refused and changes nothing', async (t) => {
  const page = await e2e.newPage(t, 'en')
  pageErrors(page).allow(/status of 403/, 'the test posts without a token on purpose and expects 403')
  await login(page, DEMO.managerEn, DEMO_PASSWORD)
  const greeting = await page.locator('h1').textContent()

  assert.equal(await postForm(page, '/locale', { locale: 'ru', back: '/' }), 403)
  assert.equal(await postForm(page, '/logout', {}), 403)
  assert.equal(await postForm(page, '/locale', { locale: 'ru', back: '/', _csrf: 'forged-token' }), 403)
  await page.reload()
  assert.equal(await page.locator('h1').textContent(), greeting, 'still signed in, still in English')
  assert.equal(await page.locator('html').getAttribute('lang'), 'en')

  // The same post with the page's own token goes through: the 403s above were the token's doing.
  const token = await page.locator('form[action="/locale"] input[name="_csrf"]').inputValue()
  assert.equal(await postForm(page, '/locale', { locale: 'ru', back: '/', _csrf: token }), 303)
  await page.reload()
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru')
  await e2e.shot(page, '01-after-token-post-ru')
})

test('an anonymous visit to a signed-in page lands on the login page', async (t) => {
  const page = await e2e.newPage(t, 'hu')
  for (const path of ['/', '/settings', '/users']) {
    await page.goto(path)
    const url = new URL(page.url())
    assert.equal(url.pathname, '/login', `${path} sends an anonymous visitor to /login`)
    assert.equal(await page.locator('h1').textContent(), tr('hu')('auth.login_title'))
  }
  await e2e.shot(page, '02-anonymous-to-login-hu')
})

test('an unknown address shows the 404 page once signed in; anonymous visitors are asked to sign in first', async (t) => {
  const page = await e2e.newPage(t, 'en')
  pageErrors(page).allow(/status of 404/, 'the test opens a missing page on purpose; Chromium logs every 404 document')
  // Unknown addresses are not public: a visitor learns nothing about which exist before signing in.
  await page.goto('/no-such-page/deeper?x=1')
  const url = new URL(page.url())
  assert.equal(url.pathname, '/login')
  await e2e.shot(page, '03-unknown-anonymous-en')

  await login(page, DEMO.clientAdminHu, DEMO_PASSWORD)
  const missing = await page.goto('/no-such-page/deeper?x=1')
  assert.equal(missing?.status(), 404)
  assert.equal(await page.locator('h1').textContent(), tr('hu')('error.title.404'))
  assert.equal(await page.locator('#sidenav').count(), 1, 'a signed-in person keeps the navigation on a 404')
  await e2e.shot(page, '04-404-hu')
  await page.click('main a[href="/"]')
  assert.equal(new URL(page.url()).pathname, '/')
})
