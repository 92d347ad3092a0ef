import { formatDateTime } from '../../../core/i18n/format.js'
import { Badge, Card, EmptyState } from '../../../core/ui/components.js'
import { Csrf, SelectField } from '../../../core/ui/forms.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { CLIENT_AREAS, SUPPORT_VISIBILITIES } from '../clients.constants.js'

export interface ClientUserView {
  id: string
  name: string
  email: string
  status: string
  areas: string[]
  isClientAdmin: boolean
  lastLoginAt: string | null
}

const STATUS_TONE: Record<string, 'green' | 'blue' | 'grey'> = { active: 'green', invited: 'blue', disabled: 'grey' }

/**
 * The client's portal users with their areas and client-admin flag. Each row is one form (the
 * inputs point at it with `form=`), so a manager changes one colleague's rights at a time.
 */
export function ClientUsersCard(p: {
  pc: PageContext
  clientId: string
  users: ClientUserView[]
  canManage: boolean
  supportVisibility: string
}) {
  const { pc, clientId } = p
  return (
    <Card title={pc.t('clients.users.title')}>
      <p class="help" safe>
        {pc.t('clients.users.help')}
      </p>
      {p.users.length === 0 ? (
        <div class="empty-state">
          <EmptyState
            title={pc.t('clients.users.empty')}
            hint={p.canManage ? pc.t('clients.users.empty_hint') : undefined}
          />
        </div>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <caption class="visually-hidden" safe>
              {pc.t('clients.users.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {pc.t('clients.users.user')}
                </th>
                {CLIENT_AREAS.map((a) => (
                  <th scope="col" safe>
                    {pc.t(`clients.area.${a}`)}
                  </th>
                ))}
                <th scope="col" safe>
                  {pc.t('clients.users.client_admin')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.users.map((u) => {
                const formId = `rights-${u.id}`
                const box = (name: string, value: string, checked: boolean, label: string) =>
                  p.canManage ? (
                    <input
                      type="checkbox"
                      form={formId}
                      name={name}
                      value={value}
                      checked={checked}
                      aria-label={`${label}: ${u.name}`}
                    />
                  ) : checked ? (
                    <span safe>{pc.t('form.yes')}</span>
                  ) : (
                    <span class="muted">—</span>
                  )
                return (
                  <tr>
                    <td>
                      <strong safe>{u.name}</strong>{' '}
                      <Badge tone={STATUS_TONE[u.status] ?? 'neutral'} label={pc.t(`status.${u.status}`)} />
                      <br />
                      <span class="muted" safe>
                        {u.email}
                      </span>
                      {p.canManage ? (
                        <>
                          <br />
                          <button type="submit" form={formId} class="btn btn-small" safe>
                            {pc.t('clients.users.save_rights')}
                          </button>
                        </>
                      ) : (
                        ''
                      )}
                      {u.lastLoginAt ? (
                        <>
                          <br />
                          <span class="muted" safe>
                            {pc.t('clients.users.last_login', {
                              at: formatDateTime(pc.locale, u.lastLoginAt, pc.timeZone),
                            })}
                          </span>
                        </>
                      ) : (
                        ''
                      )}
                    </td>
                    {CLIENT_AREAS.map((a) => (
                      <td>{box('areas', a, u.areas.includes(a), pc.t(`clients.area.${a}`))}</td>
                    ))}
                    <td>{box('is_client_admin', '1', u.isClientAdmin, pc.t('clients.users.client_admin'))}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          {/* The rows' inputs and buttons belong to these forms through their form= attribute. */}
          {p.canManage
            ? p.users.map((u) => (
                <form id={`rights-${u.id}`} method="post" action={`/clients/${clientId}/users/${u.id}`}>
                  <Csrf pc={pc} />
                </form>
              ))
            : ''}
        </div>
      )}
      {p.canManage ? (
        <form method="post" action={`/clients/${clientId}/support-visibility`} class="form">
          <Csrf pc={pc} />
          <SelectField
            pc={pc}
            name="support_visibility"
            label={pc.t('clients.support_visibility')}
            help={pc.t('clients.support_visibility_help')}
            value={p.supportVisibility}
            options={SUPPORT_VISIBILITIES.map((v) => ({ value: v, label: pc.t(`clients.support_visibility.${v}`) }))}
          />
          <div class="form-actions">
            <button type="submit" class="btn" safe>
              {pc.t('form.save')}
            </button>
          </div>
        </form>
      ) : (
        <p
          safe
        >{`${pc.t('clients.support_visibility')}: ${pc.t(`clients.support_visibility.${p.supportVisibility}`)}`}</p>
      )}
    </Card>
  )
}
