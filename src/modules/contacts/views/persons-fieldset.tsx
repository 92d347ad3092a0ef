import { CheckboxField } from '../../../core/ui/forms.js'
import type { PageContext } from '../../../core/ui/page-context.js'

/**
 * The chosen client's contact persons as checkboxes. The form's client select swaps this block
 * with htmx; without JavaScript the form is posted back to load it.
 */
export function PersonsFieldset(p: {
  pc: PageContext
  clientId: string
  persons: { id: string; name: string; position: string | null }[]
  selected: string[]
  error?: string
}) {
  const { pc } = p
  return (
    <div id="contact-persons">
      <fieldset
        id="f-contact_person_ids"
        class={p.error ? 'has-error' : undefined}
        tabindex="-1"
        aria-describedby={p.error ? 'f-contact_person_ids-error' : undefined}
      >
        <legend safe>{pc.t('contacts.persons')}</legend>
        {!p.clientId ? (
          <p class="help" safe>
            {pc.t('contacts.persons_choose_client')}
          </p>
        ) : p.persons.length === 0 ? (
          <p class="help">
            <span safe>{pc.t('contacts.persons_none')}</span>{' '}
            <a href={`/clients/${encodeURIComponent(p.clientId)}`} safe>
              {pc.t('contacts.persons_add')}
            </a>
          </p>
        ) : (
          p.persons.map((person) => (
            <CheckboxField
              name="contact_person_ids"
              value={person.id}
              label={person.position ? `${person.name} (${person.position})` : person.name}
              checked={p.selected.includes(person.id)}
            />
          ))
        )}
        {p.error ? (
          <p class="field-error" id="f-contact_person_ids-error" safe>
            {pc.t(p.error)}
          </p>
        ) : (
          ''
        )}
      </fieldset>
    </div>
  )
}
