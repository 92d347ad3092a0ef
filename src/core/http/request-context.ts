import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { actorForBearer } from '../auth/api-tokens.js'
import { loadSession, SESSION_COOKIE } from '../auth/sessions.js'
import { Ctx } from '../ctx.js'
import { isLocale, type Locale } from '../i18n/messages.js'
import { readFlash } from './flash.js'
import './types.js'

export const LOCALE_COOKIE = 'kabinet_locale'

function pickLocale(req: FastifyRequest, fallback: Locale): Locale {
  if (req.actor?.locale && isLocale(req.actor.locale)) return req.actor.locale
  const cookie = req.cookies[LOCALE_COOKIE]
  if (isLocale(cookie)) return cookie
  return fromAcceptLanguage(req.headers['accept-language']) ?? fallback
}

/** The supported locale the browser likes best (`ru;q=0.9, en;q=0.1` → ru), or null. */
export function fromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null
  let best: Locale | null = null
  let bestQ = 0
  for (const part of header.split(',').slice(0, 50)) {
    const [range = '', ...params] = part.trim().split(';')
    const tag = range.trim().slice(0, 2).toLowerCase()
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    // Equal weights keep the header's order: the first listed wins.
    if (isLocale(tag) && Number.isFinite(q) && q > bestQ) {
      best = tag
      bestQ = q
    }
  }
  return best
}

/**
 * Resolves who is calling (bearer token or session cookie), the locale and the flash message, and
 * builds `req.ctx` — the only way handlers reach the database.
 */
export const requestContext = fp(async (app: FastifyInstance) => {
  const services = app.services
  const limits = { idleMinutes: services.config.sessionIdleMinutes, maxDays: services.config.sessionMaxDays }
  app.decorateRequest('actor', null)
  app.decorateRequest('session', null)
  app.decorateRequest('authKind', null)
  app.decorateRequest('locale', 'en')
  app.decorateRequest('flash', null)
  // biome-ignore lint/suspicious/noExplicitAny: replaced in onRequest before any handler runs
  app.decorateRequest('ctx', null as any)
  // biome-ignore lint/suspicious/noExplicitAny: replaced in onRequest before any handler runs
  app.decorateRequest('t', null as any)

  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/static/') || req.url === '/healthz' || req.url === '/favicon.ico') return
    // The scheme name is case-insensitive (RFC 9110); some HTTP clients send `bearer`.
    const auth = req.headers.authorization
    if (auth && /^bearer\b/i.test(auth)) {
      req.actor = await actorForBearer(services.db.kysely, auth.slice('bearer'.length).trim())
      req.authKind = req.actor ? 'bearer' : null
      if (!req.actor) req.headers['x-kabinet-bad-token'] = '1'
    } else {
      const token = req.cookies[SESSION_COOKIE]
      if (token) {
        const session = await loadSession(services.db.kysely, token, limits)
        if (session) {
          req.session = session
          req.authKind = 'session'
          // Until the second factor is given, the session is not a sign-in.
          if (!session.mfaPending) req.actor = session.actor
        }
      }
    }
    const company = await services.settings.get('company')
    req.locale = pickLocale(req, company.defaultLocale)
    req.t = services.catalog.translator(req.locale)
    req.flash = readFlash(req)
    req.ctx = Ctx.forActor(services, req.actor, { locale: req.locale, ip: req.ip, requestId: req.id })
  })
})
