import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'

interface Control {
  tagName: string
  type: string
  labels: { length: number } | null
  outerHTML: string
  getAttribute(name: string): string | null
}

export interface A11yReport {
  h1: number
  main: number
  /** Form controls a person cannot identify: no <label>, aria-label or aria-labelledby. */
  unlabelled: string[]
  /** Images without an alt attribute. */
  imagesWithoutAlt: string[]
  lang: string
  title: string
}

/** Reads the page's structure: headings, landmarks, labels, alt texts, language, title. */
export async function a11yReport(page: Page): Promise<A11yReport> {
  // The callbacks run in the page; the project compiles without DOM types, so elements are typed
  // structurally with what is read from them.
  const controls = await page.$$eval('input, select, textarea', (els) =>
    (els as unknown as Control[])
      .filter((el) => !(el.tagName === 'INPUT' && ['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type)))
      .filter((el) => {
        const aria = el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby')?.trim()
        return (el.labels?.length ?? 0) === 0 && !aria
      })
      .map((el) => el.outerHTML.slice(0, 160)),
  )
  const images = await page.$$eval('img:not([alt])', (els) => els.map((el) => el.outerHTML.slice(0, 160)))
  return {
    h1: await page.$$eval('h1', (els) => els.length),
    main: await page.$$eval('main', (els) => els.length),
    unlabelled: controls,
    imagesWithoutAlt: images,
    lang: await page.$eval('html', (el) => el.getAttribute('lang') ?? ''),
    title: await page.title(),
  }
}

/** The smoke check every visited page passes: one <h1>, one <main>, labelled controls, alt, lang, title. */
export async function assertA11y(page: Page): Promise<void> {
  const r = await a11yReport(page)
  const where = page.url()
  assert.equal(r.h1, 1, `${where}: expected exactly one <h1>, found ${r.h1}`)
  assert.equal(r.main, 1, `${where}: expected exactly one <main>, found ${r.main}`)
  assert.deepEqual(r.unlabelled, [], `${where}: form controls without a label`)
  assert.deepEqual(r.imagesWithoutAlt, [], `${where}: images without alt`)
  assert.match(r.lang, /^(en|hu|ru)$/, `${where}: <html lang> is "${r.lang}"`)
  assert.ok(r.title.trim().length > 0, `${where}: empty <title>`)
}
