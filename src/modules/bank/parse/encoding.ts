// Encoding detection from the bytes (formats.md §0.2, §1.6, §3.1). Declared encodings are
// only tie-breakers: real files lie about them.
import iconv from 'iconv-lite'
import type { LineEnding } from './types.js'

export function hasUtf8Bom(b: Buffer): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf
}

export function utf16Kind(b: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le'
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be'
  return null
}

/** Index of the first byte ≥ 0x80, or -1 for pure ASCII. */
export function firstNonAscii(b: Buffer, from = 0): number {
  for (let i = from; i < b.length; i++) if ((b[i] as number) >= 0x80) return i
  return -1
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

export function isValidUtf8(b: Buffer): boolean {
  try {
    strictUtf8.decode(b)
    return true
  } catch {
    return false
  }
}

// WHATWG names Node decodes natively (much faster than iconv-lite on 100 MB statements)
const NATIVE: Record<string, string> = {
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1252': 'windows-1252',
  cp866: 'ibm866',
  'iso-8859-2': 'iso-8859-2',
}
const nativeDecoders = new Map<string, TextDecoder | null>()

function nativeDecoder(encoding: string): TextDecoder | null {
  const name = NATIVE[encoding.toLowerCase()]
  if (!name) return null
  let d = nativeDecoders.get(name)
  if (d === undefined) {
    try {
      d = new TextDecoder(name)
    } catch {
      d = null // Node built without full ICU
    }
    nativeDecoders.set(name, d)
  }
  return d
}

export function decode(b: Buffer, encoding: string): string {
  if (encoding === 'utf-8') return b.toString('utf8')
  const native = nativeDecoder(encoding)
  return native ? native.decode(b) : iconv.decode(b, encoding)
}

/** Decodes a UTF-16 file (BOM given) to a UTF-8 buffer so the rest of the pipeline is uniform. */
export function utf16ToUtf8(b: Buffer, kind: 'utf-16le' | 'utf-16be'): Buffer {
  return Buffer.from(iconv.decode(b.subarray(2), kind), 'utf8')
}

export function lineEndingOf(text: string): LineEnding {
  // native scans instead of a per-line loop: this runs on 100 MB statements
  const crlf = text.includes('\r\n')
  const bareLf = /(^|[^\r])\n/.test(text)
  const loneCr = /\r(?!\n)/.test(text)
  if (!crlf && !bareLf) return loneCr ? 'mixed' : 'LF'
  if ((crlf && bareLf) || loneCr) return 'mixed'
  return crlf ? 'CRLF' : 'LF'
}

export function hasLoneCr(text: string): boolean {
  return /\r(?!\n)/.test(text)
}

/** Splits on CRLF, LF or lone CR (1C and MT940 both see mixed endings in the wild). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/)
}

// §3.1 scoring: Hungarian/German letters count +1, C1 controls and box-drawing characters −5.
const GOOD = new Set('áéíóöőúüűÁÉÍÓÖŐÚÜŰäßÄ')

function score(text: string): number {
  let s = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    if ((c >= 0x80 && c <= 0x9f) || (c >= 0x2500 && c <= 0x259f)) s -= 5
    else if (GOOD.has(text[i] as string)) s += 1
  }
  return s
}

/** MT940 decoding per §3.1 (no declaration in the format). */
export function detectLatinEncoding(b: Buffer): { encoding: string; text: string } {
  if (firstNonAscii(b) === -1) return { encoding: 'windows-1252', text: b.toString('latin1') }
  if (isValidUtf8(b)) return { encoding: 'utf-8', text: b.toString('utf8') }
  let best = { encoding: 'windows-1252', text: '', score: Number.NEGATIVE_INFINITY }
  const scored: { encoding: string; text: string; score: number }[] = []
  for (const enc of ['windows-1250', 'cp852', 'windows-1252']) {
    const text = decode(b, enc)
    const sc = score(text)
    scored.push({ encoding: enc, text, score: sc })
    if (sc > best.score) best = { encoding: enc, text, score: sc }
  }
  const tied = scored.filter((x) => x.score === best.score)
  if (tied.length > 1) {
    const hasHu = b.includes(0xf5) || b.includes(0xfb) || b.includes(0xd5) || b.includes(0xdb)
    const pick = hasHu ? 'windows-1250' : 'windows-1252'
    const chosen = tied.find((x) => x.encoding === pick) ?? (tied[0] as (typeof tied)[number])
    return { encoding: chosen.encoding, text: chosen.text }
  }
  return { encoding: best.encoding, text: best.text }
}

/** True for C0 controls other than TAB/LF/CR, and DEL (SOH/ETX wrap MT940 gateway files). */
export function isStrayControl(c: number): boolean {
  return (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f
}

/** Removes stray control characters; returns the input unchanged (no copy) when there are none. */
export function stripControls(s: string): string {
  let i = 0
  while (i < s.length && !isStrayControl(s.charCodeAt(i))) i++
  if (i === s.length) return s
  const parts: string[] = []
  let from = 0
  for (; i < s.length; i++) {
    if (isStrayControl(s.charCodeAt(i))) {
      if (i > from) parts.push(s.slice(from, i))
      from = i + 1
    }
  }
  if (from < s.length) parts.push(s.slice(from))
  return parts.join('')
}
