import { formatDate } from '../../../core/i18n/format.js'
import { Badge } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { CHANNELS, DIRECTIONS } from '../contacts.schema.js'

export const channelOptions = (pc: PageContext) =>
  CHANNELS.map((c) => ({ value: c, label: pc.t(`contacts.channel.${c}`) }))

export const directionOptions = (pc: PageContext) =>
  DIRECTIONS.map((d) => ({ value: d, label: pc.t(`contacts.direction.${d}`) }))

/** "Call · outgoing". */
export const channelText = (pc: PageContext, channel: string, direction: string) =>
  `${pc.t(`contacts.channel.${channel}`)} · ${pc.t(`contacts.direction.${direction}`)}`

/** The due date of a next step: red when overdue, amber today, green when done. */
export function DueBadge(p: { pc: PageContext; due: string | null; today: string; done?: boolean }) {
  if (p.done) return <Badge tone="green" label={p.pc.t('contacts.next_step_done')} />
  if (!p.due) return <Badge tone="neutral" label={p.pc.t('contacts.no_due_date')} />
  const date = formatDate(p.pc.locale, p.due)
  if (p.due < p.today) return <Badge tone="red" label={p.pc.t('contacts.overdue_since', { date })} />
  if (p.due === p.today) return <Badge tone="amber" label={p.pc.t('contacts.due_today')} />
  return <Badge tone="blue" label={p.pc.t('contacts.due_on', { date })} />
}

/** Contact persons as one line: "Anna Nagy (CFO), Péter Tóth". */
export const personsText = (persons: { name: string; position: string | null }[]) =>
  persons.map((p) => (p.position ? `${p.name} (${p.position})` : p.name)).join(', ')
