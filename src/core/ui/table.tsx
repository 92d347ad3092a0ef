import type { Children } from '@kitajs/html'
import type { ListQuery } from '../http/list-query.js'
import { formatNumber } from '../i18n/format.js'
import type { PageContext } from './page-context.js'

export interface Column<T> {
  key: string
  label: string
  sortable?: boolean
  align?: 'left' | 'right'
  render: (row: T) => Children
}

/** The current list URL with some parameters changed (and page reset unless given). */
export function listHref(path: string, lq: ListQuery, changes: Record<string, string | number | null>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(lq.params)) if (v !== '' && k !== 'page') params.set(k, v)
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') params.delete(k)
    else params.set(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

const htmxNav = (target: string) => ({
  'hx-get': undefined as string | undefined,
  'hx-target': `#${target}`,
  'hx-select': `#${target}`,
  'hx-swap': 'outerHTML',
  'hx-push-url': 'true',
})

export function Pagination(p: { pc: PageContext; path: string; lq: ListQuery; total: number; target: string }) {
  const pages = Math.max(1, Math.ceil(p.total / p.lq.per))
  if (p.total === 0) return ''
  const from = (p.lq.page - 1) * p.lq.per + 1
  const to = Math.min(p.total, p.lq.page * p.lq.per)
  const link = (page: number, label: string, rel?: string) => {
    const href = listHref(p.path, p.lq, { page: page === 1 ? null : page })
    return (
      <a href={href} {...htmxNav(p.target)} hx-get={href} rel={rel} safe>
        {label}
      </a>
    )
  }
  const numbers: number[] = []
  for (let i = Math.max(1, p.lq.page - 2); i <= Math.min(pages, p.lq.page + 2); i++) numbers.push(i)
  return (
    <nav class="pagination" aria-label={p.pc.t('list.pagination')}>
      <p class="pagination-info" safe>
        {p.pc.t('list.showing', {
          from: formatNumber(p.pc.locale, from),
          to: formatNumber(p.pc.locale, to),
          total: formatNumber(p.pc.locale, p.total),
        })}
      </p>
      <ul>
        <li>{p.lq.page > 1 ? link(p.lq.page - 1, p.pc.t('list.previous'), 'prev') : ''}</li>
        {numbers.map((n) => (
          <li>
            {n === p.lq.page ? (
              <span aria-current="page" class="current" safe>
                {String(n)}
              </span>
            ) : (
              link(n, String(n))
            )}
          </li>
        ))}
        <li>{p.lq.page < pages ? link(p.lq.page + 1, p.pc.t('list.next'), 'next') : ''}</li>
      </ul>
    </nav>
  )
}

/**
 * The one data table: sortable headers, right-aligned figures, an empty state, pagination. With
 * htmx, sorting and paging swap only the table and keep the URL bookmarkable.
 */
export function DataTable<T>(p: {
  pc: PageContext
  id: string
  path: string
  lq: ListQuery
  columns: Column<T>[]
  rows: T[]
  total: number
  caption: string
  empty: Children
}) {
  return (
    <div id={p.id} class="table-block">
      {p.rows.length === 0 ? (
        <div class="empty-state">{p.empty}</div>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <caption class="visually-hidden" safe>
              {p.caption}
            </caption>
            <thead>
              <tr>
                {p.columns.map((c) => {
                  const active = p.lq.sort === c.key
                  const nextDir = active && p.lq.dir === 'asc' ? 'desc' : 'asc'
                  const href = listHref(p.path, p.lq, { sort: c.key, dir: nextDir })
                  return (
                    <th
                      scope="col"
                      class={c.align === 'right' ? 'num' : undefined}
                      aria-sort={active ? (p.lq.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      {c.sortable ? (
                        <a href={href} {...htmxNav(p.id)} hx-get={href} class="sort-link">
                          <span safe>{c.label}</span>
                          <span class="sort-indicator" aria-hidden="true">
                            {active ? (p.lq.dir === 'asc' ? '▲' : '▼') : '↕'}
                          </span>
                        </a>
                      ) : (
                        <span safe>{c.label}</span>
                      )}
                    </th>
                  )
                })}
              </tr>
            </thead>
            <tbody>
              {p.rows.map((row) => (
                <tr>
                  {p.columns.map((c) => (
                    <td class={c.align === 'right' ? 'num' : undefined}>{c.render(row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination pc={p.pc} path={p.path} lq={p.lq} total={p.total} target={p.id} />
    </div>
  )
}

/** The filter bar above a table: a GET form that htmx submits as the user types. */
export function FilterBar(p: { pc: PageContext; path: string; target: string; children: Children }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form must submit without JS; role=search names its landmark
    <form
      method="get"
      action={p.path}
      class="filter-bar"
      role="search"
      hx-get={p.path}
      hx-target={`#${p.target}`}
      hx-select={`#${p.target}`}
      hx-swap="outerHTML"
      hx-push-url="true"
      hx-trigger="input changed delay:300ms from:input[type=search], change"
    >
      {p.children}
      <button type="submit" class="btn" safe>
        {p.pc.t('list.filter')}
      </button>
    </form>
  )
}

export function SearchInput(p: { pc: PageContext; value: string; label: string }) {
  return (
    <label class="filter-search">
      <span class="visually-hidden" safe>
        {p.label}
      </span>
      <input type="search" name="q" value={p.value} placeholder={p.label} />
    </label>
  )
}

export function FilterSelect(p: {
  name: string
  label: string
  value: string
  options: { value: string; label: string }[]
  allLabel: string
}) {
  return (
    <label class="filter-select">
      <span class="visually-hidden" safe>
        {p.label}
      </span>
      <select name={p.name} aria-label={p.label}>
        <option value="" safe>
          {p.allLabel}
        </option>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  )
}
