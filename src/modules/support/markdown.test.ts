import assert from 'node:assert/strict'
import { test } from 'node:test'
import { renderMarkdown } from './markdown.js'

test('Markdown renders formatting, lists, code and links', () => {
  const html = renderMarkdown('**Bold** and _it_\n\n- one\n- two\n\n`code` https://example.com/x?a=1')
  assert.match(html, /<strong>Bold<\/strong>/)
  assert.match(html, /<em>it<\/em>/)
  assert.match(html, /<li>one<\/li>/)
  assert.match(html, /<code>code<\/code>/)
  assert.match(html, /<a href="https:\/\/example.com\/x\?a=1" rel="nofollow noopener noreferrer" target="_blank">/)
})

test('typed HTML, scripts and event handlers come out as text', () => {
  const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="/x">y</a>')
  assert.ok(!html.includes('<script'), html)
  assert.ok(!html.includes('<img'), html)
  assert.ok(!html.includes('<a '), html)
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
})

test('dangerous and local link targets are not links; images are not loaded', () => {
  for (const src of [
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '[x](vbscript:msgbox)',
    '[x](/logout)',
  ]) {
    const html = renderMarkdown(src)
    assert.ok(!/<a |<img /.test(html), `${src} → ${html}`)
  }
  // An image is at most a link to where it is; nothing is fetched when the page shows.
  assert.ok(!renderMarkdown('![pixel](https://tracker.example/p.gif)').includes('<img'))
  assert.match(renderMarkdown('[mail](mailto:a@b.test)'), /<a href="mailto:a@b.test"/)
})

test('attribute quotes in link text and targets stay escaped', () => {
  const html = renderMarkdown('[a"b](https://x.test/"onmouseover="alert(1))')
  assert.ok(!/"onmouseover="/.test(html), html)
})
