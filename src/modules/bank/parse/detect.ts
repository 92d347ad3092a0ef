// Format detection from the first bytes (formats.md §0.2). The decision is made on raw bytes;
// only the XML root name needs decoding (CommerceML roots are Cyrillic, often windows-1251).
import iconv from 'iconv-lite'
import { hasUtf8Bom, stripControls, utf16Kind } from './encoding.js'
import { declaredXmlEncoding } from './xml.js'

export type DetectedFormat =
  | '1c-clientbankexchange'
  | 'camt.053'
  | 'camt.054'
  | 'camt.052'
  | 'mt940'
  | 'commerceml'
  | 'enterprisedata'
  | 'zip'
  | 'unknown'

/** Offset of the first meaningful byte: after a UTF-8 BOM, ASCII whitespace and C0 controls. */
export function contentStart(b: Buffer): number {
  let i = hasUtf8Bom(b) ? 3 : 0
  while (i < b.length && (b[i] as number) <= 0x20) i++
  return i
}

const ONEC = Buffer.from('1CClientBankExchange', 'ascii')

export function detectBytes(input: Buffer): DetectedFormat {
  let b = input
  const u16 = utf16Kind(b)
  if (u16) b = Buffer.from(iconv.decode(b.subarray(2), u16), 'utf8')
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'zip'
  const start = contentStart(b)
  if (b.subarray(start, start + ONEC.length).equals(ONEC)) return '1c-clientbankexchange'
  if (b[start] === 0x3c /* < */) return detectXml(b, start)
  if (looksLikeMt940(b, start)) return 'mt940'
  return 'unknown'
}

function detectXml(b: Buffer, start: number): DetectedFormat {
  const headBytes = b.subarray(start, start + 8192)
  const ascii = headBytes.toString('latin1')
  const declared = declaredXmlEncoding(ascii)
  let head: string
  try {
    head =
      declared && !/^utf-?8$/i.test(declared) && iconv.encodingExists(declared)
        ? iconv.decode(headBytes, declared)
        : headBytes.toString('utf8')
  } catch {
    head = headBytes.toString('utf8')
  }
  // walk the first few start tags: root, its first children (wrappers such as an AppHdr envelope)
  const tagRe = /<([A-Za-z_\u0080-\uFFFF][^\s/>]*)([^>]*)>/g
  let count = 0
  let rootLocal: string | null = null
  for (let m = tagRe.exec(head); m && count < 12; m = tagRe.exec(head)) {
    const q = m[1] as string
    if (q.startsWith('?') || q.startsWith('!')) continue
    count++
    const local = q.includes(':') ? q.slice(q.indexOf(':') + 1) : q
    const attrs = m[2] as string
    if (rootLocal == null) rootLocal = local
    if (local === 'КоммерческаяИнформация' && count === 1) return 'commerceml'
    if (local === 'Document') {
      const ns = /xmlns(?::[\w.-]+)?\s*=\s*["']([^"']*camt\.(\d{3})[^"']*)["']/.exec(attrs)
      if (ns) {
        const kind = ns[2]
        if (kind === '053') return 'camt.053'
        if (kind === '054') return 'camt.054'
        if (kind === '052') return 'camt.052'
      }
    }
    if (local === 'BkToCstmrStmt') return 'camt.053'
    if (local === 'BkToCstmrDbtCdtNtfctn') return 'camt.054'
    if (local === 'BkToCstmrAcctRpt') return 'camt.052'
    if (local === 'Body' && /EnterpriseData/.test(attrs)) return 'enterprisedata'
    if (rootLocal === 'Message' && /v8\.1c\.ru\/edi\/edi_stnd\/EnterpriseData/.test(head)) return 'enterprisedata'
  }
  return 'unknown'
}

function looksLikeMt940(b: Buffer, start: number): boolean {
  const head = b.subarray(start, start + 4096).toString('latin1')
  if (head.startsWith('{1:')) return true
  const lines = stripControls(head).split(/\r\n|\n|\r/)
  let tag20 = false
  let tag25 = false
  let tag60 = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    if (i < 20 && (line.startsWith(':20:') || line.startsWith(':940:'))) tag20 = true
    if (line.startsWith(':25:')) tag25 = true
    if (line.startsWith(':60F:') || line.startsWith(':60M:')) tag60 = true
  }
  return tag20 && tag25 && tag60
}
