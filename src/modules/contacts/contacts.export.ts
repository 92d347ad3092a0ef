import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import type { ListQuery } from '../../core/http/list-query.js'
import { applyContactFilters, CONTACT_SORTS, contactRows, personsOf } from './contacts.queries.js'
import type { ContactFilters } from './contacts.schema.js'
import { companyTimeZone, READ } from './contacts.service.js'
import { utcToLocal } from './zoned-time.js'

const BATCH = 500

/**
 * One CSV cell. A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe, so an exported summary can never execute anything (CSV injection).
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",;\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s
}

export const csvLine = (cells: (string | number | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`

/**
 * The filtered contact log as CSV lines (UTF-8 with a byte-order mark so spreadsheets read the
 * accents), in the list's order, read in batches so a long log never sits in memory at once.
 */
export async function* contactCsv(ctx: Ctx, filters: ContactFilters, lq: ListQuery): AsyncGenerator<string> {
  ctx.require(READ)
  const t = ctx.services.catalog.translator(ctx.locale)
  const tz = await companyTimeZone(ctx)
  yield `\uFEFF${csvLine([
    t('contacts.csv.occurred_at', { zone: tz }),
    t('contacts.client'),
    t('contacts.employee'),
    t('contacts.channel'),
    t('contacts.direction'),
    t('contacts.csv.duration'),
    t('contacts.persons'),
    t('contacts.summary'),
    t('contacts.outcome'),
    t('contacts.next_step'),
    t('contacts.next_step_due'),
    t('contacts.csv.done_at', { zone: tz }),
    t('contacts.csv.id'),
  ])}`
  const column = CONTACT_SORTS[lq.sort] ?? CONTACT_SORTS.occurred_at
  for (let offset = 0; ; offset += BATCH) {
    const rows = await applyContactFilters(contactRows(ctx), filters, tz)
      .orderBy(sql.ref(column as string), lq.dir)
      .orderBy('contact_log.id', lq.dir)
      .limit(BATCH)
      .offset(offset)
      .execute()
    const persons = await personsOf(
      ctx,
      rows.map((r) => r.id),
    )
    yield rows
      .map((r) =>
        csvLine([
          utcToLocal(r.occurred_at, tz).replace('T', ' '),
          r.client_name,
          r.employee_name,
          t(`contacts.channel.${r.channel}`),
          t(`contacts.direction.${r.direction}`),
          r.duration_minutes,
          (persons.get(r.id) ?? []).map((p) => p.name).join('; '),
          r.summary,
          r.outcome,
          r.next_step,
          r.next_step_due,
          r.next_step_done_at ? utcToLocal(r.next_step_done_at, tz).replace('T', ' ') : null,
          r.id,
        ]),
      )
      .join('')
    if (rows.length < BATCH) return
  }
}
