import type { FieldErrors } from '../../../core/errors.js'
import { formatDateTime } from '../../../core/i18n/format.js'
import { Card } from '../../../core/ui/components.js'
import { Field, Form, SelectField } from '../../../core/ui/forms.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { ManagerHistoryEntry, ManagerOption } from '../clients.queries.js'

/** The account manager, the reassignment form (head only) and the history of changes. */
export function ManagerCard(p: {
  pc: PageContext
  clientId: string
  managerName: string | null
  managerId: string | null
  history: ManagerHistoryEntry[]
  /** null unless the viewer may reassign. */
  managers: ManagerOption[] | null
  errors?: FieldErrors
  values?: { managerId: string; comment: string }
}) {
  const { pc } = p
  return (
    <Card title={pc.t('clients.manager.title')}>
      <p>
        <strong safe>{p.managerName ?? pc.t('clients.no_manager')}</strong>
      </p>
      {p.managers ? (
        <Form
          pc={pc}
          action={`/clients/${p.clientId}/reassign`}
          submit={pc.t('clients.manager.reassign')}
          errors={p.errors}
        >
          <SelectField
            pc={pc}
            name="manager_id"
            label={pc.t('clients.manager.new_manager')}
            value={p.values?.managerId ?? ''}
            options={p.managers
              .filter((m) => m.id !== p.managerId)
              .map((m) => ({ value: m.id, label: `${m.name} <${m.email}>` }))}
            emptyLabel="—"
            required
            errors={p.errors}
          />
          <Field
            pc={pc}
            name="comment"
            label={pc.t('clients.manager.comment')}
            value={p.values?.comment ?? ''}
            maxlength={500}
            errors={p.errors}
          />
        </Form>
      ) : (
        ''
      )}
      {p.history.length ? (
        <div class="table-scroll">
          <h3 safe>{pc.t('clients.manager.history')}</h3>
          <table class="data-table">
            <caption class="visually-hidden" safe>
              {pc.t('clients.manager.history')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {pc.t('clients.manager.when')}
                </th>
                <th scope="col" safe>
                  {pc.t('clients.manager.change')}
                </th>
                <th scope="col" safe>
                  {pc.t('clients.manager.by')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.history.map((h) => (
                <tr>
                  <td safe>{formatDateTime(pc.locale, h.changed_at, pc.timeZone)}</td>
                  <td>
                    <span
                      safe
                    >{`${h.from_name ?? pc.t('clients.no_manager')} → ${h.to_name ?? pc.t('clients.no_manager')}`}</span>
                    {h.comment ? (
                      <>
                        <br />
                        <span class="muted" safe>
                          {h.comment}
                        </span>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td safe>{h.by_name ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted" safe>
          {pc.t('clients.manager.no_history')}
        </p>
      )}
    </Card>
  )
}
