// Money strictly per formats.md §0.3: decimal strings → integer minor units, never floats.

const EXPONENT_0 = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
])
const EXPONENT_3 = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'])

/** ISO 4217 minor-unit exponent; HUF keeps 2 as ISO says (fillér no longer circulates). */
export function currencyExponent(currency: string): number {
  if (EXPONENT_0.has(currency)) return 0
  if (EXPONENT_3.has(currency)) return 3
  return 2
}

const ALIASES: Record<string, string> = {
  руб: 'RUB',
  'руб.': 'RUB',
  RUR: 'RUB',
  '643': 'RUB',
  РУБ: 'RUB',
  'РУБ.': 'RUB',
}

/** Normalizes a currency as written (`руб`, `RUR`, `643` → `RUB`); null when empty. */
export function normalizeCurrency(raw: string | null | undefined): string | null {
  if (raw == null) return null
  const t = raw.trim()
  if (!t) return null
  const alias = ALIASES[t] ?? ALIASES[t.toLowerCase()]
  if (alias) return alias
  return t.toUpperCase()
}

/**
 * Parses an unsigned decimal amount into minor units. `sep` is the only accepted decimal
 * separator; thousands separators are rejected. More fraction digits than the exponent are
 * accepted only when the extra digits are zeros (`18.150`). Returns null when invalid.
 * Accepts `700`, `3000,` and `,50` forms.
 */
export function parseMinor(raw: string, exponent: number, sep: '.' | ',' = '.'): number | null {
  const s = raw.trim()
  const n = s.length
  if (n === 0) return null
  const sepCode = sep.charCodeAt(0)
  let intPart = 0
  let i = 0
  let digits = 0
  for (; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      intPart = intPart * 10 + (c - 48)
      digits++
    } else break
  }
  let frac = 0
  let fracDigits = 0
  if (i < n) {
    if (s.charCodeAt(i) !== sepCode) return null
    i++
    for (; i < n; i++) {
      const c = s.charCodeAt(i)
      if (c < 48 || c > 57) return null
      const d = c - 48
      if (fracDigits < exponent) frac = frac * 10 + d
      else if (d !== 0) return null
      fracDigits++
      digits++
    }
  }
  if (digits === 0) return null
  for (let k = Math.min(fracDigits, exponent); k < exponent; k++) frac *= 10
  const result = intPart * 10 ** exponent + frac
  return Number.isSafeInteger(result) ? result : null
}

/** Signed variant (leading `-` or `+`), used for balances and CSV amounts. */
export function parseSignedMinor(raw: string, exponent: number, sep: '.' | ',' = '.'): number | null {
  const s = raw.trim()
  if (s.startsWith('-')) {
    const v = parseMinor(s.slice(1), exponent, sep)
    return v == null ? null : v === 0 ? 0 : -v
  }
  if (s.startsWith('+')) return parseMinor(s.slice(1), exponent, sep)
  return parseMinor(s, exponent, sep)
}
