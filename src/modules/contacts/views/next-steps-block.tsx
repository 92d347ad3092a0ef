import { Card, EmptyState } from '../../../core/ui/components.js'
import { Csrf } from '../../../core/ui/forms.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { NextStepItem } from '../contacts.schema.js'
import { DueBadge } from './contact-bits.js'

/**
 * The signed-in employee's open next steps on the home page, soonest first, overdue ones red. "Done"
 * posts a form; with htmx only the row goes away.
 */
export function NextStepsBlock(p: { pc: PageContext; items: NextStepItem[]; more: boolean; today: string }) {
  const { pc } = p
  const me = encodeURIComponent(pc.actor?.id ?? '')
  const all = `/contacts?employee=${me}&open=1&sort=next_step_due&dir=asc`
  return (
    <Card
      title={pc.t('contacts.my_next_steps')}
      actions={
        <a href={all} safe>
          {p.more ? pc.t('contacts.all_next_steps') : pc.t('contacts.open_in_list')}
        </a>
      }
    >
      {p.items.length === 0 ? (
        <EmptyState
          title={pc.t('contacts.no_next_steps')}
          hint={pc.t('contacts.no_next_steps_hint')}
          action={
            <a class="btn" href="/contacts/new" safe>
              {pc.t('contacts.new')}
            </a>
          }
        />
      ) : (
        <div class="table-scroll">
          <table class="data-table" id="next-steps">
            <caption class="visually-hidden" safe>
              {pc.t('contacts.my_next_steps')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {pc.t('contacts.next_step')}
                </th>
                <th scope="col">
                  <span class="visually-hidden" safe>
                    {pc.t('contacts.actions')}
                  </span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => {
                const id = encodeURIComponent(i.id)
                return (
                  <tr id={`next-step-${i.id}`}>
                    <td>
                      <DueBadge pc={pc} due={i.next_step_due} today={p.today} />{' '}
                      <a href={`/contacts/${id}`} safe>
                        {i.next_step}
                      </a>
                      <p class="help">
                        <a href={`/contacts?client=${encodeURIComponent(i.client_id)}`} safe>
                          {i.client_name}
                        </a>
                      </p>
                    </td>
                    <td>
                      <form
                        method="post"
                        action={`/contacts/${id}/done`}
                        class="inline-form"
                        hx-post={`/contacts/${id}/done`}
                        hx-target="closest tr"
                        hx-swap="outerHTML"
                      >
                        <Csrf pc={pc} />
                        <input type="hidden" name="back" value="/" />
                        <button type="submit" class="btn btn-small" safe>
                          {pc.t('contacts.mark_done')}
                        </button>
                      </form>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}
