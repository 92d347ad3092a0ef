import type { FieldErrors } from '../../errors.js'
import { formatDateTime } from '../../i18n/format.js'
import { Badge, Card, Details } from '../../ui/components.js'
import { Field, Form, PostButton, SelectField } from '../../ui/forms.js'
import { Layout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'
import { LOCALE_CHOICES } from '../../users/users.constants.js'
import type { OwnToken } from '../api-tokens.service.js'

export interface AccountPageProps {
  pc: PageContext
  profile: { name: string; locale: string }
  totpEnabled: boolean
  /** Null when the user may not hold API tokens. */
  tokens: OwnToken[] | null
  tokenValues?: { token_name?: string; token_days?: string }
  profileErrors?: FieldErrors
  passwordErrors?: FieldErrors
  tokenErrors?: FieldErrors
}

function ProfileCard(p: AccountPageProps) {
  const { pc } = p
  const role = pc.actor ? pc.t(`role.${pc.actor.role}`) : ''
  return (
    <Card title={pc.t('account.profile')}>
      {/* The facts and the form share the form's spacing: one column, one rhythm. */}
      <div class="form">
        <Details
          rows={[
            [
              pc.t('users.email'),
              <>
                <span safe>{pc.actor?.email ?? ''}</span>
                <p class="help" safe>
                  {pc.t('account.email_help')}
                </p>
              </>,
            ],
            [pc.t('users.role'), <span safe>{role}</span>],
          ]}
        />
        <Form pc={pc} action="/account/profile" submit={pc.t('form.save')} errors={p.profileErrors}>
          <Field
            pc={pc}
            name="name"
            label={pc.t('users.name')}
            value={p.profile.name}
            required
            autocomplete="name"
            maxlength={200}
            errors={p.profileErrors}
          />
          <SelectField
            pc={pc}
            name="locale"
            label={pc.t('users.locale')}
            value={p.profile.locale}
            options={[...LOCALE_CHOICES]}
            emptyLabel={pc.t('users.locale_default')}
            errors={p.profileErrors}
          />
        </Form>
      </div>
    </Card>
  )
}

function PasswordCard(p: AccountPageProps) {
  const { pc } = p
  return (
    <Card title={pc.t('account.password')}>
      <p class="muted" safe>
        {pc.t('account.password_intro')}
      </p>
      <Form pc={pc} action="/account/password" submit={pc.t('account.change_password')} errors={p.passwordErrors}>
        <Field
          pc={pc}
          name="current_password"
          type="password"
          label={pc.t('account.current_password')}
          required
          autocomplete="current-password"
          errors={p.passwordErrors}
        />
        <Field
          pc={pc}
          name="new_password"
          type="password"
          label={pc.t('auth.new_password')}
          help={pc.t('auth.password_rules')}
          required
          autocomplete="new-password"
          errors={p.passwordErrors}
        />
        <Field
          pc={pc}
          name="new_password_repeat"
          type="password"
          label={pc.t('account.repeat_password')}
          required
          autocomplete="new-password"
          errors={p.passwordErrors}
        />
      </Form>
    </Card>
  )
}

function TwoFactorCard({ pc, totpEnabled }: { pc: PageContext; totpEnabled: boolean }) {
  return (
    <Card
      title={pc.t('account.totp')}
      actions={
        <Badge
          tone={totpEnabled ? 'green' : 'neutral'}
          label={pc.t(totpEnabled ? 'account.totp_on' : 'account.totp_off')}
        />
      }
    >
      <p safe>{pc.t(totpEnabled ? 'account.totp_on_text' : 'account.totp_off_text')}</p>
      <a class="btn" href="/account/2fa" safe>
        {pc.t(totpEnabled ? 'account.totp_manage' : 'account.totp_set_up')}
      </a>
    </Card>
  )
}

function TokenRow({ pc, token }: { pc: PageContext; token: OwnToken }) {
  const expired = token.expires_at !== null && token.expires_at <= new Date().toISOString()
  return (
    <tr>
      <td safe>{token.name}</td>
      <td>
        <code safe>{`${token.prefix}…`}</code>
      </td>
      <td safe>{formatDateTime(pc.locale, token.created_at, pc.timeZone)}</td>
      <td safe>
        {token.last_used_at ? formatDateTime(pc.locale, token.last_used_at, pc.timeZone) : pc.t('account.never')}
      </td>
      <td>
        {expired ? (
          <Badge tone="grey" label={pc.t('account.token_expired')} />
        ) : (
          <span safe>
            {token.expires_at
              ? formatDateTime(pc.locale, token.expires_at, pc.timeZone)
              : pc.t('account.token_no_expiry')}
          </span>
        )}
      </td>
      <td class="num">
        <PostButton
          pc={pc}
          action={`/account/tokens/${encodeURIComponent(token.id)}/revoke`}
          label={pc.t('account.token_revoke')}
          confirm={pc.t('account.token_revoke_confirm', { name: token.name })}
          danger
        />
      </td>
    </tr>
  )
}

function NotificationsCard({ pc }: { pc: PageContext }) {
  return (
    <Card title={pc.t('notifications.title')}>
      <p>
        <a class="btn" href="/account/notifications" safe>
          {pc.t('notifications.link')}
        </a>
      </p>
    </Card>
  )
}

function TokensCard(p: AccountPageProps & { tokens: OwnToken[] }) {
  const { pc } = p
  return (
    <Card title={pc.t('account.tokens')}>
      <p class="muted" safe>
        {pc.t('account.tokens_intro')}
      </p>
      {p.tokens.length === 0 ? (
        <p class="empty-hint" safe>
          {pc.t('account.tokens_empty')}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <caption class="visually-hidden" safe>
              {pc.t('account.tokens')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {pc.t('account.token_name')}
                </th>
                <th scope="col" safe>
                  {pc.t('account.token_prefix')}
                </th>
                <th scope="col" safe>
                  {pc.t('account.token_created')}
                </th>
                <th scope="col" safe>
                  {pc.t('account.token_last_used')}
                </th>
                <th scope="col" safe>
                  {pc.t('account.token_expires')}
                </th>
                <th scope="col">
                  <span class="visually-hidden" safe>
                    {pc.t('users.actions')}
                  </span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.tokens.map((token) => (
                <TokenRow pc={pc} token={token} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 safe>{pc.t('account.token_new')}</h3>
      <Form pc={pc} action="/account/tokens" submit={pc.t('account.token_create')} errors={p.tokenErrors}>
        <Field
          pc={pc}
          name="token_name"
          label={pc.t('account.token_name')}
          value={p.tokenValues?.token_name}
          help={pc.t('account.token_name_help')}
          required
          maxlength={100}
          errors={p.tokenErrors}
        />
        <Field
          pc={pc}
          name="token_days"
          label={pc.t('account.token_days')}
          value={p.tokenValues?.token_days}
          help={pc.t('account.token_days_help')}
          inputmode="numeric"
          errors={p.tokenErrors}
        />
      </Form>
    </Card>
  )
}

/** The signed-in user's own page: profile, password, second factor, API tokens. */
export function AccountPage(p: AccountPageProps) {
  const { pc } = p
  return (
    <Layout pc={pc} title={pc.t('account.title')}>
      <ProfileCard {...p} />
      <PasswordCard {...p} />
      <TwoFactorCard pc={pc} totpEnabled={p.totpEnabled} />
      <NotificationsCard pc={pc} />
      {p.tokens ? <TokensCard {...p} tokens={p.tokens} /> : ''}
    </Layout>
  )
}
