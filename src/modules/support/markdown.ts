import MarkdownIt from 'markdown-it'

// Request text is Markdown typed by clients and staff. markdown-it with `html: false` escapes every
// tag and entity the author types, so the only HTML in the output is what its own renderer writes
// for Markdown syntax. On top of that: images are off (no tracking pixels, nothing loads from
// elsewhere), links may point only at http(s) and mailto, and every link opens without a referrer
// or opener and carries nofollow. The result is therefore trusted output, stored beside the source
// and inserted into pages as is.
const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false })
md.disable(['image'])

const SAFE_LINK = /^(https?:|mailto:)/i
md.validateLink = (url: string) => SAFE_LINK.test(url.trim())

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  if (token) {
    token.attrSet('rel', 'nofollow noopener noreferrer')
    token.attrSet('target', '_blank')
  }
  return defaultLinkOpen(tokens, idx, options, env, self)
}

/** The sanitised HTML of a Markdown text (see above why it can be inserted without escaping). */
export function renderMarkdown(source: string): string {
  return md.render(source)
}

/** A Markdown text as plain text for e-mails and exports: the source, trimmed to `max` characters. */
export function plainExcerpt(source: string, max = 1000): string {
  const text = source.replace(/\r\n/g, '\n').trim()
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
