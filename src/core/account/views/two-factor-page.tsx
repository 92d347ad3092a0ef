import type { FieldErrors } from '../../errors.js'
import { Badge, Card } from '../../ui/components.js'
import { Field, Form, PostButton } from '../../ui/forms.js'
import { Layout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'
import type { TwoFactorState } from '../two-factor.service.js'

export interface TwoFactorPageProps {
  pc: PageContext
  state: TwoFactorState
  confirmErrors?: FieldErrors
  disableErrors?: FieldErrors
}

function Enrolment({
  pc,
  pending,
  errors,
}: {
  pc: PageContext
  pending: { secret: string; qrSvg: string }
  errors?: FieldErrors
}) {
  // The SVG comes from the qrcode library, drawn from our own otpauth URI: trusted output, not user text.
  const safeQrSvg = pending.qrSvg
  return (
    <Card title={pc.t('account.totp_enrol')}>
      <ol>
        <li safe>{pc.t('account.totp_step_app')}</li>
        <li safe>{pc.t('account.totp_step_scan')}</li>
        <li safe>{pc.t('account.totp_step_code')}</li>
      </ol>
      <div class="qr" role="img" aria-label={pc.t('account.totp_qr_label')}>
        {safeQrSvg}
      </div>
      <p class="muted" safe>
        {pc.t('account.totp_manual')}
      </p>
      <p class="secret" id="totp-secret" safe>
        {pending.secret}
      </p>
      <Form pc={pc} action="/account/2fa/confirm" submit={pc.t('account.totp_confirm')} errors={errors}>
        <Field
          pc={pc}
          name="code"
          label={pc.t('auth.totp_code')}
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength={6}
          required
          autofocus
          errors={errors}
        />
      </Form>
      <PostButton pc={pc} action="/account/2fa/begin" label={pc.t('account.totp_restart')} />
    </Card>
  )
}

function Enabled({ pc, required, errors }: { pc: PageContext; required: boolean; errors?: FieldErrors }) {
  return (
    <Card title={pc.t('account.totp')} actions={<Badge tone="green" label={pc.t('account.totp_on')} />}>
      <p safe>{pc.t('account.totp_on_text')}</p>
      {required ? (
        <p class="muted" safe>
          {pc.t('auth.totp_required')}
        </p>
      ) : (
        <>
          <h3 safe>{pc.t('account.totp_disable')}</h3>
          <p class="muted" safe>
            {pc.t('account.totp_disable_intro')}
          </p>
          <Form pc={pc} action="/account/2fa/disable" submit={pc.t('account.totp_disable')} errors={errors}>
            <Field
              pc={pc}
              name="password"
              type="password"
              label={pc.t('auth.password')}
              required
              autocomplete="current-password"
              errors={errors}
            />
          </Form>
        </>
      )}
    </Card>
  )
}

function NotStarted({ pc }: { pc: PageContext }) {
  return (
    <Card title={pc.t('account.totp')} actions={<Badge tone="neutral" label={pc.t('account.totp_off')} />}>
      <p safe>{pc.t('account.totp_off_text')}</p>
      <p class="muted" safe>
        {pc.t('account.totp_start_intro')}
      </p>
      <PostButton pc={pc} action="/account/2fa/begin" label={pc.t('account.totp_set_up')} />
    </Card>
  )
}

/** Two-step verification: turn it on with an authenticator app, or off again with the password. */
export function TwoFactorPage({ pc, state, confirmErrors, disableErrors }: TwoFactorPageProps) {
  const forced = state.required && !state.enabled
  return (
    <Layout
      pc={pc}
      title={pc.t('account.totp')}
      crumbs={
        forced ? undefined : [{ label: pc.t('account.title'), href: '/account' }, { label: pc.t('account.totp') }]
      }
      width="narrow"
    >
      {forced ? (
        <div class="flash flash-info" role="status">
          <span safe>{pc.t('account.totp_forced')}</span>
        </div>
      ) : (
        ''
      )}
      {state.enabled ? (
        <Enabled pc={pc} required={state.required} errors={disableErrors} />
      ) : state.pending ? (
        <Enrolment pc={pc} pending={state.pending} errors={confirmErrors} />
      ) : (
        <NotStarted pc={pc} />
      )}
    </Layout>
  )
}
