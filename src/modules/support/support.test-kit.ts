import { toActor } from '../../core/auth/sessions.js'
import { Ctx } from '../../core/ctx.js'
import type { User } from '../../core/db/core-tables.js'
import type { Locale } from '../../core/i18n/messages.js'
import type { Services } from '../../core/services.js'
import { DEFAULTS, type SupportSettings } from '../../core/settings/settings-store.js'

/** A service ctx acting as `user`, as a request of theirs would have. */
export const ctxOf = (services: Services, user: User, locale: Locale = 'en') =>
  Ctx.forActor(services, toActor(user), { locale })

/** Stores support settings (default: the clock runs around the clock, so due times are plain additions). */
export async function setSupportSettings(services: Services, changes: Partial<SupportSettings> = {}) {
  await services.settings.put(
    services.db.kysely,
    'support',
    { ...DEFAULTS.support, calendar: 'calendar', ...changes },
    null,
  )
}

/** The e-mails queued so far, oldest first. */
export const outbox = (services: Services) =>
  services.db.kysely
    .selectFrom('outbox')
    .select(['recipient', 'user_id', 'subject', 'body_text'])
    .orderBy('created_at')
    .orderBy('id')
    .execute()

/** A multipart/form-data body with text fields and files. */
export function multipartBody(
  fields: Record<string, string>,
  files: { field: string; name: string; type: string; data: Buffer }[],
) {
  const boundary = `----kabinet${Date.now()}${Math.random().toString(36).slice(2)}`
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
)
