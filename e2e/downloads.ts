import type { Page } from 'playwright-core'

export interface Downloaded {
  status: number
  contentType: string
  fileName: string
  bytes: Buffer
}

/**
 * Runs `trigger` (a click on a download link or a form's button) and returns what the browser
 * saved: the bytes from the download, the status and content type from the response that carried it.
 */
export async function downloadOf(
  page: Page,
  urlPart: string | RegExp,
  trigger: () => Promise<unknown>,
): Promise<Downloaded> {
  const matches = (url: string) => (typeof urlPart === 'string' ? url.includes(urlPart) : urlPart.test(url))
  const [download, response] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForResponse((r) => matches(r.url())),
    trigger(),
  ])
  const file = await download.path()
  const { readFile } = await import('node:fs/promises')
  return {
    status: response.status(),
    contentType: response.headers()['content-type'] ?? '',
    fileName: download.suggestedFilename(),
    bytes: await readFile(file),
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
