import { createHmac, createPublicKey, type KeyObject, timingSafeEqual, verify } from 'node:crypto'

export const SSO_ALGORITHMS = ['HS256', 'RS256'] as const
export type SsoAlgorithm = (typeof SSO_ALGORITHMS)[number]

/** Longest lifetime (exp − iat) a sign-in token may declare. */
export const MAX_LIFETIME_SECONDS = 300
/** How far the website's clock may run ahead of ours. */
export const CLOCK_SKEW_SECONDS = 30
const MAX_TOKEN_LENGTH = 8192
const MAX_CLAIM_LENGTH = 200

export type SsoKey = { algorithm: 'HS256'; secret: string } | { algorithm: 'RS256'; publicKey: KeyObject }

export type SsoRefusal =
  | 'malformed'
  | 'wrong_algorithm'
  | 'bad_signature'
  | 'missing_claim'
  | 'expired'
  | 'lifetime_too_long'
  | 'issued_in_future'
  | 'not_yet_valid'
  | 'wrong_audience'

export interface SsoClaims {
  sub: string
  jti: string
  iat: number
  exp: number
}

export type SsoVerdict = { ok: true; claims: SsoClaims } | { ok: false; reason: SsoRefusal; alg?: string }

const B64URL = /^[A-Za-z0-9_-]*$/

function decodeJson(part: string): Record<string, unknown> | null {
  if (!B64URL.test(part)) return null
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * Reads an RSA public key in PEM; null when it is not one or is shorter than 2048 bits (a short
 * RSA key can be factored and every sign-in forged).
 */
export function parseRsaPublicKey(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem.trim())
    if (key.asymmetricKeyType !== 'rsa') return null
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) return null
    return key
  } catch {
    return null
  }
}

function signatureValid(key: SsoKey, signingInput: string, signature: Buffer): boolean {
  if (key.algorithm === 'HS256') {
    const expected = createHmac('sha256', key.secret).update(signingInput).digest()
    return expected.length === signature.length && timingSafeEqual(expected, signature)
  }
  return verify('sha256', Buffer.from(signingInput), key.publicKey, signature)
}

const normaliseAudience = (url: string) => url.replace(/\/+$/, '')

/**
 * Verifies a compact JWT sign-in token. The algorithm is ours, never the token's: a header naming
 * another one (`none`, or HS256 against an RSA key whose public half is no secret) is refused
 * before any signature is computed. Then the claims: a short lifetime, not issued in the future,
 * meant for this Kabinet (`aud`), naming a user (`sub`) and carrying a one-time id (`jti`).
 */
export function verifySsoToken(token: string, key: SsoKey, opts: { audience: string; now?: number }): SsoVerdict {
  if (!token || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' }
  const parts = token.split('.')
  if (parts.length !== 3) return { ok: false, reason: 'malformed' }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string]
  const header = decodeJson(headerPart)
  if (!header) return { ok: false, reason: 'malformed' }
  const alg = typeof header.alg === 'string' ? header.alg.slice(0, 20) : undefined
  if (alg !== key.algorithm) return { ok: false, reason: 'wrong_algorithm', alg }
  // A critical extension we do not implement must not be silently ignored (RFC 7515 §4.1.11).
  if (header.crit !== undefined) return { ok: false, reason: 'malformed', alg }
  if (!signaturePart || !B64URL.test(signaturePart)) return { ok: false, reason: 'bad_signature', alg }
  if (!signatureValid(key, `${headerPart}.${payloadPart}`, Buffer.from(signaturePart, 'base64url'))) {
    return { ok: false, reason: 'bad_signature', alg }
  }
  const claims = decodeJson(payloadPart)
  if (!claims) return { ok: false, reason: 'malformed', alg }
  const { sub, jti, iat, exp, nbf, aud } = claims
  const text = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= MAX_CLAIM_LENGTH
  const time = (v: unknown) => typeof v === 'number' && Number.isFinite(v)
  if (!text(sub) || !text(jti) || !time(iat) || !time(exp) || aud === undefined) {
    return { ok: false, reason: 'missing_claim', alg }
  }
  const now = (opts.now ?? Date.now()) / 1000
  const issued = iat as number
  const expires = exp as number
  if (expires - issued > MAX_LIFETIME_SECONDS) return { ok: false, reason: 'lifetime_too_long', alg }
  if (issued > now + CLOCK_SKEW_SECONDS) return { ok: false, reason: 'issued_in_future', alg }
  if (now >= expires) return { ok: false, reason: 'expired', alg }
  if (nbf !== undefined && (!time(nbf) || (nbf as number) > now + CLOCK_SKEW_SECONDS)) {
    return { ok: false, reason: 'not_yet_valid', alg }
  }
  const audiences = (Array.isArray(aud) ? aud : [aud]).filter((a): a is string => typeof a === 'string')
  const ours = normaliseAudience(opts.audience)
  if (!audiences.some((a) => normaliseAudience(a) === ours)) return { ok: false, reason: 'wrong_audience', alg }
  return { ok: true, claims: { sub: sub as string, jti: jti as string, iat: issued, exp: expires } }
}
