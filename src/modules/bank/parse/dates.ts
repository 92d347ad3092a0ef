// Plain calendar dates (YYYY-MM-DD); no time zones anywhere (formats.md §0.6 point 9).

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return DAYS[month - 1] as number
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1000 && year <= 9999) || month < 1 || month > 12 || day < 1) return null
  if (day > daysInMonth(year, month)) return null
  return `${year}-${pad2(month)}-${pad2(day)}`
}

const DMY_RE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/
// statements repeat the same few dates thousands of times
const dmyCache = new Map<string, string | null>()

/** `dd.mm.yyyy` (1C) → ISO; null when not a real date. */
export function fromDMY(raw: string): string | null {
  const hit = dmyCache.get(raw)
  if (hit !== undefined) return hit
  const m = DMY_RE.exec(raw.trim())
  const iso = m ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : null
  if (dmyCache.size > 4096) dmyCache.clear()
  dmyCache.set(raw, iso)
  return iso
}

/** First 10 characters of an xs:date / xs:dateTime (offset and time ignored on purpose). */
export function fromXsDate(raw: string): string | null {
  const s = raw.trim()
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s)
  if (!m) return null
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** MT940 YYMMDD, century 20YY below the pivot 80. `clamp` turns 30/360 dates like 30 Feb into
 *  the month's last day (reported through `clamped`). */
export function fromYYMMDD(raw: string): { date: string; clamped: boolean } | null {
  if (!/^\d{6}$/.test(raw)) return null
  const yy = Number(raw.slice(0, 2))
  const year = yy < 80 ? 2000 + yy : 1900 + yy
  const month = Number(raw.slice(2, 4))
  const day = Number(raw.slice(4, 6))
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  const last = daysInMonth(year, month)
  if (day > last) return { date: isoDate(year, month, last) as string, clamped: true }
  return { date: isoDate(year, month, day) as string, clamped: false }
}

/** Parses a date by a simple pattern (`YYYY-MM-DD`, `DD.MM.YYYY`, `MM/DD/YYYY`, `YYYY.MM.DD.`,
 *  `DD/MM/YY`…): tokens YYYY, YY, MM, M, DD, D; every other character must match literally. */
export function fromPattern(raw: string, pattern: string): string | null {
  const s = raw.trim()
  let year = -1
  let month = -1
  let day = -1
  let i = 0
  let p = 0
  const readNum = (min: number, max: number): number | null => {
    let j = i
    while (j < s.length && j - i < max && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++
    if (j - i < min) return null
    const v = Number(s.slice(i, j))
    i = j
    return v
  }
  while (p < pattern.length) {
    const rest = pattern.slice(p)
    let v: number | null
    if (rest.startsWith('YYYY')) {
      v = readNum(4, 4)
      if (v == null) return null
      year = v
      p += 4
    } else if (rest.startsWith('YY')) {
      v = readNum(2, 2)
      if (v == null) return null
      year = v < 80 ? 2000 + v : 1900 + v
      p += 2
    } else if (rest.startsWith('MM') || rest.startsWith('DD')) {
      v = readNum(2, 2)
      if (v == null) return null
      if (rest[0] === 'M') month = v
      else day = v
      p += 2
    } else if (rest[0] === 'M' || rest[0] === 'D') {
      v = readNum(1, 2)
      if (v == null) return null
      if (rest[0] === 'M') month = v
      else day = v
      p += 1
    } else {
      if (s[i] !== pattern[p]) return null
      i++
      p++
    }
  }
  if (i !== s.length) return null
  return isoDate(year, month, day)
}
