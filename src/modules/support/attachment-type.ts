// What a support attachment may be: images, PDF, plain text and office documents, recognised by
// their content (the name's extension only picks between look-alikes). Executables, scripts,
// macro-enabled documents, archives and anything active in a browser (HTML, SVG) are refused.

/** Extensions refused whatever the content: they run, install or render actively when opened. */
const REFUSED_EXTENSIONS = new Set(
  (
    'exe dll com bat cmd scr msi msp ps1 psm1 vbs vbe js jse mjs wsf wsh hta jar apk app sh bash run bin ' +
    'lnk reg cpl pif gadget iso dmg docm dotm xlsm xltm xlam pptm potm ppam html htm xhtml svg svgz'
  ).split(' '),
)

const TEXT_TYPES: Record<string, string> = { csv: 'text/csv' }
const LEGACY_OFFICE: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
}
const OOXML: [string, string][] = [
  ['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
]
const ODF = new Set([
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
])

export type AttachmentVerdict =
  | { ok: true; mime: string }
  | { ok: false; reason: 'support.error.attachment_type' | 'support.error.attachment_executable' }

const refuse = (executable = false): AttachmentVerdict => ({
  ok: false,
  reason: executable ? 'support.error.attachment_executable' : 'support.error.attachment_type',
})

export const extensionOf = (filename: string): string => {
  const dot = filename.lastIndexOf('.')
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase()
}

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b)

function isExecutable(head: Buffer): boolean {
  return (
    startsWith(head, [0x4d, 0x5a]) || // MZ: Windows PE
    startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(head, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O 64
    startsWith(head, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(head, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O fat / Java class
    startsWith(head, [0x23, 0x21]) // #! script
  )
}

function isUtf8Text(head: Buffer): boolean {
  if (head.includes(0)) return false
  try {
    // `stream: true` lets a multi-byte character cut at the end of the sample pass.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
    return true
  } catch {
    return false
  }
}

/** An OpenDocument file starts with a stored `mimetype` entry whose content names the kind. */
function odfType(head: Buffer): string | null {
  if (head.subarray(30, 38).toString('latin1') !== 'mimetype') return null
  const type =
    head
      .subarray(38, 38 + 60)
      .toString('latin1')
      .split(/[^a-z0-9.+/-]/)[0] ?? ''
  return ODF.has(type) ? type : null
}

/**
 * The type of an upload from its first bytes, its zip entry names (for zip containers) and its
 * name, or why it is refused.
 */
export function classifyAttachment(
  head: Buffer,
  zipEntries: readonly string[] | null,
  filename: string,
): AttachmentVerdict {
  const ext = extensionOf(filename)
  if (isExecutable(head)) return refuse(true)
  if (REFUSED_EXTENSIONS.has(ext)) return refuse(!['html', 'htm', 'xhtml', 'svg', 'svgz', 'iso', 'dmg'].includes(ext))
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { ok: true, mime: 'application/pdf' }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, mime: 'image/png' }
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { ok: true, mime: 'image/jpeg' }
  if (/^GIF8[79]a/.test(head.subarray(0, 6).toString('latin1'))) return { ok: true, mime: 'image/gif' }
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') {
    return { ok: true, mime: 'image/webp' }
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Old binary Office files share their container with installers (.msi): the name decides.
    const mime = LEGACY_OFFICE[ext]
    return mime ? { ok: true, mime } : refuse()
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const odf = odfType(head)
    if (odf) return { ok: true, mime: odf }
    const names = zipEntries ?? []
    if (names.some((n) => /vbaProject\.bin$/i.test(n))) return refuse(true)
    if (!names.includes('[Content_Types].xml')) return refuse()
    const found = OOXML.find(([prefix]) => names.some((n) => n.startsWith(prefix)))
    return found ? { ok: true, mime: found[1] } : refuse()
  }
  if (isUtf8Text(head)) return { ok: true, mime: TEXT_TYPES[ext] ?? 'text/plain' }
  return refuse()
}

/**
 * The entry names of a zip file from its central directory (at the end of the file), or null when
 * there is none to be found. `readAt(position, length)` reads bytes of the file.
 */
export function zipEntryNames(size: number, readAt: (position: number, length: number) => Buffer): string[] | null {
  const tailLength = Math.min(size, 22 + 65_535)
  const tail = readAt(size - tailLength, tailLength)
  let eocd = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const count = tail.readUInt16LE(eocd + 10)
  const dirSize = tail.readUInt32LE(eocd + 12)
  const dirOffset = tail.readUInt32LE(eocd + 16)
  if (dirOffset + dirSize > size || dirSize > 16 * 1024 * 1024) return null
  const dir = readAt(dirOffset, dirSize)
  const names: string[] = []
  let p = 0
  for (let i = 0; i < count && p + 46 <= dir.length; i++) {
    if (dir.readUInt32LE(p) !== 0x02014b50) return null
    const nameLength = dir.readUInt16LE(p + 28)
    const extra = dir.readUInt16LE(p + 30)
    const comment = dir.readUInt16LE(p + 32)
    names.push(dir.subarray(p + 46, p + 46 + nameLength).toString('utf8'))
    p += 46 + nameLength + extra + comment
  }
  return names
}

/** A file name safe to store and to send back in a header: no path, no control characters, not too long. */
export function cleanFilename(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}"<>|*?:]/gu, '').trim()
  const short = base.length > 150 ? `${base.slice(0, 120)}…${base.slice(-25)}` : base
  return short || 'file'
}
