import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import type { FieldErrors } from '../../core/errors.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import type { Locale } from '../../core/i18n/messages.js'
import type { SupportSettings } from '../../core/settings/settings-store.js'
import { clockMinutes, type SlaCalendar } from './sla-clock.js'
import { PRIORITIES, type Priority, WEEKDAYS } from './support.constants.js'
import type { SupportCategoryRow } from './support.schema.js'

export const CONFIGURE = 'support.configure'

/** The support settings (read through their own connection: safe inside a transaction). */
export const supportSettings = (ctx: Ctx) => ctx.services.settings.get('support')

/** The SLA clock's calendar: the support settings' hours in the company's time zone. */
export async function slaCalendar(ctx: Ctx): Promise<SlaCalendar> {
  const [s, company] = await Promise.all([supportSettings(ctx), ctx.services.settings.get('company')])
  return { mode: s.calendar, timeZone: company.timeZone, hours: s.hours, holidays: s.holidays }
}

export interface SlaTargets {
  firstResponseMinutes: number
  resolutionMinutes: number
}

/** The targets of a category and priority: the category's own, else the settings' default for the priority. */
export async function targetsFor(ctx: Ctx, categoryId: string | null, priority: Priority): Promise<SlaTargets> {
  if (categoryId) {
    const own = await ctx.db
      .selectFrom('support_sla_targets')
      .select(['first_response_minutes', 'resolution_minutes'])
      .where('category_id', '=', categoryId)
      .where('priority', '=', priority)
      .executeTakeFirst()
    if (own) return { firstResponseMinutes: own.first_response_minutes, resolutionMinutes: own.resolution_minutes }
  }
  const s = await supportSettings(ctx)
  const d = s.priorities.find((p) => p.key === priority) ?? s.priorities[0]
  return { firstResponseMinutes: d?.firstResponseMinutes ?? 480, resolutionMinutes: d?.resolutionMinutes ?? 2400 }
}

/** A category's name in `locale`, falling back to its main name. */
export function categoryName(row: { name: string | null; names_json: string | null }, locale: Locale): string {
  try {
    const names = JSON.parse(row.names_json ?? '{}') as Partial<Record<Locale, string>>
    return names[locale] || row.name || ''
  } catch {
    return row.name ?? ''
  }
}

export interface CategoryView {
  id: string
  name: string
  names: Partial<Record<Locale, string>>
  position: number
  active: boolean
  targets: Partial<Record<Priority, SlaTargets>>
}

/** Categories in their order, with their own targets (missing priorities use the defaults). */
export async function listCategories(ctx: Ctx, opts: { activeOnly?: boolean } = {}): Promise<CategoryView[]> {
  let q = ctx.db.selectFrom('support_categories').selectAll()
  if (opts.activeOnly) q = q.where('is_active', '=', 1)
  const rows = await q.orderBy('position').orderBy('name').execute()
  const targets = await ctx.db.selectFrom('support_sla_targets').selectAll().execute()
  return rows.map((r: SupportCategoryRow) => ({
    id: r.id,
    name: r.name,
    names: JSON.parse(r.names_json || '{}') as Partial<Record<Locale, string>>,
    position: Number(r.position),
    active: r.is_active === 1,
    targets: Object.fromEntries(
      targets
        .filter((t) => t.category_id === r.id)
        .map((t) => [
          t.priority,
          { firstResponseMinutes: t.first_response_minutes, resolutionMinutes: t.resolution_minutes },
        ]),
    ),
  }))
}

export interface CategoryInput {
  name: string
  names: Partial<Record<Locale, string>>
  position: number
  active: boolean
  targets: Partial<Record<Priority, SlaTargets>>
}

function checkCategory(input: CategoryInput): void {
  const errors: FieldErrors = {}
  if (!input.name.trim()) errors.name = 'form.required'
  else if (input.name.length > 100) errors.name = 'form.too_long'
  for (const [l, n] of Object.entries(input.names)) if ((n ?? '').length > 100) errors[`name_${l}`] = 'form.too_long'
  for (const p of PRIORITIES) {
    const t = input.targets[p]
    if (!t) continue
    if (!(t.firstResponseMinutes > 0) || t.firstResponseMinutes > 525_600) errors[`first_${p}`] = 'support.error.target'
    if (!(t.resolutionMinutes > 0) || t.resolutionMinutes > 525_600) errors[`resolution_${p}`] = 'support.error.target'
    else if (t.resolutionMinutes < t.firstResponseMinutes)
      errors[`resolution_${p}`] = 'support.error.resolution_before_response'
  }
  if (Object.keys(errors).length) throw new ValidationError(errors)
}

/** Creates or changes a category and its own SLA targets (head and admin). */
export async function saveCategory(ctx: Ctx, id: string | null, input: CategoryInput): Promise<string> {
  ctx.require(CONFIGURE)
  checkCategory(input)
  const before = id ? (await listCategories(ctx)).find((c) => c.id === id) : undefined
  if (id && !before) throw new NotFoundError('category')
  const categoryId = id ?? newId()
  const now = nowIso()
  const names = Object.fromEntries(Object.entries(input.names).filter(([, v]) => v?.trim()))
  await ctx.transaction(async (tx) => {
    const row = {
      name: input.name.trim(),
      names_json: JSON.stringify(names),
      position: input.position,
      is_active: (input.active ? 1 : 0) as 0 | 1,
      updated_at: now,
    }
    if (id) await tx.db.updateTable('support_categories').set(row).where('id', '=', id).execute()
    else await tx.db.insert('support_categories', { id: categoryId, ...row, created_at: now })
    await tx.db.deleteFrom('support_sla_targets').where('category_id', '=', categoryId).execute()
    const targets = PRIORITIES.flatMap((p) => {
      const t = input.targets[p]
      return t
        ? [
            {
              category_id: categoryId,
              priority: p,
              first_response_minutes: t.firstResponseMinutes,
              resolution_minutes: t.resolutionMinutes,
            },
          ]
        : []
    })
    await tx.db.insert('support_sla_targets', targets)
    await tx.audit(id ? 'support_category.updated' : 'support_category.created', {
      entity: 'support_category',
      entityId: categoryId,
      before,
      after: { id: categoryId, ...input, names },
    })
  })
  return categoryId
}

/** Checks support settings as typed; field errors name what is wrong. */
export function checkSupportSettings(s: SupportSettings): FieldErrors {
  const errors: FieldErrors = {}
  if (s.calendar !== 'business' && s.calendar !== 'calendar') errors.calendar = 'form.invalid_choice'
  let open = 0
  for (const day of WEEKDAYS) {
    const h = s.hours[day]
    if (!h) continue
    const a = clockMinutes(h[0])
    const b = clockMinutes(h[1])
    if (a === null || b === null || b <= a) errors[`hours_${day}`] = 'support.error.hours'
    else open++
  }
  if (s.calendar === 'business' && open === 0 && !errors.calendar) errors.hours_mon = 'support.error.no_hours'
  for (const d of s.holidays) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(new Date(`${d}T00:00:00Z`).getTime())) {
      errors.holidays = 'support.error.holidays'
    }
  }
  if (!Number.isInteger(s.reopenDays) || s.reopenDays < 0 || s.reopenDays > 365)
    errors.reopen_days = 'support.error.reopen_days'
  for (const p of s.priorities) {
    if (!(p.firstResponseMinutes > 0) || p.firstResponseMinutes > 525_600)
      errors[`first_${p.key}`] = 'support.error.target'
    if (!(p.resolutionMinutes > 0) || p.resolutionMinutes > 525_600)
      errors[`resolution_${p.key}`] = 'support.error.target'
    else if (p.resolutionMinutes < p.firstResponseMinutes) {
      errors[`resolution_${p.key}`] = 'support.error.resolution_before_response'
    }
  }
  return errors
}

/** Saves the support settings (head and admin); new due times follow them, existing ones stay. */
export async function saveSupportSettings(ctx: Ctx, value: SupportSettings): Promise<void> {
  ctx.require(CONFIGURE)
  const errors = checkSupportSettings(value)
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const before = await supportSettings(ctx)
  const clean: SupportSettings = {
    ...value,
    holidays: [...new Set(value.holidays)].sort(),
    priorities: PRIORITIES.map(
      (k) => value.priorities.find((p) => p.key === k) ?? before.priorities.find((p) => p.key === k),
    ).filter((p): p is SupportSettings['priorities'][number] => p !== undefined),
  }
  await ctx.transaction(async (tx) => {
    await ctx.services.settings.put(
      tx.unscoped('company settings are not client data'),
      'support',
      clean,
      ctx.actor?.id ?? null,
    )
    await tx.audit('settings.support_updated', { entity: 'settings', entityId: 'support', before, after: clean })
  })
}
