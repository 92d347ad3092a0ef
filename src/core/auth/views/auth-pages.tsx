import type { FieldErrors } from '../../errors.js'
import { Field, Form } from '../../ui/forms.js'
import { PublicLayout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'

export function LoginPage(p: { pc: PageContext; email?: string; next?: string; error?: string; errors?: FieldErrors }) {
  return (
    <PublicLayout pc={p.pc} title={p.pc.t('auth.login_title')}>
      {p.error ? (
        <div class="flash flash-error" role="alert">
          <span safe>{p.error}</span>
        </div>
      ) : (
        ''
      )}
      <Form pc={p.pc} action="/login" submit={p.pc.t('auth.login')} errors={p.errors}>
        <input type="hidden" name="next" value={p.next ?? ''} />
        <Field
          pc={p.pc}
          name="email"
          type="email"
          label={p.pc.t('auth.email')}
          value={p.email}
          required
          autocomplete="username"
          autofocus={!p.email}
          errors={p.errors}
        />
        <Field
          pc={p.pc}
          name="password"
          type="password"
          label={p.pc.t('auth.password')}
          required
          autocomplete="current-password"
          autofocus={!!p.email}
          errors={p.errors}
        />
      </Form>
      <p>
        <a href="/forgot" safe>
          {p.pc.t('auth.forgot_link')}
        </a>
      </p>
    </PublicLayout>
  )
}

export function TotpPage(p: { pc: PageContext; errors?: FieldErrors }) {
  return (
    <PublicLayout pc={p.pc} title={p.pc.t('auth.totp_title')}>
      <p safe>{p.pc.t('auth.totp_prompt')}</p>
      <Form pc={p.pc} action="/login/totp" submit={p.pc.t('auth.verify')} errors={p.errors}>
        <Field
          pc={p.pc}
          name="code"
          label={p.pc.t('auth.totp_code')}
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          autofocus
          maxlength={6}
          errors={p.errors}
        />
      </Form>
      <form method="post" action="/logout">
        <input type="hidden" name="_csrf" value={p.pc.csrf} />
        <button type="submit" class="linklike" safe>
          {p.pc.t('auth.cancel_login')}
        </button>
      </form>
    </PublicLayout>
  )
}

export function ForgotPage(p: { pc: PageContext; email?: string; sent?: boolean; errors?: FieldErrors }) {
  return (
    <PublicLayout pc={p.pc} title={p.pc.t('auth.forgot_title')}>
      {p.sent ? (
        <p class="flash flash-success" role="status" safe>
          {p.pc.t('auth.forgot_sent')}
        </p>
      ) : (
        <>
          <p safe>{p.pc.t('auth.forgot_prompt')}</p>
          <Form pc={p.pc} action="/forgot" submit={p.pc.t('auth.forgot_submit')} errors={p.errors}>
            <Field
              pc={p.pc}
              name="email"
              type="email"
              label={p.pc.t('auth.email')}
              value={p.email}
              required
              autocomplete="username"
              errors={p.errors}
            />
          </Form>
        </>
      )}
      <p>
        <a href="/login" safe>
          {p.pc.t('auth.back_to_login')}
        </a>
      </p>
    </PublicLayout>
  )
}

export function NewPasswordPage(p: {
  pc: PageContext
  title: string
  action: string
  intro?: string
  withName?: boolean
  name?: string
  errors?: FieldErrors
}) {
  return (
    <PublicLayout pc={p.pc} title={p.title}>
      {p.intro ? <p safe>{p.intro}</p> : ''}
      <Form pc={p.pc} action={p.action} submit={p.pc.t('auth.save_password')} errors={p.errors}>
        {p.withName ? (
          <Field
            pc={p.pc}
            name="name"
            label={p.pc.t('users.name')}
            value={p.name}
            required
            autocomplete="name"
            errors={p.errors}
          />
        ) : (
          ''
        )}
        <Field
          pc={p.pc}
          name="password"
          type="password"
          label={p.pc.t('auth.new_password')}
          help={p.pc.t('auth.password_rules')}
          required
          autocomplete="new-password"
          errors={p.errors}
        />
      </Form>
    </PublicLayout>
  )
}

export function SetupPage(p: {
  pc: PageContext
  action: string
  values: Record<string, string>
  errors?: FieldErrors
}) {
  return (
    <PublicLayout pc={p.pc} title={p.pc.t('setup.title')}>
      <p safe>{p.pc.t('setup.intro')}</p>
      <Form pc={p.pc} action={p.action} submit={p.pc.t('setup.submit')} errors={p.errors}>
        <Field
          pc={p.pc}
          name="company_name"
          label={p.pc.t('settings.legal_name')}
          value={p.values.company_name}
          required
          errors={p.errors}
        />
        <Field
          pc={p.pc}
          name="name"
          label={p.pc.t('users.name')}
          value={p.values.name}
          required
          autocomplete="name"
          errors={p.errors}
        />
        <Field
          pc={p.pc}
          name="email"
          type="email"
          label={p.pc.t('auth.email')}
          value={p.values.email}
          required
          autocomplete="username"
          errors={p.errors}
        />
        <Field
          pc={p.pc}
          name="password"
          type="password"
          label={p.pc.t('auth.password')}
          help={p.pc.t('auth.password_rules')}
          required
          autocomplete="new-password"
          errors={p.errors}
        />
      </Form>
    </PublicLayout>
  )
}

export function LinkInvalidPage({ pc }: { pc: PageContext }) {
  return (
    <PublicLayout pc={pc} title={pc.t('auth.link_invalid_title')}>
      <p safe>{pc.t('auth.link_invalid')}</p>
      <p>
        <a class="btn" href="/login" safe>
          {pc.t('auth.back_to_login')}
        </a>
      </p>
    </PublicLayout>
  )
}
