import type { FieldErrors } from '../../../core/errors.js'
import { Card, Details } from '../../../core/ui/components.js'
import { Field, Form, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { SUPPORT_VISIBILITIES } from '../clients.constants.js'
import type { ClientWithManager } from '../clients.queries.js'
import type { BankAccount, ContactPerson } from '../clients.schema.js'
import { BankAccountList, MailLink, MultiLine, WebLink } from './client-bits.js'
import { ContactPersonsCard } from './contact-persons-card.js'

export interface CompanyPageProps {
  pc: PageContext
  client: ClientWithManager
  bankAccounts: BankAccount[]
  contacts: ContactPerson[]
  /** The client admin may update the contact details and the support setting. */
  isAdmin: boolean
  canSeeColleagues: boolean
  contactValues?: { phone: string; email: string; postalAddress: string }
  contactErrors?: FieldErrors
}

const dash = (v: string | null | undefined) => v || '—'

/** "My company" for client users: the company card as the provider keeps it, contact details editable by the client admin. */
export function CompanyPage(p: CompanyPageProps) {
  const { pc, client } = p
  const values = p.contactValues ?? {
    phone: client.phone ?? '',
    email: client.email ?? '',
    postalAddress: client.postal_address ?? '',
  }
  const colleagues = p.canSeeColleagues ? (
    <a class="btn" href="/company/users" safe>
      {pc.t('clients.company.colleagues')}
    </a>
  ) : undefined
  return (
    <Layout pc={pc} title={pc.t('clients.company.title')} actions={colleagues}>
      <Card title={client.name}>
        <Details
          rows={[
            [pc.t('clients.field.short_name'), <span safe>{dash(client.short_name)}</span>],
            [
              pc.t('clients.field.tax_id'),
              <span safe>
                {client.kpp ? `${client.tax_id} / ${pc.t('clients.field.kpp')} ${client.kpp}` : dash(client.tax_id)}
              </span>,
            ],
            [pc.t('clients.field.registration_number'), <span safe>{dash(client.registration_number)}</span>],
            [pc.t('clients.field.legal_address'), <MultiLine text={dash(client.legal_address)} />],
            [pc.t('clients.field.postal_address'), <MultiLine text={dash(client.postal_address)} />],
            [pc.t('clients.field.phone'), <span safe>{dash(client.phone)}</span>],
            [pc.t('clients.field.email'), client.email ? <MailLink email={client.email} /> : '—'],
            [pc.t('clients.field.website'), client.website ? <WebLink url={client.website} /> : '—'],
            [
              pc.t('clients.company.your_manager'),
              client.manager_name ? (
                <>
                  <span safe>{client.manager_name}</span>
                  {client.manager_email ? (
                    <>
                      <br />
                      <MailLink email={client.manager_email} />
                    </>
                  ) : (
                    ''
                  )}
                </>
              ) : (
                '—'
              ),
            ],
          ]}
        />
        <h3 safe>{pc.t('clients.field.bank_accounts')}</h3>
        <BankAccountList pc={pc} accounts={p.bankAccounts} />
        <p class="help" safe>
          {pc.t(p.isAdmin ? 'clients.company.legal_by_manager' : 'clients.company.read_only')}
        </p>
      </Card>
      {p.isAdmin ? (
        <div class="grid-2">
          <Card title={pc.t('clients.company.contact_details')}>
            <Form pc={pc} action="/company" submit={pc.t('form.save')} errors={p.contactErrors}>
              <Field
                pc={pc}
                name="phone"
                type="tel"
                label={pc.t('clients.field.phone')}
                value={values.phone}
                maxlength={40}
                errors={p.contactErrors}
              />
              <Field
                pc={pc}
                name="email"
                type="email"
                label={pc.t('clients.field.email')}
                value={values.email}
                maxlength={254}
                errors={p.contactErrors}
              />
              <TextArea
                pc={pc}
                name="postal_address"
                label={pc.t('clients.field.postal_address')}
                value={values.postalAddress}
                rows={3}
                maxlength={500}
                errors={p.contactErrors}
              />
            </Form>
          </Card>
          <Card title={pc.t('clients.support_visibility')}>
            <Form pc={pc} action="/company/support-visibility" submit={pc.t('form.save')}>
              <SelectField
                pc={pc}
                name="support_visibility"
                label={pc.t('clients.support_visibility')}
                help={pc.t('clients.support_visibility_help_client')}
                value={client.support_visibility}
                options={SUPPORT_VISIBILITIES.map((v) => ({
                  value: v,
                  label: pc.t(`clients.support_visibility.${v}`),
                }))}
              />
            </Form>
          </Card>
        </div>
      ) : (
        ''
      )}
      <ContactPersonsCard pc={pc} clientId={client.id} contacts={p.contacts} canManage={false} readOnly />
    </Layout>
  )
}
