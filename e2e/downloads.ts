import { readFile } from 'node:fs/promises'
import type { Page, Route } from 'playwright-core'

export interface Downloaded {
  status: number
  contentType: string
  fileName: string
  bytes: Buffer
}

/**
 * Runs `trigger` (a click on a download link or a form's button) and returns what the browser
 * saved: the bytes from the download, the status and content type of the response that carried it.
 * Chromium reports no response event for a navigation that turns into a download, so the request
 * is passed through a route that reads the answer's head on its way to the browser (a GET that
 * bypasses the route is asked again for its head).
 */
export async function downloadOf(
  page: Page,
  urlPart: string | RegExp,
  trigger: () => Promise<unknown>,
): Promise<Downloaded> {
  const matches = (url: URL) => (typeof urlPart === 'string' ? url.href.includes(urlPart) : urlPart.test(url.href))
  let head: { status: number; contentType: string } | null = null
  const pass = async (route: Route) => {
    const response = await route.fetch()
    head = { status: response.status(), contentType: response.headers()['content-type'] ?? '' }
    await route.fulfill({ response })
  }
  await page.route(matches, pass)
  try {
    const [download] = await Promise.all([page.waitForEvent('download'), trigger()])
    const bytes = await readFile(await download.path())
    let seen = head as { status: number; contentType: string } | null
    if (!seen) {
      // An <a download> link is fetched by the download manager, past the route: ask the same
      // address again with the page's cookies for the head.
      const again = await page.request.get(download.url())
      seen = { status: again.status(), contentType: again.headers()['content-type'] ?? '' }
    }
    return { ...seen, fileName: download.suggestedFilename(), bytes }
  } finally {
    await page.unroute(matches, pass)
  }
}

/** A ZIP's entry names, read from its central directory (PK\x01\x02 records). */
export function zipEntryNames(zip: Buffer): string[] {
  const names: string[] = []
  for (let i = zip.indexOf('PK\x01\x02'); i >= 0; i = zip.indexOf('PK\x01\x02', i + 46)) {
    const nameLength = zip.readUInt16LE(i + 28)
    names.push(zip.subarray(i + 46, i + 46 + nameLength).toString('utf8'))
  }
  return names
}
