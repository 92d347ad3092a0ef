import type { FieldErrors } from '../../errors.js'
import { formatDateTime } from '../../i18n/format.js'
import { Card, Details } from '../../ui/components.js'
import { CheckboxField, Field, Form, PostButton, SelectField } from '../../ui/forms.js'
import { Layout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'
import { LOCALE_CHOICES, STAFF_ROLES } from '../users.constants.js'
import type { UserView } from '../users.service.js'
import { AreasField, LastLogin, roleOptions, StatusBadge, TotpBadge } from './user-bits.js'

export interface UserDetailProps {
  pc: PageContext
  user: UserView
  clientName: string | null
  /** What the edit form shows: the saved values, or what was typed when it failed. */
  values: Record<string, string>
  errors?: FieldErrors
}

export function UserFacts({ pc, user, clientName }: Pick<UserDetailProps, 'pc' | 'user' | 'clientName'>) {
  return (
    <Details
      rows={[
        [pc.t('users.email'), <span safe>{user.email}</span>],
        [pc.t('users.role'), <span safe>{pc.t(`role.${user.role}`)}</span>],
        ...(user.role === 'client' && clientName !== null
          ? ([[pc.t('users.client'), <span safe>{clientName}</span>]] as [string, JSX.Element][])
          : []),
        [pc.t('users.status'), <StatusBadge pc={pc} status={user.status} />],
        [pc.t('users.totp'), <TotpBadge pc={pc} on={user.totp_enabled === 1} />],
        [pc.t('users.last_login'), <LastLogin pc={pc} at={user.last_login_at} />],
        [pc.t('users.created'), <span safe>{formatDateTime(pc.locale, user.created_at, pc.timeZone)}</span>],
      ]}
    />
  )
}

function EditForm({ pc, user, values, errors }: UserDetailProps) {
  const self = user.id === pc.actor?.id
  return (
    <Form pc={pc} action={`/users/${encodeURIComponent(user.id)}`} submit={pc.t('form.save')} errors={errors}>
      <Field
        pc={pc}
        name="name"
        label={pc.t('users.name')}
        value={values.name}
        required
        maxlength={200}
        errors={errors}
      />
      {user.role !== 'client' && !self ? (
        <SelectField
          pc={pc}
          name="role"
          label={pc.t('users.role')}
          value={values.role}
          options={roleOptions(pc, STAFF_ROLES)}
          help={pc.t('users.role_change_help')}
          required
          errors={errors}
        />
      ) : (
        ''
      )}
      {user.role === 'client' ? (
        <>
          <CheckboxField
            name="is_client_admin"
            label={pc.t('users.client_admin')}
            help={pc.t('users.client_admin_help')}
            checked={values.is_client_admin === '1'}
          />
          <AreasField pc={pc} selected={values.areas ?? ''} />
        </>
      ) : (
        <CheckboxField
          name="all_clients"
          label={pc.t('users.all_clients')}
          help={pc.t('users.all_clients_help')}
          checked={values.all_clients === '1'}
        />
      )}
      <SelectField
        pc={pc}
        name="locale"
        label={pc.t('users.locale')}
        value={values.locale}
        options={[...LOCALE_CHOICES]}
        emptyLabel={pc.t('users.locale_default')}
        errors={errors}
      />
    </Form>
  )
}

function Actions({ pc, user }: Pick<UserDetailProps, 'pc' | 'user'>) {
  const base = `/users/${encodeURIComponent(user.id)}`
  const self = user.id === pc.actor?.id
  const buttons: JSX.Element[] = []
  if (user.status === 'invited') {
    buttons.push(
      <PostButton
        pc={pc}
        action={`${base}/resend-invite`}
        label={pc.t('users.resend_invite')}
        confirm={pc.t('users.confirm_resend', { email: user.email })}
      />,
    )
  }
  if (user.totp_enabled === 1) {
    buttons.push(
      <PostButton
        pc={pc}
        action={`${base}/reset-2fa`}
        label={pc.t('users.reset_totp')}
        confirm={pc.t('users.confirm_reset_totp', { name: user.name })}
        danger
      />,
    )
  }
  if (!self && user.status === 'disabled') {
    buttons.push(
      <PostButton
        pc={pc}
        action={`${base}/enable`}
        label={pc.t('users.enable')}
        confirm={pc.t('users.confirm_enable', { name: user.name })}
      />,
    )
  } else if (!self) {
    buttons.push(
      <PostButton
        pc={pc}
        action={`${base}/disable`}
        label={pc.t('users.disable')}
        confirm={pc.t('users.confirm_disable', { name: user.name })}
        danger
      />,
    )
  }
  if (buttons.length === 0) return ''
  return (
    <Card title={pc.t('users.actions')}>
      <div class="page-actions">{buttons}</div>
    </Card>
  )
}

/** One user for staff with users.manage: the facts, the edit form, and the account actions. */
export function UserDetailPage(p: UserDetailProps) {
  const { pc, user } = p
  return (
    <Layout
      pc={pc}
      title={user.name}
      crumbs={[{ label: pc.t('users.title'), href: '/users' }, { label: user.name }]}
      width="narrow"
    >
      <Card title={pc.t('users.details')}>
        <UserFacts pc={pc} user={user} clientName={p.clientName} />
      </Card>
      <Card title={pc.t('users.edit')}>
        <EditForm {...p} />
      </Card>
      <Actions pc={pc} user={user} />
    </Layout>
  )
}
