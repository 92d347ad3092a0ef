import { formatMoney, formatPercent } from '../../../core/i18n/format.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { change } from './report-format.js'

/** A change as "+1 234 € (+12.5%)"; a zero base gives "—" for the percentage, never Infinity. */
export function changeText(pc: PageContext, current: number, base: number, currency: string): string {
  const c = change(current, base)
  const abs = `${c.abs > 0 ? '+' : ''}${formatMoney(pc.locale, c.abs, currency)}`
  const pct = c.pct === null ? '—' : `${c.pct > 0 ? '+' : ''}${formatPercent(pc.locale, c.pct)}`
  return `${abs} (${pct})`
}

export function Change(p: { pc: PageContext; current: number; base: number; currency: string }) {
  const c = change(p.current, p.base)
  return (
    <span class={c.abs > 0 ? 'change-up' : c.abs < 0 ? 'change-down' : undefined} safe>
      {changeText(p.pc, p.current, p.base, p.currency)}
    </span>
  )
}

export const shareText = (pc: PageContext, share: number | null) =>
  share === null ? '—' : formatPercent(pc.locale, share)
