import { formatDate, formatMoney, formatNumber } from '../../../core/i18n/format.js'
import { Badge, type Tone } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import {
  CONTRACT_STATUSES,
  CONTRACT_TYPES,
  type ContractParameter,
  type ContractStatus,
  ENDING_SOON_DAYS,
  PARAMETER_TYPES,
  RUNNING_STATUSES,
} from '../contracts.constants.js'

const TONES: Record<ContractStatus, Tone> = {
  draft: 'neutral',
  active: 'green',
  suspended: 'amber',
  terminated: 'grey',
  expired: 'grey',
}

export const StatusBadge = ({ pc, status }: { pc: PageContext; status: ContractStatus }) => (
  <Badge tone={TONES[status]} label={pc.t(`contracts.status.${status}`)} />
)

export const statusOptions = (pc: PageContext) =>
  CONTRACT_STATUSES.map((s) => ({ value: s, label: pc.t(`contracts.status.${s}`) }))

export const typeOptions = (pc: PageContext) =>
  CONTRACT_TYPES.map((s) => ({ value: s, label: pc.t(`contracts.type.${s}`) }))

export const parameterTypeOptions = (pc: PageContext) =>
  PARAMETER_TYPES.map((s) => ({ value: s, label: pc.t(`contracts.param_type.${s}`) }))

/** A parameter's value for reading: money and dates in the locale, flags as yes/no. */
export function parameterDisplay(pc: PageContext, p: ContractParameter): string {
  switch (p.type) {
    case 'money': {
      const m = p.value as { minor: number; currency: string }
      return formatMoney(pc.locale, m.minor, m.currency)
    }
    case 'number':
      return formatNumber(pc.locale, p.value as number, { maximumFractionDigits: 10 })
    case 'date':
      return formatDate(pc.locale, p.value as string)
    case 'boolean':
      return pc.t(p.value ? 'form.yes' : 'form.no')
    default:
      return String(p.value)
  }
}

export const amountText = (pc: PageContext, amount: { minor: number; currency: string } | null) =>
  amount ? formatMoney(pc.locale, amount.minor, amount.currency) : pc.t('contracts.no_amount')

/** "01.02.2026 – 31.01.2027", or "from 01.02.2026, open-ended". */
export const validityText = (pc: PageContext, from: string, to: string | null) =>
  to
    ? `${formatDate(pc.locale, from)} – ${formatDate(pc.locale, to)}`
    : pc.t('contracts.open_ended_from', { date: formatDate(pc.locale, from) })

/** Whole days from `today` to `date` (both `YYYY-MM-DD`). */
export const daysBetween = (today: string, date: string) =>
  Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)

/** An amber "ends in N days" beside a running contract whose validity ends soon. */
export function EndingBadge(p: { pc: PageContext; status: ContractStatus; validTo: string | null; today: string }) {
  if (!p.validTo || !RUNNING_STATUSES.includes(p.status)) return ''
  const days = daysBetween(p.today, p.validTo)
  if (days < 0 || days > ENDING_SOON_DAYS) return ''
  return (
    <Badge tone="amber" label={days === 0 ? p.pc.t('contracts.ends_today') : p.pc.t('contracts.ends_in', { days })} />
  )
}
