import { createHmac, createSign, generateKeyPairSync, randomUUID } from 'node:crypto'

/** Test helpers: sign sign-in tokens the way a website would (see docs/site-sync.md). */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

export interface TokenOptions {
  sub: string
  aud?: string | string[]
  iat?: number
  exp?: number
  jti?: string
  header?: Record<string, unknown>
  extra?: Record<string, unknown>
}

function parts(opts: TokenOptions, alg: string) {
  const iat = opts.iat ?? Math.floor(Date.now() / 1000)
  const header = b64({ alg, typ: 'JWT', ...opts.header })
  const payload = b64({
    sub: opts.sub,
    aud: opts.aud ?? 'http://kabinet.test',
    iat,
    exp: opts.exp ?? iat + 120,
    jti: opts.jti ?? randomUUID(),
    ...opts.extra,
  })
  return `${header}.${payload}`
}

export function signHs256(secret: string | Buffer, opts: TokenOptions): string {
  const input = parts(opts, 'HS256')
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}

export function signRs256(privateKeyPem: string, opts: TokenOptions): string {
  const input = parts(opts, 'RS256')
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKeyPem, 'base64url')}`
}

/** An unsigned token (`alg: none`), the classic forgery. */
export const unsignedToken = (opts: TokenOptions): string => `${parts(opts, 'none')}.`

export function rsaKeyPair(bits = 2048) {
  return generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
}

export const SECRET = 'a-shared-secret-of-at-least-32-characters!'
