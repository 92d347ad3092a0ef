import { ValidationError } from '../../core/errors.js'
import { CONTACT_LIMITS } from './contacts.constants.js'
import { CHANNELS, type Channel, type ContactInput, DIRECTIONS, type Direction } from './contacts.schema.js'
import { isPlainDate } from './zoned-time.js'

/** A contact whose fields are each valid on their own (the data rules come after). */
export interface CheckedContact {
  clientId: string
  contactPersonIds: string[]
  employeeId?: string
  channel: Channel
  direction: Direction
  occurredAt: string
  durationMinutes: number | null
  summary: string
  outcome: string | null
  nextStep: string | null
  nextStepDue: string | null
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/
// A contact is logged after it happened; a day of slack covers clock skew and time zones.
const FUTURE_SLACK_MS = 24 * 3600 * 1000
const EARLIEST = '2000-01-01T00:00:00.000Z'

/**
 * Checks each field of a contact: known channel and direction, a real time not in the future, a
 * whole number of minutes, a summary, and a due date only with a next step. Error keys are the
 * form's field names.
 */
export function checkContactInput(input: ContactInput, now: Date): CheckedContact {
  const errors: Record<string, string> = {}
  const text = (field: string, value: string, max: number, required = false): string | null => {
    const v = value.trim()
    if (!v) {
      if (required) errors[field] = 'form.required'
      return null
    }
    if (v.length > max) errors[field] = 'form.too_long'
    return v
  }
  if (!input.clientId.trim()) errors.client_id = 'form.required'
  const channel = input.channel as Channel
  if (!CHANNELS.includes(channel)) errors.channel = input.channel ? 'form.invalid_choice' : 'form.required'
  const direction = input.direction as Direction
  if (!DIRECTIONS.includes(direction)) errors.direction = input.direction ? 'form.invalid_choice' : 'form.required'

  let occurredAt = ''
  if (!input.occurredAt.trim()) errors.occurred_at = 'form.required'
  else if (!ISO_TIMESTAMP.test(input.occurredAt.trim()) || Number.isNaN(Date.parse(input.occurredAt))) {
    errors.occurred_at = 'contacts.error.occurred_at'
  } else {
    occurredAt = new Date(input.occurredAt).toISOString()
    if (occurredAt < EARLIEST) errors.occurred_at = 'contacts.error.occurred_at'
    else if (Date.parse(occurredAt) > now.getTime() + FUTURE_SLACK_MS)
      errors.occurred_at = 'contacts.error.occurred_future'
  }

  const d = input.durationMinutes
  if (d !== null && (!Number.isInteger(d) || d < 0 || d > CONTACT_LIMITS.durationMinutes)) {
    errors.duration_minutes = 'contacts.error.duration'
  }
  const summary = text('summary', input.summary, CONTACT_LIMITS.summary, true) ?? ''
  const outcome = text('outcome', input.outcome, CONTACT_LIMITS.outcome)
  const nextStep = text('next_step', input.nextStep, CONTACT_LIMITS.nextStep)
  const due = input.nextStepDue.trim()
  if (due && !isPlainDate(due)) errors.next_step_due = 'contacts.error.date'
  else if (due && !nextStep) errors.next_step_due = 'contacts.error.due_without_step'

  const personIds = [...new Set(input.contactPersonIds.map((p) => p.trim()).filter(Boolean))]
  if (personIds.length > CONTACT_LIMITS.persons) errors.contact_person_ids = 'contacts.error.too_many_persons'

  if (Object.keys(errors).length > 0) throw new ValidationError(errors)
  return {
    clientId: input.clientId.trim(),
    contactPersonIds: personIds,
    employeeId: input.employeeId?.trim() || undefined,
    channel,
    direction,
    occurredAt,
    durationMinutes: d,
    summary,
    outcome,
    nextStep,
    nextStepDue: due || null,
  }
}
