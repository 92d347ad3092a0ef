import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely'

export interface ListQuery {
  page: number
  per: number
  sort: string
  dir: 'asc' | 'desc'
  q: string
  /** Other query parameters, as strings (filters). */
  params: Record<string, string>
}

export interface ListSpec {
  /** Sort keys the list accepts; the first is the default unless `defaultSort` says otherwise. */
  sortable: readonly string[]
  defaultSort?: string
  defaultDir?: 'asc' | 'desc'
  per?: number
}

export const MAX_PER_PAGE = 100

/** Reads page/per/sort/dir/q from a query string, falling back to defaults on anything odd. */
export function parseListQuery(query: unknown, spec: ListSpec): ListQuery {
  const raw = (query ?? {}) as Record<string, unknown>
  const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '')
  const params: Record<string, string> = {}
  for (const [k, v] of Object.entries(raw)) params[k] = str(v).slice(0, 200)
  const page = Math.max(1, Math.min(100_000, Number.parseInt(params.page ?? '', 10) || 1))
  const per = Math.max(1, Math.min(MAX_PER_PAGE, Number.parseInt(params.per ?? '', 10) || spec.per || 25))
  const sort = spec.sortable.includes(params.sort ?? '')
    ? (params.sort as string)
    : (spec.defaultSort ?? spec.sortable[0] ?? '')
  const dir = params.dir === 'asc' || params.dir === 'desc' ? params.dir : (spec.defaultDir ?? 'asc')
  return { page, per, sort, dir, q: (params.q ?? '').trim(), params }
}

export interface Page<T> {
  rows: T[]
  total: number
  page: number
  per: number
}

/**
 * Runs a filtered query as one page plus its total. `order` maps each sort key to the column(s)
 * it sorts by; `id` breaks ties so pages never overlap.
 */
export async function fetchPage<O>(
  // biome-ignore lint/suspicious/noExplicitAny: any query shape; the rows keep their type through O
  qb: SelectQueryBuilder<any, any, O>,
  lq: ListQuery,
  order: Record<string, string>,
  tieBreaker: string,
): Promise<Page<O>> {
  const countRow = (await qb.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('n')).executeTakeFirst()) as
    | { n: number | string }
    | undefined
  const total = Number(countRow?.n ?? 0)
  const column = order[lq.sort] ?? tieBreaker
  const rows = await qb
    .orderBy(sql.ref(column), lq.dir)
    .orderBy(sql.ref(tieBreaker), lq.dir)
    .limit(lq.per)
    .offset((lq.page - 1) * lq.per)
    .execute()
  return { rows, total, page: lq.page, per: lq.per }
}

/** A LIKE pattern matching `text` anywhere, with the wildcards in it escaped (use with `escape '\\'`). */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * `column` contains `text`, case-insensitively in both dialects (SQLite's lower() is made Unicode
 * aware in core/db), with `%` and `_` in the text taken literally.
 */
export const containsText = (column: string, text: string): Expression<SqlBool> =>
  sql<SqlBool>`lower(${sql.ref(column)}) like ${containsPattern(text.toLowerCase())} escape '\\'`
