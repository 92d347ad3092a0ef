import type { FieldErrors } from '../../core/errors.js'
import { formData, formList } from '../../core/http/forms.js'
import type { OrderStatusSetting, OrdersSettings } from '../../core/settings/settings-store.js'
import { MAX_STATUSES, TONES } from './orders.constants.js'

/** A status row as typed into the settings form. */
export interface StatusRow {
  key: string
  en: string
  hu: string
  ru: string
  open: boolean
  tone: string
  /** Stored already: its key is fixed (orders refer to it). */
  existing: boolean
  remove: boolean
}

export interface OrderSettingsValues {
  statuses: StatusRow[]
  /** `from>to` pairs. */
  transitions: string[]
  clientsMayOrder: boolean
}

export const BLANK_STATUS_ROWS = 2

export const blankStatusRow = (): StatusRow => ({
  key: '',
  en: '',
  hu: '',
  ru: '',
  open: true,
  tone: 'blue',
  existing: false,
  remove: false,
})

export const settingsValuesOf = (w: OrdersSettings): OrderSettingsValues => ({
  statuses: w.statuses.map((s) => ({
    key: s.key,
    ...s.label,
    open: s.open,
    tone: s.tone,
    existing: true,
    remove: false,
  })),
  transitions: Object.entries(w.transitions).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)),
  clientsMayOrder: w.clientsMayOrder,
})

/** Reads the posted settings form: rows `st_<field>_<i>`, transition checkboxes `tr` = `from>to`. */
export function settingsValuesFromBody(body: unknown): OrderSettingsValues {
  const f = formData(body)
  const statuses: StatusRow[] = []
  for (let i = 0; i < MAX_STATUSES + BLANK_STATUS_ROWS + 1; i++) {
    if (!(`st_key_${i}` in f)) continue
    const v = (k: string) => (f[`st_${k}_${i}`] ?? '').trim()
    statuses.push({
      key: v('key').toLowerCase(),
      en: v('en'),
      hu: v('hu'),
      ru: v('ru'),
      open: f[`st_open_${i}`] === '1',
      tone: v('tone'),
      existing: f[`st_existing_${i}`] === '1',
      remove: f[`st_remove_${i}`] === '1',
    })
  }
  return { statuses, transitions: formList(body, 'tr'), clientsMayOrder: f.clients_may_order === '1' }
}

/**
 * The workflow the form describes: blank rows and rows marked for removal left out, transitions of
 * removed statuses dropped with them. `rowIndex` maps each kept status back to its form row.
 */
export function settingsFromValues(v: OrderSettingsValues): { value: OrdersSettings; rowIndex: number[] } {
  const kept = v.statuses
    .map((s, index) => ({ ...s, index }))
    .filter((s) => !s.remove && (s.key || s.en || s.hu || s.ru))
  const statuses: OrderStatusSetting[] = kept.map((s) => ({
    key: s.key,
    label: { en: s.en, hu: s.hu, ru: s.ru },
    open: s.open,
    tone: (TONES as readonly string[]).includes(s.tone) ? (s.tone as OrderStatusSetting['tone']) : 'neutral',
  }))
  const keys = new Set(statuses.map((s) => s.key))
  const removed = new Set(v.statuses.filter((s) => s.remove).map((s) => s.key))
  const transitions: Record<string, string[]> = Object.fromEntries(statuses.map((s) => [s.key, [] as string[]]))
  for (const pair of v.transitions) {
    const [from = '', to = ''] = pair.split('>')
    if (removed.has(from) || removed.has(to)) continue
    if (!keys.has(from)) transitions[from] = [...(transitions[from] ?? []), to]
    else transitions[from]?.push(to)
  }
  return { value: { statuses, transitions, clientsMayOrder: v.clientsMayOrder }, rowIndex: kept.map((s) => s.index) }
}

/** Moves `st_<field>_<i>` errors from the kept statuses' numbering to the form's rows. */
export function settingsErrorsOnRows(errors: FieldErrors, rowIndex: number[]): FieldErrors {
  const out: FieldErrors = {}
  for (const [k, v] of Object.entries(errors)) {
    const m = /^st_(\w+?)_(\d+)$/.exec(k)
    out[m ? `st_${m[1]}_${rowIndex[Number(m[2])] ?? m[2]}` : k] = v
  }
  return out
}
