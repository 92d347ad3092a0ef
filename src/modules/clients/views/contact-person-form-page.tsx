import type { FieldErrors } from '../../../core/errors.js'
import { CheckboxField, Field, Form, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { RELATIONSHIP_ROLES } from '../clients.constants.js'

export interface ContactPersonFormValues {
  name: string
  position: string
  email: string
  phone: string
  mobile: string
  messenger: string
  relationshipRole: string
  isPrimary: boolean
  notes: string
}

/** Add or edit one contact person of a client. */
export function ContactPersonFormPage(p: {
  pc: PageContext
  clientId: string
  clientName: string
  contactId: string | null
  input: ContactPersonFormValues
  errors?: FieldErrors
}) {
  const { pc, input, errors } = p
  const title = p.contactId ? pc.t('clients.contacts.edit_title', { name: input.name }) : pc.t('clients.contacts.add')
  const back = `/clients/${p.clientId}`
  const action = p.contactId ? `/clients/${p.clientId}/contacts/${p.contactId}` : `/clients/${p.clientId}/contacts`
  return (
    <Layout
      pc={pc}
      title={title}
      crumbs={[
        { label: pc.t('clients.title'), href: '/clients' },
        { label: p.clientName, href: back },
        { label: title },
      ]}
      width="narrow"
    >
      <Form pc={pc} action={action} submit={pc.t('form.save')} errors={errors} cancelHref={back}>
        <Field
          pc={pc}
          name="name"
          label={pc.t('clients.contacts.name')}
          value={input.name}
          required
          maxlength={200}
          errors={errors}
        />
        <div class="grid-2">
          <Field
            pc={pc}
            name="position"
            label={pc.t('clients.contacts.position')}
            value={input.position}
            maxlength={120}
            errors={errors}
          />
          <SelectField
            pc={pc}
            name="relationship_role"
            label={pc.t('clients.contacts.role')}
            value={input.relationshipRole}
            options={RELATIONSHIP_ROLES.map((r) => ({ value: r, label: pc.t(`clients.role.${r}`) }))}
            required
            errors={errors}
          />
          <Field
            pc={pc}
            name="email"
            type="email"
            label={pc.t('clients.contacts.email')}
            help={pc.t('clients.contacts.email_help')}
            value={input.email}
            maxlength={254}
            errors={errors}
          />
          <Field
            pc={pc}
            name="phone"
            type="tel"
            label={pc.t('clients.contacts.phone')}
            value={input.phone}
            maxlength={40}
            errors={errors}
          />
          <Field
            pc={pc}
            name="mobile"
            type="tel"
            label={pc.t('clients.contacts.mobile')}
            value={input.mobile}
            maxlength={40}
            errors={errors}
          />
          <Field
            pc={pc}
            name="messenger"
            label={pc.t('clients.contacts.messenger')}
            help={pc.t('clients.contacts.messenger_help')}
            value={input.messenger}
            maxlength={200}
            errors={errors}
          />
        </div>
        <CheckboxField
          name="is_primary"
          label={pc.t('clients.contacts.is_primary')}
          help={pc.t('clients.contacts.is_primary_help')}
          checked={input.isPrimary}
        />
        <TextArea
          pc={pc}
          name="notes"
          label={pc.t('clients.field.notes')}
          value={input.notes}
          rows={3}
          maxlength={2000}
          errors={errors}
        />
      </Form>
    </Layout>
  )
}
