import type { FieldErrors } from '../../errors.js'
import { Card } from '../../ui/components.js'
import { CheckboxField, Field, Form, SelectField } from '../../ui/forms.js'
import { Layout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'
import { LOCALE_CHOICES, ROLES } from '../users.constants.js'
import { AreasField, roleOptions } from './user-bits.js'

export interface NewUserPageProps {
  pc: PageContext
  values: Record<string, string>
  clients: { id: string; name: string }[]
  errors?: FieldErrors
}

function AccessChoice({ pc, values, errors }: Omit<NewUserPageProps, 'clients'>) {
  const access = values.access === 'password' ? 'password' : 'invite'
  const radio = (value: 'invite' | 'password', label: string, help: string) => (
    <div class="field field-check">
      <input type="radio" id={`f-access-${value}`} name="access" value={value} checked={access === value} />
      <label for={`f-access-${value}`} safe>
        {label}
      </label>
      <p class="help" safe>
        {help}
      </p>
    </div>
  )
  return (
    <fieldset>
      <legend safe>{pc.t('users.access')}</legend>
      {radio('invite', pc.t('users.send_invite'), pc.t('users.send_invite_help'))}
      {radio('password', pc.t('users.set_password'), pc.t('users.set_password_help'))}
      <Field
        pc={pc}
        name="password"
        type="password"
        label={pc.t('users.initial_password')}
        help={pc.t('auth.password_rules')}
        autocomplete="new-password"
        errors={errors}
      />
    </fieldset>
  )
}

/** Creating a user: staff or a client's user, invited by e-mail or given a first password. */
export function NewUserPage({ pc, values, clients, errors }: NewUserPageProps) {
  return (
    <Layout
      pc={pc}
      title={pc.t('users.new')}
      crumbs={[{ label: pc.t('users.title'), href: '/users' }, { label: pc.t('users.new') }]}
      width="narrow"
    >
      <Card>
        <Form pc={pc} action="/users" submit={pc.t('users.create')} errors={errors} cancelHref="/users">
          <Field
            pc={pc}
            name="email"
            type="email"
            label={pc.t('users.email')}
            value={values.email}
            required
            autocomplete="off"
            maxlength={254}
            errors={errors}
          />
          <Field
            pc={pc}
            name="name"
            label={pc.t('users.name')}
            value={values.name}
            required
            autocomplete="off"
            maxlength={200}
            errors={errors}
          />
          <SelectField
            pc={pc}
            name="role"
            label={pc.t('users.role')}
            value={values.role || 'client'}
            options={roleOptions(pc, ROLES)}
            required
            errors={errors}
          />
          <SelectField
            pc={pc}
            name="client_id"
            label={pc.t('users.client')}
            value={values.client_id}
            options={clients.map((c) => ({ value: c.id, label: c.name }))}
            emptyLabel={pc.t('users.choose_client')}
            help={pc.t('users.client_help')}
            errors={errors}
          />
          <CheckboxField
            name="is_client_admin"
            label={pc.t('users.client_admin')}
            help={pc.t('users.client_admin_help')}
            checked={values.is_client_admin === '1'}
          />
          <AreasField pc={pc} selected={values.areas ?? ''} />
          <CheckboxField
            name="all_clients"
            label={pc.t('users.all_clients')}
            help={pc.t('users.all_clients_help')}
            checked={values.all_clients === '1'}
          />
          <SelectField
            pc={pc}
            name="locale"
            label={pc.t('users.locale')}
            value={values.locale}
            options={[...LOCALE_CHOICES]}
            emptyLabel={pc.t('users.locale_default')}
            errors={errors}
          />
          <AccessChoice pc={pc} values={values} errors={errors} />
        </Form>
      </Card>
    </Layout>
  )
}
