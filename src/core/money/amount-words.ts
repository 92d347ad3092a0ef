import { currencyDigits } from '../i18n/format.js'
import type { Locale } from '../i18n/messages.js'

// Amounts in words as printed on documents (GLOSSARY.md): the whole part in words, the fraction in
// figures ("… 50 kopecks"), first letter capitalised. Russian agrees the numerals with the
// currency's grammatical gender and picks the noun form for the number; Hungarian is one word up
// to 2000 and hyphenated at the thousands groups above it.

type Gender = 'm' | 'f' | 'n'

interface Unit {
  /** English: singular, plural. */
  en: [string, string]
  hu: string
  /** Russian: gender and the forms for 1, 2–4 and 5+. */
  ru: [Gender, string, string, string]
}

const UNITS: Record<string, { whole: Unit; fraction: Unit }> = {
  RUB: {
    whole: { en: ['rouble', 'roubles'], hu: 'rubel', ru: ['m', 'рубль', 'рубля', 'рублей'] },
    fraction: { en: ['kopeck', 'kopecks'], hu: 'kopejka', ru: ['f', 'копейка', 'копейки', 'копеек'] },
  },
  EUR: {
    whole: { en: ['euro', 'euros'], hu: 'euró', ru: ['m', 'евро', 'евро', 'евро'] },
    fraction: { en: ['cent', 'cents'], hu: 'cent', ru: ['m', 'цент', 'цента', 'центов'] },
  },
  USD: {
    whole: {
      en: ['US dollar', 'US dollars'],
      hu: 'USA-dollár',
      ru: ['m', 'доллар США', 'доллара США', 'долларов США'],
    },
    fraction: { en: ['cent', 'cents'], hu: 'cent', ru: ['m', 'цент', 'цента', 'центов'] },
  },
  HUF: {
    whole: { en: ['forint', 'forints'], hu: 'forint', ru: ['m', 'форинт', 'форинта', 'форинтов'] },
    fraction: { en: ['fillér', 'fillérs'], hu: 'fillér', ru: ['m', 'филлер', 'филлера', 'филлеров'] },
  },
}

const capitalise = (s: string): string => s.charAt(0).toLocaleUpperCase() + s.slice(1)

// ---------- English ----------

const EN_ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
]
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
const EN_SCALES = ['', 'thousand', 'million', 'billion', 'trillion']

function enBelowThousand(n: number): string {
  const parts: string[] = []
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  if (hundreds) parts.push(`${EN_ONES[hundreds]} hundred`)
  if (rest >= 20) parts.push(EN_TENS[Math.floor(rest / 10)] + (rest % 10 ? `-${EN_ONES[rest % 10]}` : ''))
  else if (rest) parts.push(EN_ONES[rest] as string)
  return parts.join(' ')
}

/** A whole number in English words ("one thousand two hundred"). */
export function englishNumber(n: number): string {
  if (n === 0) return 'zero'
  const parts: string[] = []
  groups(n).forEach((g, i, all) => {
    const scale = all.length - 1 - i
    if (g) parts.push(enBelowThousand(g) + (scale ? ` ${EN_SCALES[scale]}` : ''))
  })
  return parts.join(' ')
}

// ---------- Hungarian ----------

const HU_ONES = ['', 'egy', 'kettő', 'három', 'négy', 'öt', 'hat', 'hét', 'nyolc', 'kilenc']
// "két" inside a compound (kétszáz, kétezer), "kettő" only at the end of a number.
const HU_ONES_PREFIX = ['', 'egy', 'két', 'három', 'négy', 'öt', 'hat', 'hét', 'nyolc', 'kilenc']
const HU_TENS_ALONE = ['', 'tíz', 'húsz', 'harminc', 'negyven', 'ötven', 'hatvan', 'hetven', 'nyolcvan', 'kilencven']
const HU_TENS_JOINED = [
  '',
  'tizen',
  'huszon',
  'harminc',
  'negyven',
  'ötven',
  'hatvan',
  'hetven',
  'nyolcvan',
  'kilencven',
]
const HU_SCALES = ['', 'ezer', 'millió', 'milliárd', 'billió']

function huBelowThousand(n: number, final: boolean): string {
  const hundreds = Math.floor(n / 100)
  const tens = Math.floor((n % 100) / 10)
  const ones = n % 10
  let s = ''
  if (hundreds) s += `${hundreds === 1 ? '' : HU_ONES_PREFIX[hundreds]}száz`
  if (tens) s += ones ? HU_TENS_JOINED[tens] : HU_TENS_ALONE[tens]
  if (ones) s += (final ? HU_ONES : HU_ONES_PREFIX)[ones]
  return s
}

/** A whole number in Hungarian words: one word up to 2000, hyphens between thousand groups above it. */
export function hungarianNumber(n: number): string {
  if (n === 0) return 'nulla'
  const all = groups(n)
  const words: string[] = []
  all.forEach((g, i) => {
    const scale = all.length - 1 - i
    if (!g) return
    // "ezer", not "egyezer", at the head of a number below two thousand (ezerkétszáz).
    const head = scale === 1 && g === 1 && n < 2000 ? '' : huBelowThousand(g, scale === 0)
    words.push(head + HU_SCALES[scale])
  })
  return n <= 2000 ? words.join('') : words.join('-')
}

// ---------- Russian ----------

const RU_ONES: Record<Gender, string[]> = {
  m: ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
  f: ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
  n: ['', 'одно', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'],
}
const RU_TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
]
const RU_TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
]
const RU_HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
]
const RU_SCALES: [Gender, string, string, string][] = [
  ['m', '', '', ''],
  ['f', 'тысяча', 'тысячи', 'тысяч'],
  ['m', 'миллион', 'миллиона', 'миллионов'],
  ['m', 'миллиард', 'миллиарда', 'миллиардов'],
  ['m', 'триллион', 'триллиона', 'триллионов'],
]

/** The Russian noun form for `n`: 1 рубль, 2 рубля, 5 рублей (11–14 take the last). */
export function russianPlural(n: number, one: string, few: string, many: string): string {
  const mod100 = n % 100
  const mod10 = n % 10
  if (mod100 >= 11 && mod100 <= 14) return many
  if (mod10 === 1) return one
  if (mod10 >= 2 && mod10 <= 4) return few
  return many
}

function ruBelowThousand(n: number, gender: Gender): string[] {
  const parts: string[] = []
  const rest = n % 100
  if (n >= 100) parts.push(RU_HUNDREDS[Math.floor(n / 100)] as string)
  if (rest >= 10 && rest < 20) parts.push(RU_TEENS[rest - 10] as string)
  else {
    if (rest >= 20) parts.push(RU_TENS[Math.floor(rest / 10)] as string)
    if (rest % 10) parts.push(RU_ONES[gender][rest % 10] as string)
  }
  return parts
}

/** A whole number in Russian words agreeing with `gender` (одна тысяча две копейки / один рубль). */
export function russianNumber(n: number, gender: Gender = 'm'): string {
  if (n === 0) return 'ноль'
  const parts: string[] = []
  const all = groups(n)
  all.forEach((g, i) => {
    const scale = all.length - 1 - i
    if (!g) return
    const [scaleGender, one, few, many] = RU_SCALES[scale] as [Gender, string, string, string]
    parts.push(...ruBelowThousand(g, scale === 0 ? gender : scaleGender))
    if (scale) parts.push(russianPlural(g, one, few, many))
  })
  return parts.join(' ')
}

/** Splits into groups of three digits, most significant first. */
function groups(n: number): number[] {
  const out: number[] = []
  let rest = n
  while (rest > 0) {
    out.unshift(rest % 1000)
    rest = Math.floor(rest / 1000)
  }
  return out
}

// ---------- amounts ----------

const MINUS: Record<Locale, string> = { en: 'minus', hu: 'mínusz', ru: 'минус' }

/**
 * An amount of `minor` units of `currency` in words in `locale`, as documents print it, e.g.
 * "One thousand two hundred euros and 50 cents", "Kétezer-ötszáz forint",
 * "Одна тысяча двести рублей 05 копеек". Currencies without words here keep their ISO code.
 */
export function amountInWords(locale: Locale, minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not a whole number of minor units: ${minor}`)
  const digits = currencyDigits(currency)
  const abs = Math.abs(minor)
  const whole = Math.floor(abs / 10 ** digits)
  const fraction = abs % 10 ** digits
  const unit = UNITS[currency]
  const fractionText = digits ? String(fraction).padStart(digits, '0') : ''
  let text: string
  if (locale === 'ru') {
    const [gender, one, few, many] = unit?.whole.ru ?? (['m', currency, currency, currency] as const)
    text = `${russianNumber(whole, gender)} ${russianPlural(whole, one, few, many)}`
    // Russian documents always print the fraction, "00 копеек" included.
    if (digits) {
      const [, fOne, fFew, fMany] = unit?.fraction.ru ?? ['m', '', '', '']
      text += unit
        ? ` ${fractionText} ${russianPlural(fraction, fOne, fFew, fMany)}`
        : ` ${fractionText}/${10 ** digits}`
    }
  } else if (locale === 'hu') {
    text = `${hungarianNumber(whole)} ${unit?.whole.hu ?? currency}`
    if (fraction) text += unit ? ` ${fractionText} ${unit.fraction.hu}` : ` ${fractionText}/${10 ** digits}`
  } else {
    const [one, many] = unit?.whole.en ?? [currency, currency]
    text = `${englishNumber(whole)} ${whole === 1 ? one : many}`
    if (fraction) {
      text += unit
        ? ` and ${fractionText} ${fraction === 1 ? unit.fraction.en[0] : unit.fraction.en[1]}`
        : ` and ${fractionText}/${10 ** digits}`
    }
  }
  return capitalise(minor < 0 ? `${MINUS[locale]} ${text}` : text)
}
