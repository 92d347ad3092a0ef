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

/** The first link in the page's main area whose address starts with `prefix` and ends in an id. */
async function firstId(page: Page, prefix: string): Promise<string> {
  const hrefs = await page
    .locator(`main a[href^="${prefix}"]`)
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  const href = hrefs.find((h) => h && /^[^?]*\/[0-9a-z]{26}$/.test(h.split('?')[0] as string))
  assert.ok(href, `a link under ${prefix} on ${page.url()}`)
  return href as string
}

test("client B gets the 404 page for client A's order, payment request, its PDF, document, request and statement", async (t) => {
  // Client A (client01) collects the addresses of its own things.
  const a = await e2e.newPage(t, 'hu')
  await login(a, DEMO.clientAdminHu, DEMO_PASSWORD)
  await a.goto('/orders/mine')
  const order = await firstId(a, '/orders/')
  await a.goto('/finance/invoices/mine')
  const invoice = await firstId(a, '/finance/invoices/')
  const invoiceId = invoice.split('/').pop() as string
  await a.goto('/documents')
  const document = await firstId(a, '/documents/')
  const documentPdf = `${document}/pdf`
  await a.goto('/finance/reconciliations')
  const statement = await firstId(a, '/finance/reconciliations/')
  // A request of its own, so there is one whatever the demo holds.
  await a.goto('/support/new')
  await a.selectOption('select[name=category_id]', { index: 1 })
  await a.fill('input[name=subject]', 'Csak A láthatja')
  await a.fill('textarea[name=body]', 'Ez a bejelentés az A ügyfélé.')
  await Promise.all([a.waitForEvent('load'), a.click('form[action^="/support"] button[type=submit]')])
  const request = new URL(a.url()).pathname
  const mine = [
    order,
    invoice,
    `/documents/payment-requests/${invoiceId}/pdf`,
    document,
    documentPdf,
    request,
    statement,
    `${statement}/pdf`,
  ]
  for (const url of mine) {
    const res = await a.request.get(url)
    assert.equal(res.status(), 200, `client A opens its own ${url}`)
  }

  // Client B, another company, types the same addresses.
  const b = await e2e.newPage(t, 'hu')
  pageErrors(b).allow(
    /status of 404/,
    "client B opens client A's addresses on purpose; Chromium logs every 404 document",
  )
  await login(b, 'client02@kabinet.demo', DEMO_PASSWORD)
  for (const url of mine) {
    const res = await b.goto(url)
    assert.equal(res?.status(), 404, `${url} is not found for client B`)
    assert.equal(await b.locator('h1').textContent(), tr('hu')('error.title.404'), `${url} shows the 404 page`)
  }
  await e2e.shot(b, '05-foreign-order-404-hu')

  // A ZIP of A's documents from B's own list form: the whole request is refused.
  await b.goto('/documents')
  const token = await b.locator('form#documents-selection input[name=_csrf]').inputValue()
  const zip = await b.evaluate(
    async ({ id, token }) => {
      const body = new URLSearchParams({ _csrf: token, ids: id })
      return (await fetch('/documents/zip', { method: 'POST', body })).status
    },
    { id: document.split('/').pop() as string, token },
  )
  assert.equal(zip, 404, "a ZIP naming client A's document is refused whole")
})

test('the new forms refuse a post without the CSRF token: statement request, dispute, document ZIP and sending', async (t) => {
  const client = await e2e.newPage(t, 'hu')
  pageErrors(client).allow(/status of 403/, 'the test posts without a token on purpose and expects 403')
  await login(client, DEMO.clientAdminHu, DEMO_PASSWORD)
  await client.goto('/finance/reconciliations')
  const statement = await firstId(client, '/finance/reconciliations/')
  const before = await client.locator('#reconciliations-table tbody tr').count()
  await client.goto('/documents')
  const doc = (await firstId(client, '/documents/')).split('/').pop() as string
  const today = new Date().toISOString().slice(0, 10)
  assert.equal(
    await postForm(client, '/finance/reconciliations', { currency: 'HUF', from: '2026-01-01', to: today }),
    403,
  )
  assert.equal(await postForm(client, `${statement}/dispute`, { comment: 'x', lock: '1' }), 403)
  assert.equal(await postForm(client, '/documents/zip', { ids: doc }), 403)
  await client.goto('/finance/reconciliations')
  assert.equal(await client.locator('#reconciliations-table tbody tr').count(), before, 'no statement was made')

  const manager = await e2e.newPage(t, 'en')
  pageErrors(manager).allow(/status of 403/, 'the test posts without a token on purpose and expects 403')
  await login(manager, DEMO.managerEn, DEMO_PASSWORD)
  await manager.goto('/documents?sent=unsent')
  const unsent = (await firstId(manager, '/documents/')).split('/').pop() as string
  assert.equal(await postForm(manager, '/documents/send', { ids: unsent }), 403)
  assert.equal(await postForm(manager, `/documents/${unsent}/send`, {}), 403)
  await manager.goto('/documents?sent=unsent')
  assert.ok((await manager.locator(`main a[href="/documents/${unsent}"]`).count()) > 0, 'the document is still unsent')
})
