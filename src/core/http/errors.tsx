import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { DomainError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../errors.js'
import { ErrorPage } from '../ui/error-page.js'
import { pageContext } from '../ui/page-context.js'
import { setFlash } from './flash.js'
import { wantsJson } from './wants-json.js'

interface Mapped {
  status: number
  code: string
  messageKey: string
  params?: Record<string, string | number>
  fields?: Record<string, string>
}

const FASTIFY_CODES: Record<string, Omit<Mapped, 'status'>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', messageKey: 'error.payload_too_large' },
  FST_REQ_FILE_TOO_LARGE: { code: 'payload_too_large', messageKey: 'error.payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', messageKey: 'error.unsupported_media_type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', messageKey: 'error.bad_request' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'bad_request', messageKey: 'error.bad_json' },
  FST_CSRF_INVALID_TOKEN: { code: 'csrf_invalid', messageKey: 'error.csrf' },
  FST_CSRF_MISSING_SECRET: { code: 'csrf_invalid', messageKey: 'error.csrf' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'unsupported_media_type', messageKey: 'error.unsupported_media_type' },
  KABINET_BAD_FORM_BODY: { code: 'bad_request', messageKey: 'error.bad_request' },
}

function mapError(err: FastifyError | Error): Mapped {
  if (err instanceof ValidationError)
    return { status: 422, code: err.code, messageKey: err.messageKey, fields: err.fields }
  if (err instanceof NotFoundError) return { status: 404, code: err.code, messageKey: err.messageKey }
  if (err instanceof ForbiddenError) return { status: 403, code: err.code, messageKey: err.messageKey }
  if (err instanceof UnauthenticatedError) return { status: 401, code: err.code, messageKey: err.messageKey }
  if (err instanceof DomainError) return { status: 409, code: err.code, messageKey: err.messageKey, params: err.params }
  const fe = err as FastifyError
  if (fe.validation) {
    const fields: Record<string, string> = {}
    for (const v of fe.validation) {
      const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.')
      const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty
      fields[missing ? (path ? `${path}.${missing}` : missing) : path || fe.validationContext || 'body'] =
        v.message ?? 'invalid'
    }
    return { status: 400, code: 'validation_failed', messageKey: 'error.validation', fields }
  }
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined
  if (known) return { status: fe.statusCode ?? 400, ...known }
  // @fastify/rate-limit throws a plain error with status 429 and no code of its own.
  if (fe.statusCode === 429) return { status: 429, code: 'rate_limited', messageKey: 'error.title.429' }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, code: 'bad_request', messageKey: 'error.bad_request' }
  }
  return { status: 500, code: 'internal', messageKey: 'error.internal' }
}

/**
 * The page a form was posted from, as a local path, when the Referer names this site. A malformed
 * or foreign Referer (or a path like `//evil.example` that a browser would read as another host)
 * gives null, and the error page is shown instead.
 */
function sameSiteReferer(req: FastifyRequest): string | null {
  const referer = req.headers.referer
  if (!referer) return null
  let url: URL
  try {
    url = new URL(referer)
  } catch {
    return null
  }
  const ours = new URL(req.server.services.config.baseUrl).hostname
  if (url.hostname !== req.hostname && url.hostname !== ours) return null
  const path = url.pathname + url.search
  return path.startsWith('/') && !path.startsWith('//') && !/[\\\p{Cc}]/u.test(path) ? path : null
}

async function renderError(req: FastifyRequest, reply: FastifyReply, m: Mapped) {
  if (!req.t) req.t = req.server.services.catalog.translator('en')
  const message = req.t(m.messageKey, m.params)
  if (wantsJson(req) || !req.ctx) {
    const error: Record<string, unknown> = { code: m.code, message }
    if (m.fields) error.fields = m.fields
    if (m.status === 500) error.requestId = req.id
    return reply.status(m.status).type('application/json; charset=utf-8').send({ error })
  }
  if (m.status === 401) {
    const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : ''
    return reply.redirect(`/login${next}`, 303)
  }
  // A refused rule on a form post goes back to the page with the reason on top.
  const back = m.status === 409 && req.method === 'POST' ? sameSiteReferer(req) : null
  if (back) {
    setFlash(reply, 'error', message)
    return reply.redirect(back, 303)
  }
  const pc = await pageContext(req, reply)
  return reply
    .status(m.status)
    .type('text/html; charset=utf-8')
    .send(await ErrorPage({ pc, status: m.status, message, requestId: m.status === 500 ? req.id : undefined }))
}

/** Maps every error once: JSON `{error:{code,message}}` under /api, a page elsewhere. */
export const errorHandling = fp(async (app: FastifyInstance) => {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const m = mapError(err)
    if (m.status >= 500) req.log.error({ err }, 'request failed')
    else req.log.info({ code: m.code, status: m.status }, 'request refused')
    return renderError(req, reply, m)
  })
  app.setNotFoundHandler(async (req, reply) =>
    renderError(req, reply, { status: 404, code: 'not_found', messageKey: 'error.not_found' }),
  )
})
