import type { Locale } from '../../core/i18n/messages.js'
import type { SupportSettings } from '../../core/settings/settings-store.js'
import { PRIORITIES, type Priority, WEEKDAYS } from './support.constants.js'
import type { CategoryInput, CategoryView } from './support-settings.service.js'

// The settings forms take hours ("1.5" or "1,5") and opening times as "09:00–17:00"; the store keeps minutes.

export type FormValues = Record<string, string>

const hoursText = (minutes: number | undefined) =>
  minutes === undefined ? '' : String(Math.round((minutes / 60) * 100) / 100)

/** Minutes from an hours field, NaN when it is not a positive number; null when empty. */
export function minutesOf(text: string | undefined): number | null {
  const t = (text ?? '').trim().replace(',', '.')
  if (!t) return null
  if (!/^\d+(\.\d+)?$/.test(t)) return Number.NaN
  return Math.round(Number(t) * 60)
}

export function settingsValues(s: SupportSettings): FormValues {
  const v: FormValues = {
    calendar: s.calendar,
    holidays: s.holidays.join('\n'),
    reopen_days: String(s.reopenDays),
  }
  for (const d of WEEKDAYS) v[`hours_${d}`] = s.hours[d] ? `${s.hours[d]?.[0]}-${s.hours[d]?.[1]}` : ''
  for (const p of s.priorities) {
    v[`first_${p.key}`] = hoursText(p.firstResponseMinutes)
    v[`resolution_${p.key}`] = hoursText(p.resolutionMinutes)
  }
  return v
}

/** The typed settings; malformed pieces come out in a shape the service's check refuses with a field error. */
export function settingsFromForm(f: FormValues): SupportSettings {
  const hours = {} as SupportSettings['hours']
  for (const d of WEEKDAYS) {
    const text = (f[`hours_${d}`] ?? '').trim()
    if (!text) hours[d] = null
    else {
      const m = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(text)
      const pad = (x: string) => x.padStart(5, '0')
      hours[d] = m ? [pad(m[1] as string), pad(m[2] as string)] : ['x', 'x']
    }
  }
  return {
    calendar: f.calendar === 'calendar' ? 'calendar' : f.calendar === 'business' ? 'business' : ('?' as 'business'),
    hours,
    holidays: (f.holidays ?? '')
      .split(/[\s,;]+/)
      .map((x) => x.trim())
      .filter(Boolean),
    reopenDays: /^\d+$/.test((f.reopen_days ?? '').trim()) ? Number(f.reopen_days) : -1,
    priorities: PRIORITIES.map((key) => ({
      key,
      firstResponseMinutes: minutesOf(f[`first_${key}`]) ?? Number.NaN,
      resolutionMinutes: minutesOf(f[`resolution_${key}`]) ?? Number.NaN,
    })),
  }
}

export function categoryValues(c: CategoryView | null): FormValues {
  const v: FormValues = {
    name: c?.name ?? '',
    name_en: c?.names.en ?? '',
    name_hu: c?.names.hu ?? '',
    name_ru: c?.names.ru ?? '',
    position: String(c?.position ?? 0),
    active: c === null || c.active ? '1' : '',
  }
  for (const p of PRIORITIES) {
    v[`first_${p}`] = hoursText(c?.targets[p]?.firstResponseMinutes)
    v[`resolution_${p}`] = hoursText(c?.targets[p]?.resolutionMinutes)
  }
  return v
}

/** A category as typed; a priority with both target fields empty uses the defaults. */
export function categoryFromForm(f: FormValues): CategoryInput {
  const targets: CategoryInput['targets'] = {}
  for (const p of PRIORITIES as readonly Priority[]) {
    const first = minutesOf(f[`first_${p}`])
    const resolution = minutesOf(f[`resolution_${p}`])
    if (first === null && resolution === null) continue
    targets[p] = { firstResponseMinutes: first ?? Number.NaN, resolutionMinutes: resolution ?? Number.NaN }
  }
  const names: Partial<Record<Locale, string>> = {}
  for (const l of ['en', 'hu', 'ru'] as const) if (f[`name_${l}`]?.trim()) names[l] = f[`name_${l}`]?.trim()
  return {
    name: f.name ?? '',
    names,
    position: Number.parseInt(f.position ?? '0', 10) || 0,
    active: f.active === '1',
    targets,
  }
}
