import { createHash } from 'node:crypto'

/** Tokens are stored only as their SHA-256: a database leak gives no usable session or link. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex')
