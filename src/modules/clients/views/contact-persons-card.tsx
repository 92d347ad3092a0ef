import { Badge, Card, EmptyState } from '../../../core/ui/components.js'
import { PostButton } from '../../../core/ui/forms.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { ContactPerson } from '../clients.schema.js'
import { MailLink } from './client-bits.js'

/** The contact persons of a client; staff with clients.manage edit, remove and give portal access. */
export function ContactPersonsCard(p: {
  pc: PageContext
  clientId: string
  contacts: ContactPerson[]
  canManage: boolean
  readOnly?: boolean
}) {
  const { pc, clientId } = p
  const base = `/clients/${clientId}/contacts`
  const add = p.canManage ? (
    <a class="btn btn-small" href={`${base}/new`} safe>
      {pc.t('clients.contacts.add')}
    </a>
  ) : undefined
  return (
    <Card title={pc.t('clients.contacts.title')} actions={add}>
      {p.contacts.length === 0 ? (
        <div class="empty-state">
          <EmptyState
            title={pc.t('clients.contacts.empty')}
            hint={p.canManage ? pc.t('clients.contacts.empty_hint') : undefined}
          />
        </div>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <caption class="visually-hidden" safe>
              {pc.t('clients.contacts.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {pc.t('clients.contacts.name')}
                </th>
                <th scope="col" safe>
                  {pc.t('clients.contacts.role')}
                </th>
                <th scope="col" safe>
                  {pc.t('clients.contacts.reach')}
                </th>
                {p.canManage ? (
                  <th scope="col" safe>
                    {pc.t('clients.contacts.actions')}
                  </th>
                ) : (
                  ''
                )}
              </tr>
            </thead>
            <tbody>
              {p.contacts.map((c) => (
                <tr>
                  <td>
                    <strong safe>{c.name}</strong>
                    {c.is_primary ? (
                      <>
                        {' '}
                        <Badge tone="blue" label={pc.t('clients.contacts.primary')} />
                      </>
                    ) : (
                      ''
                    )}
                    {c.position ? (
                      <>
                        <br />
                        <span class="muted" safe>
                          {c.position}
                        </span>
                      </>
                    ) : (
                      ''
                    )}
                    {c.notes && !p.readOnly ? (
                      <>
                        <br />
                        <span class="muted pre-line" safe>
                          {c.notes}
                        </span>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td safe>{pc.t(`clients.role.${c.relationship_role}`)}</td>
                  <td>
                    <MailLink email={c.email} />
                    {[c.phone, c.mobile, c.messenger]
                      .filter((x): x is string => Boolean(x))
                      .map((x) => (
                        <>
                          <br />
                          <span safe>{x}</span>
                        </>
                      ))}
                    {c.user_id ? (
                      <>
                        <br />
                        <Badge tone="green" label={pc.t('clients.contacts.has_login')} />
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  {p.canManage ? (
                    <td>
                      <div class="row-actions">
                        <a class="btn btn-small" href={`${base}/${c.id}/edit`} safe>
                          {pc.t('clients.contacts.edit')}
                        </a>
                        {!c.user_id && c.email ? (
                          <PostButton
                            pc={pc}
                            action={`${base}/${c.id}/portal-access`}
                            label={pc.t('clients.contacts.give_access')}
                            confirm={pc.t('clients.contacts.give_access_confirm', { name: c.name, email: c.email })}
                          />
                        ) : (
                          ''
                        )}
                        <PostButton
                          pc={pc}
                          action={`${base}/${c.id}/archive`}
                          label={pc.t('clients.contacts.remove')}
                          confirm={pc.t('clients.contacts.remove_confirm', { name: c.name })}
                          danger
                        />
                      </div>
                    </td>
                  ) : (
                    ''
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}
