import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Ctx } from '../ctx.js'
import { DomainError, ValidationError } from '../errors.js'
import { setFlash } from '../http/flash.js'
import { formData } from '../http/forms.js'
import { LOCALE_COOKIE } from '../http/request-context.js'
import { isLocale } from '../i18n/messages.js'
import { pageContext } from '../ui/page-context.js'
import { acceptInvite, completeSetup, requestPasswordReset, resetPassword } from './flows.service.js'
import { checkPassword, lockedFor, recordFailedLogin, recordSignIn } from './login.service.js'
import { peekOneTimeToken } from './one-time-tokens.js'
import { completeMfa, createSession, destroySession, SESSION_COOKIE, toActor } from './sessions.js'
import { verifyTotp } from './totp.js'
import { ForgotPage, LinkInvalidPage, LoginPage, NewPasswordPage, SetupPage, TotpPage } from './views/auth-pages.js'

/**
 * Only same-site paths are followed after login. Browsers drop tabs and newlines inside a URL and
 * read a backslash as a slash, so `/\t/evil.example` would become `//evil.example`: refuse both.
 */
const safeNext = (next: string | undefined): string =>
  next?.startsWith('/') && !next.startsWith('//') && !/[\\\p{Cc}]/u.test(next) ? next : '/'

const LOGIN_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } }

export function sessionCookieOptions(req: FastifyRequest) {
  const { config } = req.server.services
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.baseUrl.startsWith('https://'),
    maxAge: config.sessionMaxDays * 86400,
  }
}

/** Starts a session for `userId` and sets its cookie; with `mfaPending` the second factor is still owed. */
export async function startSession(req: FastifyRequest, reply: FastifyReply, userId: string, mfaPending: boolean) {
  const { services } = req.server
  const token = await createSession(
    services.db.kysely,
    userId,
    { idleMinutes: services.config.sessionIdleMinutes, maxDays: services.config.sessionMaxDays },
    { mfaPending, ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
  )
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(req))
}

function fieldErrors(err: unknown): Record<string, string> {
  if (err instanceof ValidationError) return err.fields
  throw err
}

export async function authRoutes(app: FastifyInstance) {
  const { services } = app

  app.get('/login', { config: { access: 'public' } }, async (req, reply) => {
    if (req.actor) return reply.redirect('/', 303)
    const next = (req.query as { next?: string }).next
    return reply.html(<LoginPage pc={await pageContext(req, reply)} next={next} />)
  })

  app.post('/login', { config: { access: 'public', ...LOGIN_LIMIT } }, async (req, reply) => {
    const form = formData(req.body)
    const email = (form.email ?? '').trim()
    const next = safeNext(form.next)
    const errors: Record<string, string> = {}
    if (!email) errors.email = 'form.required'
    if (!form.password) errors.password = 'form.required'
    if (Object.keys(errors).length) {
      return reply
        .status(422)
        .html(<LoginPage pc={await pageContext(req, reply)} email={email} next={next} errors={errors} />)
    }
    const result = await checkPassword(services.db.kysely, email, form.password ?? '')
    if (!result.ok) {
      const message =
        result.reason === 'locked' ? req.t('auth.locked', { minutes: result.minutes }) : req.t('auth.invalid_login')
      req.log.info({ email, reason: result.reason }, 'login refused')
      return reply
        .status(result.reason === 'locked' ? 429 : 401)
        .html(<LoginPage pc={await pageContext(req, reply)} email={email} next={next} error={message} />)
    }
    await startSession(req, reply, result.user.id, result.needsTotp)
    if (result.needsTotp) return reply.redirect(`/login/totp?next=${encodeURIComponent(next)}`, 303)
    await Ctx.forActor(services, toActor(result.user), { locale: req.locale, ip: req.ip, requestId: req.id }).audit(
      'user.signed_in',
      { entity: 'user', entityId: result.user.id, clientId: result.user.client_id },
    )
    return reply.redirect(next, 303)
  })

  app.get('/login/totp', { config: { access: 'mfa-pending' } }, async (req, reply) =>
    reply.html(<TotpPage pc={await pageContext(req, reply)} />),
  )

  app.post('/login/totp', { config: { access: 'mfa-pending', ...LOGIN_LIMIT } }, async (req, reply) => {
    const session = req.session
    if (!session) return reply.redirect('/login', 303)
    const db = services.db.kysely
    const code = formData(req.body).code ?? ''
    const row = await db
      .selectFrom('users')
      .select(['totp_secret', 'client_id', 'locked_until'])
      .where('id', '=', session.actor.id)
      .executeTakeFirstOrThrow()
    // Wrong codes count like wrong passwords, so the six digits cannot be guessed at leisure.
    let locked = lockedFor(row.locked_until)
    if (!locked && !(row.totp_secret && verifyTotp(row.totp_secret, code))) {
      locked = await recordFailedLogin(db, session.actor.id)
      if (!locked) {
        return reply
          .status(422)
          .html(<TotpPage pc={await pageContext(req, reply)} errors={{ code: 'auth.totp_wrong' }} />)
      }
    }
    if (locked) {
      await destroySession(db, session.id)
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      req.session = null
      const message = req.t('auth.locked', { minutes: locked })
      return reply.status(429).html(<LoginPage pc={await pageContext(req, reply)} error={message} />)
    }
    await recordSignIn(db, session.actor.id)
    await completeMfa(db, session.id)
    await Ctx.forActor(services, session.actor, { locale: req.locale, ip: req.ip, requestId: req.id }).audit(
      'user.signed_in',
      { entity: 'user', entityId: session.actor.id, clientId: row.client_id, after: { second_factor: 'totp' } },
    )
    return reply.redirect(safeNext((req.query as { next?: string }).next), 303)
  })

  app.post('/logout', { config: { access: 'public' } }, async (req, reply) => {
    if (req.session) await destroySession(services.db.kysely, req.session.id)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    setFlash(reply, 'info', req.t('auth.logged_out'))
    return reply.redirect('/login', 303)
  })

  app.post('/locale', { config: { access: 'public' } }, async (req, reply) => {
    const form = formData(req.body)
    const locale = form.locale
    if (isLocale(locale)) {
      reply.setCookie(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86400, httpOnly: true })
      if (req.actor) {
        await services.db.kysely.updateTable('users').set({ locale }).where('id', '=', req.actor.id).execute()
      }
    }
    return reply.redirect(safeNext(form.back), 303)
  })

  app.get('/forgot', { config: { access: 'public' } }, async (req, reply) =>
    reply.html(<ForgotPage pc={await pageContext(req, reply)} />),
  )

  app.post('/forgot', { config: { access: 'public', ...LOGIN_LIMIT } }, async (req, reply) => {
    const email = (formData(req.body).email ?? '').trim()
    if (!email) {
      return reply
        .status(422)
        .html(<ForgotPage pc={await pageContext(req, reply)} errors={{ email: 'form.required' }} />)
    }
    await requestPasswordReset(services, email, req.locale)
    return reply.html(<ForgotPage pc={await pageContext(req, reply)} sent />)
  })

  const tokenPage = (
    kind: 'reset' | 'invite',
    render: (
      req: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      name?: string,
    ) => Promise<string>,
    act: (req: FastifyRequest, token: string, form: Record<string, string>) => Promise<void>,
  ) => {
    const path = kind === 'reset' ? '/reset/:token' : '/invite/:token'
    app.get(path, { config: { access: 'public' } }, async (req, reply) => {
      const { token } = req.params as { token: string }
      if (!(await peekOneTimeToken(services.db.kysely, kind, token))) {
        return reply.status(410).html(<LinkInvalidPage pc={await pageContext(req, reply)} />)
      }
      return reply.html(await render(req, reply))
    })
    app.post(path, { config: { access: 'public', ...LOGIN_LIMIT } }, async (req, reply) => {
      const { token } = req.params as { token: string }
      const form = formData(req.body)
      try {
        await act(req, token, form)
      } catch (err) {
        if (err instanceof DomainError && err.code === 'auth.link_invalid') {
          return reply.status(410).html(<LinkInvalidPage pc={await pageContext(req, reply)} />)
        }
        return reply.status(422).html(await render(req, reply, fieldErrors(err), form.name))
      }
      setFlash(reply, 'success', req.t(kind === 'reset' ? 'auth.password_saved' : 'auth.invite_accepted'))
      return reply.redirect('/login', 303)
    })
  }

  tokenPage(
    'reset',
    async (req, reply, errors) => (
      <NewPasswordPage
        pc={await pageContext(req, reply)}
        title={req.t('auth.reset_title')}
        action={req.url}
        errors={errors}
      />
    ),
    (_req, token, form) => resetPassword(services, token, form.password ?? ''),
  )

  tokenPage(
    'invite',
    async (req, reply, errors, name) => (
      <NewPasswordPage
        pc={await pageContext(req, reply)}
        title={req.t('auth.invite_title')}
        intro={req.t('auth.invite_intro')}
        action={req.url}
        withName
        name={name}
        errors={errors}
      />
    ),
    async (_req, token, form) => {
      await acceptInvite(services, token, { name: form.name ?? '', password: form.password ?? '' })
    },
  )

  app.get('/setup/:token', { config: { access: 'public' } }, async (req, reply) => {
    const { token } = req.params as { token: string }
    const any = await services.db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst()
    if (any || !(await peekOneTimeToken(services.db.kysely, 'setup', token))) {
      return reply.status(410).html(<LinkInvalidPage pc={await pageContext(req, reply)} />)
    }
    return reply.html(<SetupPage pc={await pageContext(req, reply)} action={req.url} values={{}} />)
  })

  app.post('/setup/:token', { config: { access: 'public', ...LOGIN_LIMIT } }, async (req, reply) => {
    const { token } = req.params as { token: string }
    const form = formData(req.body)
    try {
      const { userId } = await completeSetup(services, token, {
        name: form.name ?? '',
        email: form.email ?? '',
        password: form.password ?? '',
        companyName: form.company_name ?? '',
      })
      await startSession(req, reply, userId, false)
      setFlash(reply, 'success', req.t('setup.done'))
      return reply.redirect('/settings', 303)
    } catch (err) {
      if (err instanceof DomainError && err.code === 'auth.setup_used') {
        return reply.status(410).html(<LinkInvalidPage pc={await pageContext(req, reply)} />)
      }
      const { password: _omit, ...values } = form
      return reply
        .status(422)
        .html(
          <SetupPage pc={await pageContext(req, reply)} action={req.url} values={values} errors={fieldErrors(err)} />,
        )
    }
  })
}
