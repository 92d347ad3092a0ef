import { sql } from 'kysely'
import type { Ctx } from '../ctx.js'
import { DEFAULT_NUMBERING } from '../settings/settings-store.js'

/** The counter placeholder: `{N}` … `{NNNNNNNN}`, zero-padded to its length. */
const COUNTER = /\{(N+)\}/

/** Whether a numbering template has exactly one counter placeholder. */
export const isValidTemplate = (template: string): boolean => (template.match(/\{N+\}/g) ?? []).length === 1

/**
 * The counter period of a template: numbers restart each year when it shows `{YYYY}`/`{YY}`, each
 * month when it shows `{MM}` too, and never otherwise.
 */
export function periodOf(template: string, date: string): string {
  const [y, m] = date.split('-')
  if (/\{MM\}/.test(template)) return `${y}-${m}`
  if (/\{YY(YY)?\}/.test(template)) return y as string
  return 'all'
}

export function formatNumber(template: string, date: string, value: number): string {
  const [y, m] = date.split('-') as [string, string]
  return template
    .replace('{YYYY}', y)
    .replace('{YY}', y.slice(2))
    .replace('{MM}', m)
    .replace(COUNTER, (_, n: string) => String(value).padStart(n.length, '0'))
}

/**
 * Takes the next human number of `kind` (invoice, order, …) for a document dated `date`, formatted by
 * the company's template. Call it inside the transaction that stores the document: the counter row
 * stays locked until commit, so concurrent callers queue and a rollback gives the number back.
 */
export async function nextNumber(ctx: Ctx, kind: string, date: string): Promise<string> {
  if (!ctx.inTransaction) throw new Error('nextNumber must run inside the transaction that stores the document')
  const company = await ctx.services.settings.get('company')
  const template = company.numbering[kind] ?? DEFAULT_NUMBERING[kind] ?? `${kind.toUpperCase()}-{YYYY}-{NNNNNN}`
  const period = periodOf(template, date)
  const raw = ctx.unscoped('document numbering spans all clients')
  const row = await raw
    .insertInto('number_sequences')
    .values({ kind, period, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['kind', 'period']).doUpdateSet({ last_value: sql`number_sequences.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow()
  return formatNumber(template, date, Number(row.last_value))
}
