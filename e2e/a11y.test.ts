import assert from 'node:assert/strict'
import test from 'node:test'
import type { Page } from 'playwright-core'
import type { Locale } from '../src/core/i18n/messages.js'
import { crawl } from './crawl.js'
import { DEMO, DEMO_PASSWORD, e2eSuite, login } from './harness.js'

const e2e = e2eSuite('a11y')

const slug = (kind: string) => kind.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-') || 'home'

/**
 * Visits every page `who` can reach by following links, one of each kind: each answers 200, passes
 * the accessibility smoke check and is photographed at both widths (e2e.shot).
 */
async function everyPage(page: Page, who: string, start: string) {
  const failures: string[] = []
  // Every page is checked before the test fails, so one run lists all the problems.
  const check = (p: Page, kind: string) =>
    e2e.shot(p, `${who}-${slug(kind)}`).catch((err: Error & { actual?: unknown }) => {
      const detail = Array.isArray(err.actual) ? `: ${err.actual.join('; ')}` : ''
      failures.push(`${err.message.split('\n')[0]}${detail}`)
    })
  // The head reaches every module's pages: with documents, bank, reports and expenses over a hundred kinds.
  const visited = await crawl(page, start, check, { skip: [/^\/logout$/], limit: 200 })
  for (const v of visited) if (v.status !== 200) failures.push(`${v.url} answers ${v.status}`)
  assert.deepEqual(failures, [], `${who}: pages with problems`)
  assert.ok(visited.length >= 2, `${who}: only ${visited.map((v) => v.url).join(', ')} reached`)
  return visited.map((v) => v.url)
}

const roles: { who: string; email: string; locale: Locale }[] = [
  { who: 'client-admin', email: DEMO.clientAdminHu, locale: 'hu' },
  { who: 'client', email: DEMO.clientHu, locale: 'hu' },
  { who: 'manager', email: DEMO.managerEn, locale: 'en' },
  { who: 'head', email: DEMO.head, locale: 'hu' },
  { who: 'admin', email: DEMO.admin, locale: 'en' },
]

test('every page a signed-out visitor reaches has one h1, a main and labelled fields', async (t) => {
  const page = await e2e.newPage(t, 'ru')
  const urls = await everyPage(page, 'anonymous', '/login')
  t.diagnostic(`anonymous reached: ${urls.join(' ')}`)
  assert.ok(urls.includes('/forgot'))
})

for (const { who, email, locale } of roles) {
  test(`every page a ${who} reaches has one h1, a main and labelled fields`, async (t) => {
    const page = await e2e.newPage(t, locale)
    await login(page, email, DEMO_PASSWORD)
    const urls = await everyPage(page, who, '/')
    t.diagnostic(`${who} reached: ${urls.join(' ')}`)
  })
}

test('the first Tab reaches the skip link, which moves focus to the main content', async (t) => {
  const page = await e2e.newPage(t, 'en')
  await login(page, DEMO.managerEn, DEMO_PASSWORD)
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate('document.activeElement.className'), 'skip-link')
  assert.equal(await page.locator('.skip-link').isVisible(), true, 'the skip link shows when focused')
  await e2e.shotAsIs(page, 'skip-link-focused')
  await page.keyboard.press('Enter')
  assert.equal(await page.evaluate('document.activeElement.id'), 'main')
})
