import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, type TestContext } from 'node:test'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { coreMessages } from '../src/core/i18n/core-messages.js'
import { Catalog, type Locale, type Translate } from '../src/core/i18n/messages.js'
import { MODULES } from '../src/modules.js'
import { assertA11y } from './a11y.js'
import { type KabinetServer, REPO_ROOT, type StartOptions, serverErrors, startKabinet } from './kabinet-server.js'
import { PageErrors, watchContext, watchPage } from './page-errors.js'

export const DEMO_PASSWORD = 'kabinet-demo'
export const DEMO = {
  head: 'head@kabinet.demo',
  admin: 'admin@kabinet.demo',
  managerHu: 'anna.manager@kabinet.demo',
  managerRu: 'ivan.manager@kabinet.demo',
  managerEn: 'mark.manager@kabinet.demo',
  clientAdminHu: 'client01@kabinet.demo',
  clientHu: 'client01.colleague@kabinet.demo',
} as const

export const WIDE = { width: 1280, height: 900 }
export const NARROW = { width: 390, height: 844 }

export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'e2e')
const CHROMIUM = process.env.KABINET_E2E_CHROMIUM || '/usr/bin/chromium'

/** Debian's Chromium, headless; never a downloaded browser build. */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set KABINET_E2E_CHROMIUM)`)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

const catalog = new Catalog()
catalog.add(coreMessages)
for (const mod of MODULES) if (mod.messages) catalog.add(mod.messages)

/** The server's own messages, so tests assert on what a person reads without copying strings. */
export const tr = (locale: Locale): Translate => catalog.translator(locale)

const errorsByPage = new WeakMap<Page, PageErrors>()

/** The browser-problem collector of a page made by `newPage`. */
export function pageErrors(page: Page): PageErrors {
  const errors = errorsByPage.get(page)
  if (!errors) throw new Error('page was not made by newPage()')
  return errors
}

export interface E2E {
  /** The running server; set once the suite's `before` hook has run. */
  readonly server: KabinetServer
  readonly browser: Browser
  /**
   * A page in a fresh browser context (own cookies) with the browser language `locale`. Closed
   * after the test, which fails if the page logged a JS error, a console error or a CSP violation.
   */
  newPage(
    t: TestContext,
    locale: Locale,
    viewport?: { width: number; height: number },
    options?: BrowserContextOptions,
  ): Promise<Page>
  /**
   * Full-page screenshots at 1280 and 390 px (the page must not scroll sideways at either), then the
   * accessibility smoke check of the page.
   */
  shot(page: Page, name: string): Promise<void>
  /** One screenshot at the page's current size, for a state that exists only at that size. */
  shotAsIs(page: Page, name: string): Promise<void>
}

/**
 * One server and one browser for a test file: registers `before`/`after` hooks that start a demo
 * Kabinet and Chromium, and stop both. The file fails if the server logged an error.
 */
export function e2eSuite(suite: string, opts: StartOptions = {}): E2E {
  let server: KabinetServer | null = null
  let browser: Browser | null = null
  const dir = path.join(ARTIFACTS, suite)

  before(async () => {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    server = await startKabinet({ logFile: path.join(dir, 'server.log'), ...opts })
    browser = await launchChromium()
  })

  after(async () => {
    await browser?.close()
    const output = server?.output() ?? ''
    await server?.stop()
    const errors = serverErrors(output)
    assert.deepEqual(errors, [], `the server logged errors (see ${path.relative(REPO_ROOT, dir)}/server.log)`)
  })

  const e2e: E2E = {
    get server() {
      if (!server) throw new Error('the e2e server is not running: use it inside a test')
      return server
    },
    get browser() {
      if (!browser) throw new Error('the browser is not running: use it inside a test')
      return browser
    },
    async newPage(t, locale, viewport = WIDE, options = {}) {
      const context = await e2e.browser.newContext({ ...options, baseURL: e2e.server.url, locale, viewport })
      const errors = new PageErrors()
      await watchContext(context, errors)
      const page = await context.newPage()
      watchPage(page, errors)
      errorsByPage.set(page, errors)
      t.after(async () => {
        await context.close()
        for (const line of errors.allowed) t.diagnostic(line)
        errors.assertNone()
      })
      return page
    },
    async shot(page, name) {
      await page.waitForLoadState('load')
      const original = page.viewportSize() ?? WIDE
      for (const size of [WIDE, NARROW]) {
        await page.setViewportSize(size)
        await page.screenshot({ path: path.join(dir, `${name}.${size.width}.png`), fullPage: true })
        // Wide content scrolls inside its own box; the page itself never scrolls sideways.
        const overflow = await sidewaysOverflow(page, size.width)
        assert.deepEqual(
          overflow,
          [],
          `${page.url()} at ${size.width} px scrolls sideways (see ${name}.${size.width}.png)`,
        )
      }
      await page.setViewportSize(original)
      await assertA11y(page)
    },
    async shotAsIs(page, name) {
      const width = page.viewportSize()?.width ?? WIDE.width
      await page.screenshot({ path: path.join(dir, `${name}.${width}.png`), fullPage: true })
    },
  }
  return e2e
}

/**
 * When the page is wider than the window, the outermost elements that stick out past its right
 * edge (their parent does not), as `parent > tag.class (right edge px)`, so the report names the
 * culprit; empty when it fits.
 */
export async function sidewaysOverflow(page: Page, width: number): Promise<string[]> {
  const found = await page.evaluate(`(() => {
    if (document.documentElement.scrollWidth <= ${width}) return []
    const out = []
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.right <= ${width} + 0.5) continue
      const parentSticksOut = el.parentElement && el.parentElement.getBoundingClientRect().right > ${width} + 0.5
      if (parentSticksOut) continue
      // Inside a box that scrolls or clips sideways, sticking out is that box's business.
      let clipped = false
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') { clipped = true; break }
      }
      if (clipped) continue
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : ''
      const parent = el.parentElement
      const pcls = parent && typeof parent.className === 'string' && parent.className ? '.' + parent.className.trim().split(/\\s+/)[0] : ''
      out.push((parent ? parent.tagName.toLowerCase() + pcls + ' > ' : '') + el.tagName.toLowerCase() + cls + ' (' + Math.round(r.right) + ' px)')
    }
    return out.length ? out.slice(0, 8) : ['document ' + document.documentElement.scrollWidth + ' px wide']
  })()`)
  return found as string[]
}

/** Signs in through the real login form and waits until the browser has left /login. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login')
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', password)
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 10_000 }).catch(() => undefined),
    page.click('form[action="/login"] button[type="submit"]'),
  ])
  const where = new URL(page.url()).pathname
  if (where.startsWith('/login')) {
    const message = await page.locator('.flash, .field-error, [role="alert"]').allInnerTexts()
    throw new Error(`login as ${email} stayed on ${where}: ${message.join(' | ') || '(no message shown)'}`)
  }
}

/** Picks a language in the top-bar select (it submits itself) and waits for the page in it. */
export async function switchLocale(page: Page, locale: Locale): Promise<void> {
  await page.selectOption('#locale-select', locale)
  await page.waitForSelector(`html[lang="${locale}"]`)
  await page.waitForLoadState('load')
}

/** Opens the user menu in the top bar and presses "Log out". */
export async function logout(page: Page): Promise<void> {
  await page.click('.user-menu summary')
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/login'),
    page.click('.user-menu form[action="/logout"] button'),
  ])
}

/** The visible text of the side navigation, group by group: `[{ title, links }]`. */
export async function navGroups(page: Page): Promise<{ title: string; links: string[] }[]> {
  return page.$$eval('#sidenav .nav-group', (groups) =>
    groups.map((g) => ({
      title: g.querySelector('.nav-group-title')?.textContent?.trim() ?? '',
      links: [...g.querySelectorAll('a')].map((a) => a.textContent?.trim() ?? ''),
    })),
  )
}
