import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { startSession } from '../../core/auth/auth.routes.js'
import { ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { pageContext } from '../../core/ui/page-context.js'
import { generateSiteSecret, maskSecret, type SiteSettingsInput, saveSiteSettings } from './site-settings.service.js'
import { signInWithSiteToken } from './sso.service.js'
import { type SiteFormValues, SiteSettingsPage } from './views/site-settings-page.js'
import { SsoRefusedPage } from './views/sso-refused-page.js'
import { listDeliveries, retryDelivery, sendTestWebhook } from './webhooks.service.js'

const MANAGE = { access: { permission: 'site.manage' } } as const

/** Only same-site paths are followed after signing in. */
const sameSitePath = (next: unknown): string =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'

function fieldErrors(err: unknown): Record<string, string> {
  if (err instanceof ValidationError) return err.fields
  throw err
}

/** `/site` (settings, webhook deliveries) and `/sso` (sign-in from the website). Mounted at the root. */
export async function sitePages(app: FastifyInstance) {
  const { services } = app

  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    opts: {
      values?: SiteFormValues
      errors?: Record<string, string>
      newSecret?: { which: 'sso' | 'webhook'; secret: string }
    } = {},
  ) => {
    const settings = await services.settings.get('site')
    const lq = parseListQuery(req.query, { sortable: ['created_at', 'status'], defaultDir: 'desc' })
    const deliveries = await listDeliveries(req.ctx, lq, { status: lq.params.status })
    const values = opts.values ?? {
      ssoEnabled: settings.ssoEnabled,
      ssoAlgorithm: settings.ssoAlgorithm,
      ssoPublicKey: settings.ssoPublicKey,
      webhookUrls: settings.webhookUrls.join('\n'),
    }
    return reply
      .status(opts.errors ? 422 : 200)
      .html(
        <SiteSettingsPage
          pc={await pageContext(req, reply)}
          ssoUrl={`${services.config.baseUrl}/sso`}
          values={values}
          masked={{ sso: maskSecret(settings.ssoSecret), webhook: maskSecret(settings.webhookSecret) }}
          errors={opts.errors}
          newSecret={opts.newSecret}
          lq={lq}
          deliveries={deliveries}
        />,
      )
  }

  /** Saves one of the two forms; the other half of the settings stays as stored. */
  const save = async (req: FastifyRequest, reply: FastifyReply, part: 'sso' | 'webhooks') => {
    const form = formData(req.body)
    const current = await services.settings.get('site')
    const input: SiteSettingsInput =
      part === 'sso'
        ? {
            ssoEnabled: form.sso_enabled === '1',
            ssoAlgorithm: form.sso_algorithm ?? '',
            ssoSecret: form.sso_secret ?? '',
            ssoPublicKey: form.sso_public_key ?? '',
            webhookUrls: current.webhookUrls.join('\n'),
            webhookSecret: '',
          }
        : {
            ssoEnabled: current.ssoEnabled,
            ssoAlgorithm: current.ssoAlgorithm,
            ssoSecret: '',
            ssoPublicKey: current.ssoPublicKey,
            webhookUrls: form.webhook_urls ?? '',
            webhookSecret: form.webhook_secret ?? '',
          }
    try {
      await saveSiteSettings(req.ctx, input)
    } catch (err) {
      const { ssoEnabled, ssoAlgorithm, ssoPublicKey, webhookUrls } = input
      return page(req, reply, {
        values: { ssoEnabled, ssoAlgorithm, ssoPublicKey, webhookUrls },
        errors: fieldErrors(err),
      })
    }
    setFlash(reply, 'success', req.t('site.saved'))
    return reply.redirect('/site', 303)
  }

  app.get('/site', { config: MANAGE }, async (req, reply) => page(req, reply))
  app.post('/site/sso', { config: MANAGE }, async (req, reply) => save(req, reply, 'sso'))
  app.post('/site/webhooks', { config: MANAGE }, async (req, reply) => save(req, reply, 'webhooks'))

  app.post('/site/secret', { config: MANAGE }, async (req, reply) => {
    const which = formData(req.body).which === 'webhook' ? 'webhook' : 'sso'
    const secret = await generateSiteSecret(req.ctx, which)
    // Shown in this response only (not through a redirect), so it is never stored outside the settings.
    reply.header('cache-control', 'no-store')
    return page(req, reply, { newSecret: { which, secret } })
  })

  app.post('/site/webhooks/test', { config: MANAGE }, async (req, reply) => {
    const results = await sendTestWebhook(req.ctx)
    const failed = results.find((r) => r.outcome && !r.outcome.ok)
    const first = results[0]
    const text = failed
      ? req.t('site.test_failed', { url: failed.url, error: failed.outcome?.error ?? '' })
      : req.t('site.test_ok', { url: results.map((r) => r.url).join(', '), code: first?.outcome?.statusCode ?? '' })
    setFlash(reply, failed ? 'error' : 'success', text)
    return reply.redirect('/site', 303)
  })

  app.post('/site/deliveries/:id/retry', { config: MANAGE }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const outcome = await retryDelivery(req.ctx, id)
    if (!outcome) setFlash(reply, 'info', req.t('site.retry_busy'))
    else if (outcome.ok) setFlash(reply, 'success', req.t('site.retried_ok', { code: outcome.statusCode ?? '' }))
    else setFlash(reply, 'error', req.t('site.retried_failed', { error: outcome.error ?? '' }))
    return reply.redirect('/site', 303)
  })

  app.get(
    '/sso',
    {
      // The query string holds the token: keep the request out of the info-level access log.
      logLevel: 'warn',
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, next } = req.query as { token?: unknown; next?: unknown }
      const outcome = await signInWithSiteToken(req.ctx, typeof token === 'string' ? token : '')
      reply.header('cache-control', 'no-store')
      if (!outcome.ok) {
        const pc = await pageContext(req, reply)
        return reply.status(401).html(<SsoRefusedPage pc={pc} notActivated={outcome.reason === 'user_not_active'} />)
      }
      await startSession(req, reply, outcome.userId, outcome.needsTotp)
      const target = sameSitePath(next)
      if (outcome.needsTotp) return reply.redirect(`/login/totp?next=${encodeURIComponent(target)}`, 303)
      return reply.redirect(target, 303)
    },
  )
}
