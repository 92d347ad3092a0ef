import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'

const totpFor = (secret: string, label = 'user', issuer = 'Kabinet') =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) })

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32

/** Accepts the current code and one step either side (clock drift). */
export function verifyTotp(secret: string, code: string, at = Date.now()): boolean {
  const clean = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(clean)) return false
  return totpFor(secret).validate({ token: clean, window: 1, timestamp: at }) !== null
}

export const currentTotp = (secret: string, at = Date.now()): string => totpFor(secret).generate({ timestamp: at })

export const totpUri = (secret: string, label: string, issuer: string): string =>
  totpFor(secret, label, issuer).toString()

/** The provisioning URI as an inline SVG QR code (no external service, no script). */
export const totpQrSvg = (uri: string): Promise<string> =>
  QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
