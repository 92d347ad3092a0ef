import { createRequire } from 'node:module'
import path from 'node:path'
import pdfmake from 'pdfmake'
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js'
import { sniffMime } from '../files/file-store.js'

const require = createRequire(import.meta.url)

/** DejaVu covers Latin with őű and Cyrillic; the package has no `main`, so resolve its package.json. */
export const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
export const PDF_FONT = 'DejaVuSans'

let configured = false

/**
 * pdfmake is a process-wide singleton. A document definition could name local files or URLs as
 * images; the policies let it read only the font directory and fetch nothing, so callers pass
 * images as data (see `imageData`).
 */
function configure(): void {
  if (configured) return
  pdfmake.setFonts({
    [PDF_FONT]: {
      normal: path.join(FONT_DIR, 'DejaVuSans.ttf'),
      bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
      italics: path.join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
      bolditalics: path.join(FONT_DIR, 'DejaVuSans-BoldOblique.ttf'),
    },
  })
  pdfmake.setUrlAccessPolicy(() => false)
  const root = FONT_DIR + path.sep
  pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(root))
  configured = true
}

/** Renders a pdfmake document definition to PDF bytes, with the embedded Unicode font as default. */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  configure()
  const doc: TDocumentDefinitions = {
    ...definition,
    defaultStyle: { font: PDF_FONT, fontSize: 9, ...definition.defaultStyle },
  }
  return pdfmake.createPdf(doc).getBuffer()
}

/** A PNG or JPEG as a data URL for a pdfmake `image`; anything else is refused (checked by content). */
export function imageData(bytes: Buffer): string {
  const mime = sniffMime(bytes.subarray(0, 16))
  if (mime !== 'image/png' && mime !== 'image/jpeg') throw new Error(`not a PNG or JPEG image (${mime})`)
  return `data:${mime};base64,${bytes.toString('base64')}`
}
