import type { FieldErrors } from '../../../core/errors.js'
import { Csrf, Field, FormErrors, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { CONTACT_LIMITS } from '../contacts.constants.js'
import type { ContactFormOptions, ContactFormValues } from '../contacts.schema.js'
import { channelOptions, directionOptions } from './contact-bits.js'
import { PersonsFieldset } from './persons-fieldset.js'

export interface ContactFormPageProps {
  pc: PageContext
  /** Set when an existing entry is edited. */
  id?: string
  values: ContactFormValues
  options: ContactFormOptions
  errors?: FieldErrors
}

const describedBy = (id: string, error?: string) => (error ? `${id}-help ${id}-error` : `${id}-help`)

/** The client select: with htmx, choosing a client reloads its contact persons below. */
function ClientSelect(p: { pc: PageContext; value: string; options: ContactFormOptions; error?: string }) {
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for="f-client_id">
        <span safe>{p.pc.t('contacts.client')}</span>
        <span class="required" aria-hidden="true">
          *
        </span>
      </label>
      <select
        id="f-client_id"
        name="client_id"
        required
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? 'f-client_id-error' : undefined}
        hx-get="/contacts/persons"
        hx-target="#contact-persons"
        hx-select="#contact-persons"
        hx-swap="outerHTML"
        hx-trigger="change"
      >
        <option value="" safe>
          {p.pc.t('contacts.choose_client')}
        </option>
        {p.options.clients.map((c) => (
          <option value={c.id} selected={c.id === p.value} safe>
            {c.name}
          </option>
        ))}
      </select>
      {p.error ? (
        <p class="field-error" id="f-client_id-error" safe>
          {p.pc.t(p.error)}
        </p>
      ) : (
        ''
      )}
      {/* Without JavaScript the persons are loaded by posting the form back, nothing saved yet. */}
      <div class="js-hide">
        <button type="submit" name="intent" value="reload" class="btn btn-small" safe>
          {p.pc.t('contacts.load_persons')}
        </button>
      </div>
    </div>
  )
}

function DateTimeField(p: { pc: PageContext; value: string; timeZone: string; error?: string }) {
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for="f-occurred_at">
        <span safe>{p.pc.t('contacts.occurred_at')}</span>
        <span class="required" aria-hidden="true">
          *
        </span>
      </label>
      <input
        id="f-occurred_at"
        name="occurred_at"
        type="datetime-local"
        value={p.value}
        required
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy('f-occurred_at', p.error)}
      />
      <p class="help" id="f-occurred_at-help" safe>
        {p.pc.t('contacts.occurred_at_help', { zone: p.timeZone })}
      </p>
      {p.error ? (
        <p class="field-error" id="f-occurred_at-error" safe>
          {p.pc.t(p.error)}
        </p>
      ) : (
        ''
      )}
    </div>
  )
}

/** Record a contact, or change one: client, persons, employee, channel, time, summary, next step. */
export function ContactFormPage({ pc, id, values, options, errors }: ContactFormPageProps) {
  const editing = id !== undefined
  // A client id from the URL that the caller may not see is treated as no choice at all.
  const clientId = options.clients.some((c) => c.id === values.client_id) ? values.client_id : ''
  const action = editing ? `/contacts/${encodeURIComponent(id)}/edit` : '/contacts'
  const cancel = editing
    ? `/contacts/${encodeURIComponent(id)}`
    : clientId
      ? `/contacts?client=${encodeURIComponent(clientId)}`
      : '/contacts'
  return (
    <Layout
      pc={pc}
      title={pc.t(editing ? 'contacts.edit_title' : 'contacts.new_title')}
      width="narrow"
      crumbs={[{ label: pc.t('contacts.title'), href: '/contacts' }]}
    >
      <form method="post" action={action} class="form" novalidate>
        {/* The first submit button is what Enter presses: saving, not reloading the persons. */}
        <button type="submit" class="visually-hidden" tabindex="-1" safe>
          {pc.t(editing ? 'form.save' : 'contacts.record')}
        </button>
        <Csrf pc={pc} />
        <FormErrors pc={pc} errors={errors} />
        <ClientSelect pc={pc} value={values.client_id} options={options} error={errors?.client_id} />
        <PersonsFieldset
          pc={pc}
          clientId={clientId}
          persons={options.persons}
          selected={values.contact_person_ids}
          error={errors?.contact_person_ids}
        />
        {options.employees ? (
          <SelectField
            pc={pc}
            name="employee_id"
            label={pc.t('contacts.employee')}
            value={values.employee_id}
            options={options.employees.map((e) => ({ value: e.id, label: e.name }))}
            errors={errors}
            required
          />
        ) : (
          ''
        )}
        <div class="grid-2">
          <SelectField
            pc={pc}
            name="channel"
            label={pc.t('contacts.channel')}
            value={values.channel}
            options={channelOptions(pc)}
            errors={errors}
            required
          />
          <SelectField
            pc={pc}
            name="direction"
            label={pc.t('contacts.direction')}
            value={values.direction}
            options={directionOptions(pc)}
            errors={errors}
            required
          />
        </div>
        <div class="grid-2">
          <DateTimeField pc={pc} value={values.occurred_at} timeZone={options.timeZone} error={errors?.occurred_at} />
          <Field
            pc={pc}
            name="duration_minutes"
            label={pc.t('contacts.duration')}
            type="number"
            inputmode="numeric"
            value={values.duration_minutes}
            help={pc.t('contacts.duration_help')}
            errors={errors}
          />
        </div>
        <TextArea
          pc={pc}
          name="summary"
          label={pc.t('contacts.summary')}
          value={values.summary}
          errors={errors}
          required
          rows={4}
          maxlength={CONTACT_LIMITS.summary}
        />
        <TextArea
          pc={pc}
          name="outcome"
          label={pc.t('contacts.outcome')}
          value={values.outcome}
          errors={errors}
          rows={2}
          maxlength={CONTACT_LIMITS.outcome}
        />
        <fieldset>
          <legend safe>{pc.t('contacts.next_step')}</legend>
          <TextArea
            pc={pc}
            name="next_step"
            label={pc.t('contacts.next_step_what')}
            value={values.next_step}
            errors={errors}
            rows={2}
            maxlength={CONTACT_LIMITS.nextStep}
            help={pc.t('contacts.next_step_help')}
          />
          <Field
            pc={pc}
            name="next_step_due"
            label={pc.t('contacts.next_step_due')}
            type="date"
            value={values.next_step_due}
            errors={errors}
          />
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" data-disable-on-submit safe>
            {pc.t(editing ? 'form.save' : 'contacts.record')}
          </button>
          <a class="btn" href={cancel} safe>
            {pc.t('form.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  )
}
