import { type FormData, formList } from '../../core/http/forms.js'
import type { ContactFormValues, ContactInput, ContactView } from './contacts.schema.js'
import { localToUtc, utcToLocal } from './zoned-time.js'

/** The posted contact form as typed. */
export function contactFormValues(form: FormData, body: unknown): ContactFormValues {
  const v = (k: string) => form[k] ?? ''
  return {
    client_id: v('client_id'),
    contact_person_ids: formList(body, 'contact_person_ids'),
    employee_id: v('employee_id'),
    channel: v('channel'),
    direction: v('direction'),
    occurred_at: v('occurred_at'),
    duration_minutes: v('duration_minutes'),
    summary: v('summary'),
    outcome: v('outcome'),
    next_step: v('next_step'),
    next_step_due: v('next_step_due'),
  }
}

/** The form's values as service input: the wall-clock time becomes UTC in the company's zone. */
export function contactInputFromForm(values: ContactFormValues, timeZone: string): ContactInput {
  const local = values.occurred_at.trim()
  const duration = values.duration_minutes.trim()
  return {
    clientId: values.client_id,
    contactPersonIds: values.contact_person_ids,
    employeeId: values.employee_id || undefined,
    channel: values.channel,
    direction: values.direction,
    // An impossible wall-clock time is passed on as is, so the check names it invalid, not missing.
    occurredAt: local ? (localToUtc(local, timeZone) ?? local) : '',
    durationMinutes: duration === '' ? null : /^\d+$/.test(duration) ? Number(duration) : Number.NaN,
    summary: values.summary,
    outcome: values.outcome,
    nextStep: values.next_step,
    nextStepDue: values.next_step_due,
  }
}

/** A fresh form: now, outbound call, by the signed-in employee. */
export function newContactValues(
  clientId: string,
  employeeId: string,
  timeZone: string,
  now = new Date(),
): ContactFormValues {
  return {
    client_id: clientId,
    contact_person_ids: [],
    employee_id: employeeId,
    channel: 'call',
    direction: 'outbound',
    occurred_at: utcToLocal(now, timeZone),
    duration_minutes: '',
    summary: '',
    outcome: '',
    next_step: '',
    next_step_due: '',
  }
}

/** An entry as form values, for editing. */
export function contactValuesOf(c: ContactView, timeZone: string): ContactFormValues {
  return {
    client_id: c.client_id,
    contact_person_ids: c.persons.map((p) => p.id),
    employee_id: c.employee_id,
    channel: c.channel,
    direction: c.direction,
    occurred_at: utcToLocal(c.occurred_at, timeZone),
    duration_minutes: c.duration_minutes === null ? '' : String(c.duration_minutes),
    summary: c.summary,
    outcome: c.outcome ?? '',
    next_step: c.next_step ?? '',
    next_step_due: c.next_step_due ?? '',
  }
}
