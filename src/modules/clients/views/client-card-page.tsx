import type { FieldErrors } from '../../../core/errors.js'
import { dateInZone, formatDate } from '../../../core/i18n/format.js'
import type { TimelineEvent } from '../../../core/module.js'
import { Card, Details } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { ClientWithManager, ManagerHistoryEntry, ManagerOption } from '../clients.queries.js'
import type { BankAccount, ContactPerson } from '../clients.schema.js'
import { BankAccountList, MailLink, MultiLine, StatusBadge, TagList, WebLink } from './client-bits.js'
import { ClientUsersCard, type ClientUserView } from './client-users-card.js'
import { ContactPersonsCard } from './contact-persons-card.js'
import { ManagerCard } from './manager-card.js'
import { TimelineCard } from './timeline-card.js'

export interface ClientCardProps {
  pc: PageContext
  client: ClientWithManager
  bankAccounts: BankAccount[]
  tags: string[]
  contacts: ContactPerson[]
  users: ClientUserView[]
  history: ManagerHistoryEntry[]
  timeline: { items: TimelineEvent[]; older: string | null; paged: boolean }
  canManage: boolean
  /** Managers to reassign to; null unless the viewer may reassign (head). */
  managers: ManagerOption[] | null
  reassignErrors?: FieldErrors
  reassignValues?: { managerId: string; comment: string }
}

const dash = (v: string | null | undefined) => v || '—'

/** The client card: details, contact persons, portal users and their rights, manager and history, timeline. */
export function ClientCardPage(p: ClientCardProps) {
  const { pc, client } = p
  const title = client.short_name || client.name
  const regions = new Intl.DisplayNames([pc.locale], { type: 'region' })
  const country = client.country ? `${regions.of(client.country) ?? client.country} (${client.country})` : '—'
  const actions = p.canManage ? (
    <a class="btn btn-primary" href={`/clients/${client.id}/edit`} safe>
      {pc.t('clients.edit')}
    </a>
  ) : undefined
  return (
    <Layout
      pc={pc}
      title={title}
      crumbs={[{ label: pc.t('clients.title'), href: '/clients' }, { label: title }]}
      actions={actions}
      width="wide"
    >
      <p class="card-summary">
        <StatusBadge pc={pc} status={client.status} />{' '}
        <span class="muted" safe>
          {pc.t(`clients.kind.${client.kind}`)}
        </span>
        {client.client_group ? (
          <>
            {' · '}
            <span safe>{client.client_group}</span>
          </>
        ) : (
          ''
        )}
        {p.tags.length ? (
          <>
            {' · '}
            <TagList tags={p.tags} />
          </>
        ) : (
          ''
        )}
      </p>
      <div class="grid-2">
        <Card title={pc.t('clients.section.identity')}>
          <Details
            rows={[
              [pc.t('clients.field.name'), <span safe>{client.name}</span>],
              [pc.t('clients.field.short_name'), <span safe>{dash(client.short_name)}</span>],
              [pc.t('clients.field.country'), <span safe>{country}</span>],
              [
                pc.t('clients.field.tax_id'),
                <span safe>
                  {client.kpp ? `${client.tax_id} / ${pc.t('clients.field.kpp')} ${client.kpp}` : dash(client.tax_id)}
                </span>,
              ],
              [pc.t('clients.field.registration_number'), <span safe>{dash(client.registration_number)}</span>],
              [pc.t('clients.field.legal_address'), <MultiLine text={dash(client.legal_address)} />],
              [pc.t('clients.field.postal_address'), <MultiLine text={dash(client.postal_address)} />],
              [
                pc.t('clients.field.created_at'),
                <span safe>{formatDate(pc.locale, dateInZone(client.created_at, pc.timeZone))}</span>,
              ],
            ]}
          />
        </Card>
        <Card title={pc.t('clients.section.contact')}>
          <Details
            rows={[
              [pc.t('clients.field.phone'), <span safe>{dash(client.phone)}</span>],
              [pc.t('clients.field.email'), client.email ? <MailLink email={client.email} /> : '—'],
              [pc.t('clients.field.website'), client.website ? <WebLink url={client.website} /> : '—'],
              [pc.t('clients.field.manager'), <span safe>{client.manager_name ?? pc.t('clients.no_manager')}</span>],
            ]}
          />
          <h3 safe>{pc.t('clients.field.bank_accounts')}</h3>
          <BankAccountList pc={pc} accounts={p.bankAccounts} />
          {client.notes ? (
            <>
              <h3 safe>{pc.t('clients.field.notes')}</h3>
              <p>
                <MultiLine text={client.notes} />
              </p>
            </>
          ) : (
            ''
          )}
        </Card>
      </div>
      <ContactPersonsCard pc={pc} clientId={client.id} contacts={p.contacts} canManage={p.canManage} />
      <ClientUsersCard
        pc={pc}
        clientId={client.id}
        users={p.users}
        canManage={p.canManage}
        supportVisibility={client.support_visibility}
      />
      <div class="grid-2">
        <ManagerCard
          pc={pc}
          clientId={client.id}
          managerId={client.manager_id}
          managerName={client.manager_name}
          history={p.history}
          managers={p.managers}
          errors={p.reassignErrors}
          values={p.reassignValues}
        />
        <TimelineCard
          pc={pc}
          clientId={client.id}
          items={p.timeline.items}
          older={p.timeline.older}
          paged={p.timeline.paged}
        />
      </div>
    </Layout>
  )
}
