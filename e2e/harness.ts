import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, type TestContext } from 'node:test'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { coreMessages } from '../src/core/i18n/core-messages.js'
import { Catalog, type Locale, type Translate } from '../src/core/i18n/messages.js'
import { MODULES } from '../src/modules.js'
import { assertA11y } from './a11y.js'
import {
  externalKabinet,
  type KabinetServer,
  REPO_ROOT,
  type StartOptions,
  serverErrors,
  startKabinet,
} from './kabinet-server.js'
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
    const external = process.env.KABINET_E2E_SERVER_URL?.trim()
    server = external
      ? externalKabinet(external)
      : await startKabinet({ logFile: path.join(dir, 'server.log'), ...opts })
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
 * When the page is wider than the window, what sticks out past its right edge, as
 * `parent > tag.class (right edge px)`: first the innermost elements (no child sticks out), then
 * the outermost boxes (the parent's box does not), so the report names the culprit; empty when it
 * fits.
 */
export async function sidewaysOverflow(page: Page, width: number): Promise<string[]> {
  const found = await page.evaluate(`(() => {
    if (document.documentElement.scrollWidth <= ${width}) return []
    // An element sticks out with its box, or with content that overflows a box that does not clip it.
    const out = (el) => {
      const r = el.getBoundingClientRect()
      if (r.right > ${width} + 0.5) return true
      return getComputedStyle(el).overflowX === 'visible' && r.left + el.scrollWidth > ${width} + 0.5
    }
    const name = (el) => {
      const cls = (e) => typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : ''
      const p = el.parentElement
      return (p ? p.tagName.toLowerCase() + cls(p) + ' > ' : '') + el.tagName.toLowerCase() + cls(el) + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)'
    }
    // Inside a box that scrolls or clips sideways, sticking out is that box's business.
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true
      }
      return false
    }
    const sticking = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().width > 0 && out(el) && !clipped(el))
    const inner = sticking.filter((el) => ![...el.children].some(out)).map(name)
    const boxOut = (el) => el.getBoundingClientRect().right > ${width} + 0.5
    const outer = sticking
      .filter((el) => boxOut(el) && el.parentElement && el.parentElement !== document.body && !boxOut(el.parentElement))
      .map(name)
    const all = [...new Set([...inner.slice(0, 5), ...outer.slice(0, 5)])]
    return all.length ? all : ['document ' + document.documentElement.scrollWidth + ' px wide']
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
      links: Array.from(g.querySelectorAll('a')).map((a) => a.textContent?.trim() ?? ''),
    })),
  )
}

// The order of the navigation groups (UI.md): the main group has no title.
export const NAV_GROUPS = ['main', 'clients', 'sales', 'finance', 'support', 'content', 'reports', 'settings'] as const
export type NavGroup = (typeof NAV_GROUPS)[number]

/**
 * Checks the side navigation: known groups in their order, none empty, the `expected` entries in
 * their groups (modules may add more), and none of the `absent` entries anywhere.
 */
export async function assertNav(
  page: Page,
  locale: Locale,
  expected: Partial<Record<NavGroup, string[]>>,
  absent: string[] = [],
): Promise<void> {
  const t = tr(locale)
  const groups = await navGroups(page)
  const keys = groups.map(({ title }) => NAV_GROUPS.find((g) => (g === 'main' ? '' : t(`nav.group.${g}`)) === title))
  assert.ok(!keys.includes(undefined), `unknown navigation groups: ${groups.map((g) => g.title).join(', ')}`)
  const order = keys.map((k) => NAV_GROUPS.indexOf(k as NavGroup))
  assert.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
    `groups out of order: ${keys.join(', ')}`,
  )
  for (const g of groups) assert.ok(g.links.length > 0, `group "${g.title}" is empty`)
  for (const [group, labels] of Object.entries(expected)) {
    const links = groups[keys.indexOf(group as NavGroup)]?.links ?? []
    const missing = labels.filter((l) => !links.includes(l))
    assert.deepEqual(missing, [], `navigation group ${group} (${links.join(', ')}) lacks entries`)
  }
  const all = groups.flatMap((g) => g.links)
  const present = absent.filter((l) => all.includes(l))
  assert.deepEqual(present, [], 'entries this role must not see')
}
