import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../errors.js'
import { setFlash } from '../http/flash.js'
import { formData } from '../http/forms.js'
import { isLocale } from '../i18n/messages.js'
import { pageContext } from '../ui/page-context.js'
import { changeOwnPassword, updateProfile } from '../users/users.service.js'
import { createOwnToken, listOwnTokens, revokeOwnToken } from './api-tokens.service.js'
import { twoFactorRoutes } from './two-factor.routes.js'
import { AccountPage, type AccountPageProps } from './views/account-page.js'
import { TokenCreatedPage } from './views/token-created-page.js'

type Extra = Omit<AccountPageProps, 'pc' | 'profile' | 'totpEnabled' | 'tokens'> & {
  profile?: AccountPageProps['profile']
}

/** The account page, with whatever one of its forms brought back (errors, typed values). */
async function renderAccount(req: FastifyRequest, reply: FastifyReply, extra: Extra = {}) {
  const actor = req.actor as NonNullable<FastifyRequest['actor']>
  const pc = await pageContext(req, reply)
  const tokens = req.ctx.can('api.tokens') ? await listOwnTokens(req.ctx) : null
  return (
    <AccountPage
      pc={pc}
      profile={extra.profile ?? { name: actor.name, locale: actor.locale ?? '' }}
      totpEnabled={actor.totpEnabled}
      tokens={tokens}
      {...extra}
    />
  )
}

/** A ValidationError's fields, anything else thrown on. */
function fieldsOf(err: unknown): Record<string, string> {
  if (err instanceof ValidationError) return err.fields
  throw err
}

/** `/account`: the signed-in user's profile, password, second factor and API tokens. */
export async function accountRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'signed-in' } }, async (req, reply) => reply.html(await renderAccount(req, reply)))

  app.post('/profile', { config: { access: 'signed-in' } }, async (req, reply) => {
    const form = formData(req.body)
    const profile = { name: form.name ?? '', locale: form.locale ?? '' }
    try {
      await updateProfile(req.ctx, profile)
    } catch (err) {
      return reply.status(422).html(await renderAccount(req, reply, { profile, profileErrors: fieldsOf(err) }))
    }
    // The message is in the language just chosen: that is the language of the next page.
    const t = req.server.services.catalog.translator(isLocale(profile.locale) ? profile.locale : req.locale)
    setFlash(reply, 'success', t('account.profile_saved'))
    return reply.redirect('/account', 303)
  })

  app.post(
    '/password',
    { config: { access: 'signed-in', rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = formData(req.body)
      const next = form.new_password ?? ''
      try {
        const missing: Record<string, string> = {}
        if (!form.current_password) missing.current_password = 'form.required'
        if (!next) missing.new_password = 'form.required'
        else if (next !== form.new_password_repeat) missing.new_password_repeat = 'account.passwords_differ'
        if (Object.keys(missing).length) throw new ValidationError(missing)
        await changeOwnPassword(req.ctx, form.current_password ?? '', next, req.session?.id)
      } catch (err) {
        return reply.status(422).html(await renderAccount(req, reply, { passwordErrors: fieldsOf(err) }))
      }
      setFlash(reply, 'success', req.t('account.password_changed'))
      return reply.redirect('/account', 303)
    },
  )

  app.post('/tokens', { config: { access: { permission: 'api.tokens' } } }, async (req, reply) => {
    const form = formData(req.body)
    const values = { token_name: form.token_name ?? '', token_days: form.token_days ?? '' }
    let created: Awaited<ReturnType<typeof createOwnToken>>
    try {
      created = await createOwnToken(req.ctx, { name: values.token_name, days: values.token_days })
    } catch (err) {
      const fields = fieldsOf(err)
      const tokenErrors = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`token_${k}`, v]))
      return reply.status(422).html(await renderAccount(req, reply, { tokenValues: values, tokenErrors }))
    }
    // The secret is on this page only: no caching, no redirect that could replay it.
    reply.header('cache-control', 'no-store')
    return reply
      .status(201)
      .html(
        <TokenCreatedPage
          pc={await pageContext(req, reply)}
          name={created.name}
          token={created.token}
          expiresAt={created.expiresAt}
          baseUrl={req.server.services.config.baseUrl}
        />,
      )
  })

  app.post('/tokens/:id/revoke', { config: { access: { permission: 'api.tokens' } } }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const { name } = await revokeOwnToken(req.ctx, id)
    setFlash(reply, 'success', req.t('account.token_revoked', { name }))
    return reply.redirect('/account', 303)
  })

  // A form that failed is shown at its post address; the language switch and a bookmark go back
  // there with GET, which lands on the page itself.
  for (const path of ['/profile', '/password', '/tokens']) {
    app.get(path, { config: { access: 'signed-in' } }, async (_req, reply) => reply.redirect('/account', 303))
  }

  await app.register(twoFactorRoutes, { prefix: '/2fa' })
}
