import { createHmac } from 'node:crypto'

/**
 * The value of `X-Kabinet-Signature`: HMAC-SHA256 over `<timestamp>.<raw body>` with the webhook
 * secret. The timestamp is signed too, so a captured request cannot be replayed later with a new one.
 */
export const signWebhook = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
