import { formatDateTime, formatNumber } from '../../../core/i18n/format.js'
import { Badge, type Tone } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { Priority, RequestStatus } from '../support.constants.js'
import { PRIORITIES, REQUEST_STATUSES } from '../support.constants.js'

const STATUS_TONE: Record<RequestStatus, Tone> = {
  new: 'neutral',
  open: 'blue',
  waiting: 'amber',
  resolved: 'green',
  closed: 'grey',
}
const PRIORITY_TONE: Record<Priority, Tone> = { urgent: 'red', high: 'amber', normal: 'neutral', low: 'grey' }

export const StatusBadge = ({ pc, status }: { pc: PageContext; status: RequestStatus }) => (
  <Badge tone={STATUS_TONE[status]} label={pc.t(`support.status.${status}`)} />
)

export const PriorityBadge = ({ pc, priority }: { pc: PageContext; priority: Priority }) => (
  <Badge tone={PRIORITY_TONE[priority]} label={pc.t(`support.priority.${priority}`)} />
)

export const statusOptions = (pc: PageContext) =>
  REQUEST_STATUSES.map((s) => ({ value: s, label: pc.t(`support.status.${s}`) }))
export const priorityOptions = (pc: PageContext) =>
  PRIORITIES.map((p) => ({ value: p, label: pc.t(`support.priority.${p}`) }))

/** SLA minutes as "3 h 20 min" (or "2 d 1 h" for long spans of calendar time). */
export function durationText(pc: PageContext, minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return '—'
  const m = Math.round(minutes)
  const h = Math.floor(m / 60)
  const rest = m % 60
  if (h === 0) return pc.t('support.duration.minutes', { m: rest })
  if (rest === 0) return pc.t('support.duration.hours', { h: formatNumber(pc.locale, h) })
  return pc.t('support.duration.hours_minutes', { h: formatNumber(pc.locale, h), m: rest })
}

export function sizeText(pc: PageContext, bytes: number): string {
  if (bytes < 1024) return pc.t('support.size.bytes', { n: bytes })
  if (bytes < 1024 * 1024) return pc.t('support.size.kb', { n: formatNumber(pc.locale, Math.round(bytes / 1024)) })
  return pc.t('support.size.mb', { n: formatNumber(pc.locale, bytes / (1024 * 1024), { maximumFractionDigits: 1 }) })
}

/** A due time with its standing: met, late, running or paused. */
export function DueCell(p: {
  pc: PageContext
  due: string
  outcome: 'met' | 'breached' | 'running' | 'paused'
  done: boolean
}) {
  const when = formatDateTime(p.pc.locale, p.due, p.pc.timeZone)
  return (
    <span class="nowrap">
      <span safe>{when}</span>{' '}
      {p.outcome === 'breached' ? (
        <Badge tone="red" label={p.pc.t(p.done ? 'support.sla.late' : 'support.sla.overdue')} />
      ) : p.outcome === 'met' ? (
        <Badge tone="green" label={p.pc.t('support.sla.met')} />
      ) : p.outcome === 'paused' ? (
        <Badge tone="amber" label={p.pc.t('support.sla.paused')} />
      ) : (
        ''
      )}
    </span>
  )
}

/** Tabs between the staff queues. */
export function QueueTabs({ pc, active }: { pc: PageContext; active: string }) {
  const tabs = [
    ['mine', '/support?queue=mine'],
    ['unassigned', '/support?queue=unassigned'],
    ['all', '/support?queue=all'],
  ] as const
  return (
    <nav class="tabs" aria-label={pc.t('support.queues')}>
      <ul>
        {tabs.map(([key, href]) => (
          <li>
            <a
              href={href}
              class={active === key ? 'active' : undefined}
              aria-current={active === key ? 'page' : undefined}
              safe
            >
              {pc.t(`support.queue.${key}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
