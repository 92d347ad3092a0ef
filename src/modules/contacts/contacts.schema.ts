import type { Insertable, Selectable } from 'kysely'

/** How a contact happened. */
export const CHANNELS = ['call', 'meeting', 'email', 'message', 'visit'] as const
export type Channel = (typeof CHANNELS)[number]

/** Who started it: the client (inbound) or we (outbound). */
export const DIRECTIONS = ['inbound', 'outbound'] as const
export type Direction = (typeof DIRECTIONS)[number]

/** One contact between a staff member and a client: the contact log. Internal: clients never see it. */
export interface ContactLogTable {
  id: string
  client_id: string
  /** The staff member who had the contact (users.id). */
  employee_id: string
  channel: Channel
  direction: Direction
  /** UTC timestamp (ISO). */
  occurred_at: string
  duration_minutes: number | null
  summary: string
  outcome: string | null
  next_step: string | null
  /** Plain date `YYYY-MM-DD`. */
  next_step_due: string | null
  next_step_done_at: string | null
  next_step_done_by: string | null
  created_at: string
  updated_at: string
  created_by: string
}

/** Which contact persons of the client took part (many-to-many). */
export interface ContactLogPersonTable {
  contact_log_id: string
  contact_person_id: string
  client_id: string
}

declare module '../../core/db/database.js' {
  interface Database {
    contact_log: ContactLogTable
    contact_log_persons: ContactLogPersonTable
  }
}

export type ContactLogRow = Selectable<ContactLogTable>
export type NewContactLogRow = Insertable<ContactLogTable>

/** A contact log entry as pages and the API show it. */
export interface ContactView extends ContactLogRow {
  client_name: string
  employee_name: string
  created_by_name: string | null
  done_by_name: string | null
  persons: { id: string; name: string; position: string | null }[]
}

/** What a contact is recorded or changed with, already parsed (UTC timestamp, plain dates). */
export interface ContactInput {
  clientId: string
  contactPersonIds: string[]
  /** Omitted: the signed-in user (a manager may name only itself). */
  employeeId?: string
  channel: string
  direction: string
  occurredAt: string
  durationMinutes: number | null
  summary: string
  outcome: string
  nextStep: string
  nextStepDue: string
}

/** Filters of the contact lists and their CSV export. */
export interface ContactFilters {
  employeeId?: string
  clientId?: string
  channel?: Channel
  /** Company-local dates `YYYY-MM-DD`, inclusive. */
  from?: string
  to?: string
  openOnly?: boolean
}

/** The contact form as the user typed it (kept on errors); the time is wall-clock in the company's zone. */
export interface ContactFormValues {
  client_id: string
  contact_person_ids: string[]
  employee_id: string
  channel: string
  direction: string
  occurred_at: string
  duration_minutes: string
  summary: string
  outcome: string
  next_step: string
  next_step_due: string
}

/** What the contact form offers to choose from. */
export interface ContactFormOptions {
  clients: { id: string; name: string }[]
  /** Contact persons of the chosen client. */
  persons: { id: string; name: string; position: string | null }[]
  /** Staff the caller may record a contact for; null when it records only its own. */
  employees: { id: string; name: string }[] | null
  timeZone: string
}

/** An open next step on the home page. */
export interface NextStepItem {
  id: string
  client_id: string
  client_name: string
  next_step: string
  next_step_due: string | null
  channel: Channel
  occurred_at: string
}
