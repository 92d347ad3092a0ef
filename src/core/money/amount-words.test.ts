import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Locale } from '../i18n/messages.js'
import { amountInWords, hungarianNumber, russianNumber } from './amount-words.js'

const cases: [Locale, number, string, string][] = [
  // English
  ['en', 120050, 'EUR', 'One thousand two hundred euros and 50 cents'],
  ['en', 100, 'EUR', 'One euro'],
  ['en', 101, 'USD', 'One US dollar and 01 cent'],
  ['en', 0, 'EUR', 'Zero euros'],
  ['en', 2150000, 'HUF', 'Twenty-one thousand five hundred forints'],
  ['en', 100000000, 'RUB', 'One million roubles'],
  ['en', 99999, 'RUB', 'Nine hundred ninety-nine roubles and 99 kopecks'],
  ['en', 1500, 'JPY', 'One thousand five hundred JPY'],
  ['en', -250, 'EUR', 'Minus two euros and 50 cents'],
  // Hungarian: one word up to 2000, hyphens above; kettő only at the end
  ['hu', 250000, 'HUF', 'Kétezer-ötszáz forint'],
  ['hu', 199900, 'HUF', 'Ezerkilencszázkilencvenkilenc forint'],
  ['hu', 200000, 'HUF', 'Kétezer forint'],
  ['hu', 200100, 'HUF', 'Kétezer-egy forint'],
  ['hu', 2200, 'HUF', 'Huszonkettő forint'],
  ['hu', 100000, 'HUF', 'Ezer forint'],
  ['hu', 120050, 'EUR', 'Ezerkétszáz euró 50 cent'],
  ['hu', 123456700, 'HUF', 'Egymillió-kétszázharmincnégyezer-ötszázhatvanhét forint'],
  ['hu', 1000000100, 'HUF', 'Tízmillió-egy forint'],
  ['hu', 21200, 'USD', 'Kétszáztizenkettő USA-dollár'],
  ['hu', 0, 'HUF', 'Nulla forint'],
  // Russian: gender agreement, rouble/kopeck forms, тысяча feminine
  ['ru', 120050, 'RUB', 'Одна тысяча двести рублей 50 копеек'],
  ['ru', 100, 'RUB', 'Один рубль 00 копеек'],
  ['ru', 201, 'RUB', 'Два рубля 01 копейка'],
  ['ru', 502, 'RUB', 'Пять рублей 02 копейки'],
  ['ru', 1111, 'RUB', 'Одиннадцать рублей 11 копеек'],
  ['ru', 200000, 'RUB', 'Две тысячи рублей 00 копеек'],
  ['ru', 2100000, 'RUB', 'Двадцать одна тысяча рублей 00 копеек'],
  ['ru', 500000000, 'RUB', 'Пять миллионов рублей 00 копеек'],
  ['ru', 2200, 'EUR', 'Двадцать два евро 00 центов'],
  ['ru', 4121, 'USD', 'Сорок один доллар США 21 цент'],
  ['ru', 1234500, 'HUF', 'Двенадцать тысяч триста сорок пять форинтов 00 филлеров'],
  ['ru', 0, 'RUB', 'Ноль рублей 00 копеек'],
]

test('amount in words: en, hu, ru, per GLOSSARY.md', () => {
  for (const [locale, minor, currency, expected] of cases) {
    assert.equal(amountInWords(locale, minor, currency), expected, `${locale} ${minor} ${currency}`)
  }
})

test('russian numerals agree with the gender of the noun', () => {
  assert.equal(russianNumber(1, 'f'), 'одна')
  assert.equal(russianNumber(2, 'f'), 'две')
  assert.equal(russianNumber(1, 'n'), 'одно')
  assert.equal(russianNumber(1001, 'm'), 'одна тысяча один')
  assert.equal(russianNumber(2002, 'f'), 'две тысячи две')
  assert.equal(russianNumber(14000, 'm'), 'четырнадцать тысяч')
})

test('hungarian numbers around the two-thousand boundary', () => {
  assert.equal(hungarianNumber(1999), 'ezerkilencszázkilencvenkilenc')
  assert.equal(hungarianNumber(2000), 'kétezer')
  assert.equal(hungarianNumber(2022), 'kétezer-huszonkettő')
  assert.equal(hungarianNumber(12000), 'tizenkétezer')
  assert.equal(hungarianNumber(3100), 'háromezer-száz')
})

test('amount in words refuses fractional minor units', () => {
  assert.throws(() => amountInWords('en', 1.5, 'EUR'), RangeError)
})
