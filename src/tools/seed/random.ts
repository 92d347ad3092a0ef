/**
 * Seeded randomness for the synthetic data set: the same seed number gives the same company, row
 * for row. Ids are ULIDs whose time part is the record's own time (so they sort as the app's do) and
 * whose random part comes from a separate stream, so adding a table never shifts the content of another.
 */

import { seededRandom as mulberry32 } from '../../core/demo/demo-data.js'

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz'

export class Rng {
  readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T
  }
}

/** Deterministic ULIDs (lower case, like core's newId) from a seeded stream. */
export class IdSource {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed ^ 0x5eed1d5)
  }
  id(ms: number): string {
    let out = ''
    let t = Math.max(0, Math.floor(ms))
    for (let i = 0; i < 10; i++) {
      out = CROCKFORD[t % 32] + out
      t = Math.floor(t / 32)
    }
    // 16 characters of 5 bits: three 30-bit draws give 18, of which 16 are used.
    for (let w = 0; w < 3; w++) {
      let word = Math.floor(this.next() * 2 ** 30)
      for (let k = 0; k < 6 && out.length < 26; k++) {
        out += CROCKFORD[word & 31]
        word >>>= 5
      }
    }
    return out
  }
}

/**
 * Splits `total` over `n` owners with a long tail, as real companies have it: the first owner gets
 * the most (about 2% of all rows at 10,000 clients), the median a little under the mean. The shares
 * add up to `total` exactly. `curve` below 1 makes the tail longer.
 */
export function skewedCounts(total: number, n: number, curve = 0.7): number[] {
  const out = new Array<number>(n)
  let given = 0
  for (let i = 0; i < n; i++) {
    const upto = Math.round(total * ((i + 1) / n) ** curve)
    out[i] = upto - given
    given = upto
  }
  return out
}

export const DAY_MS = 86_400_000

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Milliseconds of a plain date at a time of day (UTC). */
export const at = (date: string, minutes = 9 * 60): number => Date.parse(`${date}T00:00:00Z`) + minutes * 60_000

export const iso = (ms: number): string => new Date(ms).toISOString()
