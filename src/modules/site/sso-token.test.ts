import assert from 'node:assert/strict'
import { test } from 'node:test'
import { rsaKeyPair, SECRET, signHs256, signRs256, unsignedToken } from './site.test-kit.js'
import { parseRsaPublicKey, type SsoKey, verifySsoToken } from './sso-token.js'

const AUD = 'http://kabinet.test'
const hs: SsoKey = { algorithm: 'HS256', secret: SECRET }
const now = () => Math.floor(Date.now() / 1000)

const reason = (token: string, key: SsoKey = hs, audience = AUD) => {
  const v = verifySsoToken(token, key, { audience })
  return v.ok ? 'ok' : v.reason
}

test('a well-formed HS256 token names its user', () => {
  const v = verifySsoToken(signHs256(SECRET, { sub: 'web-42', jti: 'n1' }), hs, { audience: AUD })
  assert.ok(v.ok)
  assert.equal(v.claims.sub, 'web-42')
  assert.equal(v.claims.jti, 'n1')
})

test('the audience may carry a trailing slash or be a list', () => {
  assert.equal(reason(signHs256(SECRET, { sub: 'u', aud: `${AUD}/` })), 'ok')
  assert.equal(reason(signHs256(SECRET, { sub: 'u', aud: ['https://other.example', AUD] })), 'ok')
  assert.equal(reason(signHs256(SECRET, { sub: 'u', aud: 'https://other.example' })), 'wrong_audience')
})

test('a tampered payload, a wrong secret or no signature is refused', () => {
  const token = signHs256(SECRET, { sub: 'web-1' })
  const [h, , s] = token.split('.')
  const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'web-2', aud: AUD, iat: now(), exp: now() + 60, jti: 'x' })).toString('base64url')}.${s}`
  assert.equal(reason(forged), 'bad_signature')
  assert.equal(reason(signHs256(`${SECRET}x`, { sub: 'web-1' })), 'bad_signature')
  assert.equal(reason(`${h}.${token.split('.')[1]}.`), 'bad_signature')
})

test('alg none is refused, whatever the configured algorithm', () => {
  assert.equal(reason(unsignedToken({ sub: 'web-1' })), 'wrong_algorithm')
  const { publicKey } = rsaKeyPair()
  const rs: SsoKey = { algorithm: 'RS256', publicKey: parseRsaPublicKey(publicKey)! }
  assert.equal(reason(unsignedToken({ sub: 'web-1' }), rs), 'wrong_algorithm')
})

test('RS256: the site’s signature verifies; an HS256 token keyed with the public key does not', () => {
  const { publicKey, privateKey } = rsaKeyPair()
  const rs: SsoKey = { algorithm: 'RS256', publicKey: parseRsaPublicKey(publicKey)! }
  assert.equal(reason(signRs256(privateKey, { sub: 'web-1' }), rs), 'ok')
  // The key-confusion attack: the public key is no secret, so an HMAC made with it proves nothing.
  assert.equal(reason(signHs256(publicKey, { sub: 'web-1' }), rs), 'wrong_algorithm')
  const other = rsaKeyPair()
  assert.equal(reason(signRs256(other.privateKey, { sub: 'web-1' }), rs), 'bad_signature')
})

test('lifetime, expiry and issue time are checked', () => {
  const t = now()
  assert.equal(reason(signHs256(SECRET, { sub: 'u', iat: t - 500, exp: t - 100 })), 'lifetime_too_long')
  assert.equal(reason(signHs256(SECRET, { sub: 'u', iat: t - 200, exp: t - 1 })), 'expired')
  assert.equal(reason(signHs256(SECRET, { sub: 'u', iat: t, exp: t + 301 })), 'lifetime_too_long')
  assert.equal(reason(signHs256(SECRET, { sub: 'u', iat: t + 20, exp: t + 200 })), 'ok')
  assert.equal(reason(signHs256(SECRET, { sub: 'u', iat: t + 60, exp: t + 200 })), 'issued_in_future')
  assert.equal(reason(signHs256(SECRET, { sub: 'u', extra: { nbf: t + 120 } })), 'not_yet_valid')
})

test('sub, jti, iat, exp and aud are required; unknown critical headers and garbage are refused', () => {
  assert.equal(reason(signHs256(SECRET, { sub: '' })), 'missing_claim')
  assert.equal(reason(signHs256(SECRET, { sub: 'u', jti: '' })), 'missing_claim')
  assert.equal(reason(signHs256(SECRET, { sub: 'u', extra: { exp: 'soon' } })), 'missing_claim')
  assert.equal(reason(signHs256(SECRET, { sub: 'u', header: { crit: ['b64'] } })), 'malformed')
  assert.equal(reason('not.a.jwt'), 'malformed')
  assert.equal(reason(''), 'malformed')
  assert.equal(reason('a'.repeat(10_000)), 'malformed')
})

test('only RSA public keys of 2048 bits or more are accepted', () => {
  assert.ok(parseRsaPublicKey(rsaKeyPair().publicKey))
  assert.equal(parseRsaPublicKey(rsaKeyPair(1024).publicKey), null)
  assert.equal(parseRsaPublicKey('-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----'), null)
})
