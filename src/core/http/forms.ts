import type { FieldErrors } from '../errors.js'

/** A form post as plain strings (what @fastify/formbody gives), with arrays flattened to the last value. */
export type FormData = Record<string, string>

export function formData(body: unknown): FormData {
  const out: FormData = {}
  if (!body || typeof body !== 'object') return out
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v
    else if (Array.isArray(v)) out[k] = String(v[v.length - 1] ?? '')
  }
  return out
}

/** All values of a repeated field (checkbox groups). */
export function formList(body: unknown, key: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[key]
  if (typeof v === 'string') return [v]
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string')
  return []
}

/**
 * Parses an `application/x-www-form-urlencoded` body strictly: a broken percent-escape or bytes
 * that are not UTF-8 refuse the whole request (400) instead of storing mangled text. Repeated
 * fields become arrays, as checkbox groups need; the result has no prototype to pollute.
 */
export function parseUrlEncoded(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null)
  for (const pair of body.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const key = decodeFormPart(eq < 0 ? pair : pair.slice(0, eq))
    const value = eq < 0 ? '' : decodeFormPart(pair.slice(eq + 1))
    const prev = out[key]
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value]
  }
  return out
}

function decodeFormPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '))
  } catch {
    throw Object.assign(new Error('malformed form body'), { statusCode: 400, code: 'KABINET_BAD_FORM_BODY' })
  }
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Collects field errors as a form is checked. */
export class FormCheck {
  readonly errors: FieldErrors = {}

  required(data: FormData, field: string, max = 200): string {
    const value = (data[field] ?? '').trim()
    if (!value) this.errors[field] = 'form.required'
    else if (value.length > max) this.errors[field] = 'form.too_long'
    return value
  }

  optional(data: FormData, field: string, max = 2000): string {
    const value = (data[field] ?? '').trim()
    if (value.length > max) this.errors[field] = 'form.too_long'
    return value
  }

  email(data: FormData, field: string, required = true): string {
    const value = (data[field] ?? '').trim().toLowerCase()
    if (!value) {
      if (required) this.errors[field] = 'form.required'
    } else if (!EMAIL_RE.test(value) || value.length > 254) this.errors[field] = 'form.email'
    return value
  }

  oneOf<T extends string>(data: FormData, field: string, allowed: readonly T[], fallback?: T): T {
    const value = data[field] as T
    if (allowed.includes(value)) return value
    if (fallback !== undefined && !data[field]) return fallback
    this.errors[field] = 'form.invalid_choice'
    return (fallback ?? allowed[0]) as T
  }

  fail(field: string, key: string): void {
    this.errors[field] = key
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0
  }
}
