import assert from 'node:assert/strict'
import { test } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { Catalog, LOCALES } from './messages.js'

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()

test('every English message exists in Hungarian and Russian with the same placeholders', async (t) => {
  const { services } = await testApp(t)
  const catalog = services.catalog
  const english = catalog.keys('en')
  assert.ok(english.length > 100, `${english.length} keys`)
  const en = catalog.translator('en')
  const problems: string[] = []
  for (const locale of ['hu', 'ru'] as const) {
    const tr = catalog.translator(locale)
    for (const key of english) {
      if (!catalog.has(locale, key)) {
        problems.push(`${locale}: missing ${key}`)
        continue
      }
      const want = placeholders(en(key))
      const got = placeholders(tr(key))
      if (want.join() !== got.join())
        problems.push(`${locale}: ${key} has {${got.join('}{')}}, English {${want.join('}{')}}`)
      if (tr(key).trim() === '') problems.push(`${locale}: ${key} is empty`)
    }
    for (const key of catalog.keys(locale)) {
      if (!catalog.has('en', key)) problems.push(`${locale}: ${key} has no English original`)
    }
  }
  assert.deepEqual(problems, [])
})

test('the translator fills placeholders, falls back to English, then to the key', () => {
  const catalog = new Catalog()
  catalog.add({
    en: { 'x.hello': 'Hello {name}, {count} new', 'x.only_en': 'Only English' },
    hu: { 'x.hello': 'Szia {name}, {count} új' },
    ru: { 'x.hello': 'Привет, {name}: {count}' },
  })
  assert.equal(catalog.translator('hu')('x.hello', { name: 'Anna', count: 3 }), 'Szia Anna, 3 új')
  assert.equal(
    catalog.translator('ru')('x.hello', { name: '{count}', count: 1 }),
    'Привет, {count}: 1',
    'no re-expansion',
  )
  assert.equal(catalog.translator('hu')('x.only_en'), 'Only English')
  assert.equal(catalog.translator('ru')('x.unknown'), 'x.unknown')
  assert.equal(
    catalog.translator('en')('x.hello', { name: 'A' }),
    'Hello A, {count} new',
    'a missing value stays visible',
  )
  assert.deepEqual(LOCALES, ['en', 'hu', 'ru'])
})
