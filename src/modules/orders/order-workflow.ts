import type { Locale } from '../../core/i18n/messages.js'
import type { OrderStatusSetting, OrdersSettings } from '../../core/settings/settings-store.js'
import { CANCELLED_STATUS, INITIAL_STATUS } from './orders.constants.js'

export type Workflow = OrdersSettings

/** The status's setting, or a stand-in for a key the workflow no longer knows (shown as is, grey, archived). */
export function statusSetting(w: Workflow, key: string): OrderStatusSetting {
  return (
    w.statuses.find((s) => s.key === key) ?? { key, label: { en: key, hu: key, ru: key }, open: false, tone: 'grey' }
  )
}

export const statusLabel = (w: Workflow, key: string, locale: Locale): string =>
  statusSetting(w, key).label[locale] || statusSetting(w, key).label.en || key

/** Keys of the open statuses ("current orders"), in the configured order. */
export const openStatuses = (w: Workflow): string[] => w.statuses.filter((s) => s.open).map((s) => s.key)

/** Keys of the archived statuses (closed, cancelled and the like). */
export const closedStatuses = (w: Workflow): string[] => w.statuses.filter((s) => !s.open).map((s) => s.key)

export const isOpenStatus = (w: Workflow, key: string): boolean => statusSetting(w, key).open

/** The statuses an order in `from` may move to, as configured. */
export const transitionsFrom = (w: Workflow, from: string): string[] =>
  (w.transitions[from] ?? []).filter((to) => w.statuses.some((s) => s.key === to))

export const isAllowedTransition = (w: Workflow, from: string, to: string): boolean =>
  transitionsFrom(w, from).includes(to)

/** Every status's label per language, for the pages' badges and filters. */
export function statusLabels(w: Workflow, locale: Locale): Record<string, string> {
  return Object.fromEntries(w.statuses.map((s) => [s.key, statusLabel(w, s.key, locale)]))
}

const KEY_RE = /^[a-z][a-z0-9_]{0,29}$/
const MAX_LABEL = 40

/**
 * Why a workflow cannot be saved, as field errors (empty when it can): keys well-formed and unique,
 * every label given, `new` open and `cancelled` closed, at least one open and one closed status,
 * transitions only between known statuses, and `cancelled` reachable directly from every open status.
 * `inUse` lists statuses that orders hold now: those may not be removed.
 */
export function workflowErrors(w: Workflow, inUse: readonly string[] = []): Record<string, string> {
  const errors: Record<string, string> = {}
  const keys = w.statuses.map((s) => s.key)
  w.statuses.forEach((s, i) => {
    if (!KEY_RE.test(s.key)) errors[`st_key_${i}`] = 'orders.settings.error.key'
    else if (keys.indexOf(s.key) !== i) errors[`st_key_${i}`] = 'orders.settings.error.duplicate_key'
    for (const l of ['en', 'hu', 'ru'] as const) {
      const label = s.label[l]?.trim() ?? ''
      if (!label) errors[`st_${l}_${i}`] = 'form.required'
      else if (label.length > MAX_LABEL) errors[`st_${l}_${i}`] = 'form.too_long'
    }
  })
  const byKey = new Map(w.statuses.map((s) => [s.key, s]))
  if (!byKey.get(INITIAL_STATUS)?.open) errors.statuses = 'orders.settings.error.new_open'
  else if (!byKey.has(CANCELLED_STATUS) || byKey.get(CANCELLED_STATUS)?.open)
    errors.statuses = 'orders.settings.error.cancelled_closed'
  else if (!w.statuses.some((s) => s.open) || !w.statuses.some((s) => !s.open))
    errors.statuses = 'orders.settings.error.open_and_closed'
  const removed = inUse.filter((k) => !byKey.has(k))
  if (removed.length) errors.statuses = 'orders.settings.error.in_use'
  for (const [from, tos] of Object.entries(w.transitions)) {
    if (!byKey.has(from) || tos.some((to) => !byKey.has(to) || to === from)) {
      errors.transitions = 'orders.settings.error.unknown_transition'
    }
  }
  if (!errors.transitions && byKey.has(CANCELLED_STATUS)) {
    const stuck = w.statuses.filter(
      (s) => s.open && s.key !== CANCELLED_STATUS && !(w.transitions[s.key] ?? []).includes(CANCELLED_STATUS),
    )
    if (stuck.length) errors.transitions = 'orders.settings.error.cancel_reachable'
  }
  return errors
}
