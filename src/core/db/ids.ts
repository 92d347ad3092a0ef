import { randomBytes } from 'node:crypto'

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz'
let lastTime = 0
let lastRandom: Uint8Array = new Uint8Array(10)

/**
 * A ULID in lower case: 48 bits of milliseconds then 80 random bits, monotonic within one
 * millisecond, so ids sort by creation time and say nothing guessable.
 */
export function newId(now = Date.now()): string {
  let random: Uint8Array
  if (now === lastTime) {
    random = lastRandom.slice()
    for (let i = random.length - 1; i >= 0; i--) {
      random[i] = ((random[i] as number) + 1) & 0xff
      if (random[i] !== 0) break
    }
  } else {
    random = new Uint8Array(randomBytes(10))
  }
  lastTime = now
  lastRandom = random
  let out = ''
  let t = now
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32] + out
    t = Math.floor(t / 32)
  }
  let bits = 0
  let acc = 0
  for (const byte of random) {
    acc = (acc << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += CROCKFORD[(acc >> bits) & 31]
    }
    acc &= (1 << bits) - 1
  }
  return out
}

export const isId = (value: string): boolean => /^[0-9a-hjkmnp-tv-z]{26}$/.test(value)

/** A URL-safe random secret for tokens shown once. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url')

export const nowIso = (): string => new Date().toISOString()
