import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { beginTotp, confirmTotp, disableTotp } from '../auth/flows.service.js'
import { ValidationError } from '../errors.js'
import { setFlash } from '../http/flash.js'
import { formData } from '../http/forms.js'
import { pageContext } from '../ui/page-context.js'
import { twoFactorState } from './two-factor.service.js'
import { TwoFactorPage, type TwoFactorPageProps } from './views/two-factor-page.js'

async function render(req: FastifyRequest, reply: FastifyReply, extra: Omit<TwoFactorPageProps, 'pc' | 'state'> = {}) {
  const state = await twoFactorState(req.ctx)
  return <TwoFactorPage pc={await pageContext(req, reply)} state={state} {...extra} />
}

function fieldsOf(err: unknown): Record<string, string> {
  if (err instanceof ValidationError) return err.fields
  throw err
}

const LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } }

/** `/account/2fa`: enrol an authenticator app (QR code, then a first code), or turn it off with the password. */
export async function twoFactorRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'signed-in' } }, async (req, reply) => {
    // The secret is on this page while enrolling: keep it out of caches.
    reply.header('cache-control', 'no-store')
    return reply.html(await render(req, reply))
  })

  // See account.routes: a GET of a post address (language switch after a failed form) lands here.
  for (const path of ['/begin', '/confirm', '/disable']) {
    app.get(path, { config: { access: 'signed-in' } }, async (_req, reply) => reply.redirect('/account/2fa', 303))
  }

  app.post('/begin', { config: { access: 'signed-in' } }, async (req, reply) => {
    await beginTotp(req.ctx)
    return reply.redirect('/account/2fa', 303)
  })

  app.post('/confirm', { config: { access: 'signed-in', ...LIMIT } }, async (req, reply) => {
    const code = (formData(req.body).code ?? '').trim()
    try {
      if (!code) throw new ValidationError({ code: 'form.required' })
      await confirmTotp(req.ctx, code)
    } catch (err) {
      reply.header('cache-control', 'no-store')
      return reply.status(422).html(await render(req, reply, { confirmErrors: fieldsOf(err) }))
    }
    setFlash(reply, 'success', req.t('account.totp_enabled'))
    return reply.redirect('/account', 303)
  })

  app.post('/disable', { config: { access: 'signed-in', ...LIMIT } }, async (req, reply) => {
    const password = formData(req.body).password ?? ''
    try {
      if (!password) throw new ValidationError({ password: 'form.required' })
      await disableTotp(req.ctx, password)
    } catch (err) {
      return reply.status(422).html(await render(req, reply, { disableErrors: fieldsOf(err) }))
    }
    setFlash(reply, 'success', req.t('account.totp_disabled'))
    return reply.redirect('/account', 303)
  })
}
