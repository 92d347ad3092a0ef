// A small, strict, fast XML reader for statement files: builds a light element tree keyed by
// LOCAL names (prefixes stripped, namespaces resolved only for format detection). DTDs are
// refused (no entity expansion attacks); unclosed elements at the end mean a cut file.
import { fail, lineNumberAt } from './normalize.js'

export interface XNode {
  name: string
  ns: string | null
  attrs: Record<string, string> | null
  children: XNode[] | null
  text: string
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10)
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m
    }
    return ENTITY[e] ?? m
  })
}

const ATTR_RE = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g

function localName(q: string): string {
  const i = q.indexOf(':')
  return i === -1 ? q : q.slice(i + 1)
}

interface Frame {
  node: XNode
  qname: string
  nsMap: Record<string, string> | null
}

export interface XmlDocument {
  root: XNode
  /** `encoding` pseudo-attribute of the XML declaration, if any */
  declaredEncoding: string | null
}

export function declaredXmlEncoding(head: string): string | null {
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(head)
  return m ? (m[1] as string).trim() : null
}

export interface XmlOptions {
  /** Called when an element is complete; returning true drops it from the tree (streaming use:
   *  big statements are consumed entry by entry so the tree never holds 100k entries). */
  onClose?: (node: XNode, parent: XNode, grandparent: XNode | null) => boolean
}

export function parseXml(s: string, opts: XmlOptions = {}): XmlDocument {
  const onClose = opts.onClose
  const top: XNode = { name: '#document', ns: null, attrs: null, children: null, text: '' }
  const stack: Frame[] = [{ node: top, qname: '', nsMap: { '': '' } }]
  let pos = 0
  const len = s.length
  let rootSeen = false
  const where = (i: number) => ({ line: lineNumberAt(s, i), path: pathOf(stack) })
  while (pos < len) {
    const lt = s.indexOf('<', pos)
    if (lt === -1) {
      addText(stack, s.slice(pos), pos, s)
      break
    }
    if (lt > pos) addText(stack, s.slice(pos, lt), pos, s)
    const c = s.charCodeAt(lt + 1)
    if (c === 63 /* ? */) {
      const end = s.indexOf('?>', lt + 2)
      if (end === -1)
        fail('truncated', `XML ends inside a processing instruction (line ${lineNumberAt(s, lt)})`, where(lt))
      pos = end + 2
      continue
    }
    if (c === 33 /* ! */) {
      if (s.startsWith('<!--', lt)) {
        const end = s.indexOf('-->', lt + 4)
        if (end === -1) fail('truncated', `XML ends inside a comment (line ${lineNumberAt(s, lt)})`, where(lt))
        pos = end + 3
        continue
      }
      if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9)
        if (end === -1) fail('truncated', `XML ends inside CDATA (line ${lineNumberAt(s, lt)})`, where(lt))
        const f = stack[stack.length - 1] as Frame
        f.node.text += s.slice(lt + 9, end)
        pos = end + 3
        continue
      }
      fail('malformed', `line ${lineNumberAt(s, lt)}: DOCTYPE/DTD declarations are not accepted`, where(lt))
    }
    if (c === 47 /* / */) {
      const end = s.indexOf('>', lt + 2)
      if (end === -1) fail('truncated', `XML is cut inside a closing tag (line ${lineNumberAt(s, lt)})`, where(lt))
      const qname = s.slice(lt + 2, end).trim()
      const f = stack[stack.length - 1] as Frame
      if (stack.length === 1 || f.qname !== qname) {
        fail(
          'malformed',
          `line ${lineNumberAt(s, lt)}: closing tag </${qname}> does not match <${f.qname || '(none)'}> at ${pathOf(stack)}`,
          where(lt),
        )
      }
      stack.pop()
      if (onClose && stack.length > 1) closed(stack, f.node, onClose)
      pos = end + 1
      continue
    }
    // start tag: find the closing '>' outside quoted attribute values
    let end = s.indexOf('>', lt + 1)
    if (end === -1) fail('truncated', `XML is cut inside a start tag (line ${lineNumberAt(s, lt)})`, where(lt))
    let quote = 0
    for (let i = lt + 1; ; i++) {
      if (i >= len) fail('truncated', `XML is cut inside a start tag (line ${lineNumberAt(s, lt)})`, where(lt))
      const ch = s.charCodeAt(i)
      if (quote) {
        if (ch === quote) quote = 0
      } else if (ch === 34 || ch === 39) quote = ch
      else if (ch === 62) {
        end = i
        break
      }
    }
    const selfClosing = s.charCodeAt(end - 1) === 47
    const inner = s.slice(lt + 1, selfClosing ? end - 1 : end)
    let nameEnd = 0
    while (nameEnd < inner.length) {
      const ch = inner.charCodeAt(nameEnd)
      if (ch === 32 || ch === 9 || ch === 10 || ch === 13) break
      nameEnd++
    }
    const qname = inner.slice(0, nameEnd)
    if (!qname) fail('malformed', `line ${lineNumberAt(s, lt)}: empty element name`, where(lt))
    const parent = stack[stack.length - 1] as Frame
    if (stack.length === 1) {
      if (rootSeen) fail('malformed', `line ${lineNumberAt(s, lt)}: more than one root element`, where(lt))
      rootSeen = true
    }
    let attrs: Record<string, string> | null = null
    let nsMap = parent.nsMap
    if (nameEnd < inner.length) {
      const rest = inner.slice(nameEnd)
      ATTR_RE.lastIndex = 0
      for (let m = ATTR_RE.exec(rest); m; m = ATTR_RE.exec(rest)) {
        const an = m[1] as string
        const av = decodeEntities((m[3] ?? m[4]) as string)
        if (an === 'xmlns' || an.startsWith('xmlns:')) {
          if (nsMap === parent.nsMap) nsMap = { ...parent.nsMap }
          ;(nsMap as Record<string, string>)[an === 'xmlns' ? '' : an.slice(6)] = av
        } else {
          if (!attrs) attrs = {}
          attrs[localName(an)] = av
        }
      }
    }
    const colon = qname.indexOf(':')
    const prefix = colon === -1 ? '' : qname.slice(0, colon)
    const node: XNode = {
      name: colon === -1 ? qname : qname.slice(colon + 1),
      ns: nsMap?.[prefix] || null,
      attrs,
      children: null,
      text: '',
    }
    if (parent.node.children) parent.node.children.push(node)
    else {
      parent.node.children = [node]
      if (parent.node.text !== '' && isBlank(parent.node.text)) parent.node.text = ''
    }
    if (!selfClosing) stack.push({ node, qname, nsMap })
    else if (onClose && stack.length > 1) closed(stack, node, onClose)
    pos = end + 1
  }
  if (stack.length > 1) {
    fail('truncated', `XML ends before </${(stack[stack.length - 1] as Frame).qname}> (cut file) at ${pathOf(stack)}`, {
      line: lineNumberAt(s, len),
      path: pathOf(stack),
    })
  }
  const root = top.children?.[0]
  if (!root) fail('truncated', 'XML has no root element', { line: 1 })
  return { root, declaredEncoding: declaredXmlEncoding(s.slice(0, 200)) }
}

function closed(stack: Frame[], node: XNode, onClose: NonNullable<XmlOptions['onClose']>): void {
  const parent = (stack[stack.length - 1] as Frame).node
  const grand = stack.length > 1 ? (stack[stack.length - 2] as Frame).node : null
  if (onClose(node, parent, grand)) parent.children?.pop()
}

function addText(stack: Frame[], raw: string, at: number, s: string): void {
  const f = stack[stack.length - 1] as Frame
  if (stack.length === 1) {
    if (raw.trim() !== '')
      fail('malformed', `line ${lineNumberAt(s, at)}: text outside the root element`, { line: lineNumberAt(s, at) })
    return
  }
  const node = f.node
  if (node.children && isBlank(raw)) return // indentation between child elements
  node.text += raw.indexOf('&') === -1 ? raw : decodeEntities(raw)
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false
  }
  return true
}

function pathOf(stack: Frame[]): string {
  let p = ''
  for (let i = 1; i < stack.length; i++) p += `/${(stack[i] as Frame).node.name}`
  return p || '/'
}

// ---- navigation helpers (local names) ----

export function child(n: XNode | null | undefined, name: string): XNode | null {
  const cs = n?.children
  if (!cs) return null
  for (let i = 0; i < cs.length; i++) if ((cs[i] as XNode).name === name) return cs[i] as XNode
  return null
}

export function childrenNamed(n: XNode | null | undefined, name: string): XNode[] {
  const cs = n?.children
  if (!cs) return []
  const out: XNode[] = []
  for (let i = 0; i < cs.length; i++) if ((cs[i] as XNode).name === name) out.push(cs[i] as XNode)
  return out
}

/** Follows a path of local names, first match at each step. */
export function at(n: XNode | null | undefined, ...names: string[]): XNode | null {
  let cur: XNode | null | undefined = n
  for (const nm of names) {
    cur = child(cur, nm)
    if (!cur) return null
  }
  return cur ?? null
}

/** Trimmed text at a path; null when absent or empty. */
export function textAt(n: XNode | null | undefined, ...names: string[]): string | null {
  const x = names.length ? at(n, ...names) : n
  if (!x) return null
  const t = x.text.trim()
  return t === '' ? null : t.indexOf('\r') === -1 ? t : t.replace(/\r\n?/g, '\n')
}
