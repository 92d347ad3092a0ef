import type { Page } from 'playwright-core'

export interface Visited {
  url: string
  status: number
  html: boolean
}

// ULIDs (newId) and plain numbers stand for one record; one of each kind of page is enough.
const ID_SEGMENT = /^([0-9a-hjkmnp-tv-z]{26}|\d+)$/

/** Which kind of page an address is: ids become `:id`, query and hash are dropped. */
export function pageKind(href: string): string {
  const url = new URL(href, 'http://x')
  return url.pathname
    .split('/')
    .map((s) => (ID_SEGMENT.test(s) ? ':id' : s))
    .join('/')
}

/**
 * Follows every same-site link from `start`, visiting one page of each kind, and calls `check` on
 * each HTML page. Links under `skip` are not followed (third-party pages such as the API docs).
 */
export async function crawl(
  page: Page,
  start: string,
  check: (page: Page, kind: string) => Promise<void>,
  opts: { limit?: number; skip?: RegExp[] } = {},
): Promise<Visited[]> {
  const limit = opts.limit ?? 80
  const skip = [/^\/static\//, /^\/api\//, ...(opts.skip ?? [])]
  const seen = new Set<string>([pageKind(start)])
  const queue = [start]
  const visited: Visited[] = []
  while (queue.length > 0) {
    if (visited.length >= limit) throw new Error(`more than ${limit} kinds of pages from ${start}: raise the limit`)
    const href = queue.shift() as string
    // Asked first with the page's cookies: a CSV export or a PDF would start a download, not a page.
    const probe = await page.request.get(href, { maxRedirects: 5 })
    const html = (probe.headers()['content-type'] ?? '').startsWith('text/html')
    if (!html) {
      visited.push({ url: href, status: probe.status(), html })
      continue
    }
    const response = await page.goto(href)
    visited.push({ url: href, status: response?.status() ?? 0, html })
    const kind = pageKind(new URL(page.url()).pathname)
    await check(page, kind)
    const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''))
    for (const link of links) {
      if (!link.startsWith('/') || link.startsWith('//')) continue
      const path = new URL(link, 'http://x').pathname
      if (skip.some((r) => r.test(path))) continue
      const k = pageKind(link)
      if (seen.has(k)) continue
      seen.add(k)
      queue.push(link.split('#')[0] as string)
    }
  }
  return visited
}
