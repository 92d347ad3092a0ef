import { formatDateTime } from '../../i18n/format.js'
import { Badge, Card, Details } from '../../ui/components.js'
import { Layout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'
import type { AuditDetail } from '../audit.service.js'
import type { Change } from '../audit-diff.js'
import { ActionLabel } from './audit-list-page.js'

const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2))

const KIND_TONE = { added: 'green', removed: 'red', changed: 'blue' } as const

function ChangesTable({ pc, changes }: { pc: PageContext; changes: Change[] }) {
  if (changes.length === 0) {
    return (
      <p class="muted" safe>
        {pc.t('audit.no_changes')}
      </p>
    )
  }
  return (
    <div class="table-scroll">
      <table class="data-table diff-table">
        <caption class="visually-hidden" safe>
          {pc.t('audit.changes')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {pc.t('audit.diff.field')}
            </th>
            <th scope="col" safe>
              {pc.t('audit.diff.before')}
            </th>
            <th scope="col" safe>
              {pc.t('audit.diff.after')}
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <th scope="row">
                <code safe>{c.path || pc.t('audit.diff.value')}</code>{' '}
                <Badge tone={KIND_TONE[c.kind]} label={pc.t(`audit.diff.${c.kind}`)} />
              </th>
              <td class={c.kind === 'added' ? undefined : 'diff-removed'} safe>
                {json(c.before)}
              </td>
              <td class={c.kind === 'removed' ? undefined : 'diff-added'} safe>
                {json(c.after)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** One audit record: who, when, what, and the before/after values with what changed between them. */
export function AuditEntryPage(p: { pc: PageContext; entry: AuditDetail; changes: Change[] }) {
  const { pc, entry } = p
  const none = <span class="muted">—</span>
  const rows: [string, JSX.Element | string][] = [
    [pc.t('audit.col.time'), <span safe>{formatDateTime(pc.locale, entry.at, pc.timeZone)}</span>],
    [pc.t('audit.col.actor'), <span safe>{entry.actor_label}</span>],
    [pc.t('audit.col.action'), <ActionLabel pc={pc} action={entry.action} />],
    [pc.t('audit.col.entity'), <span safe>{entry.entity}</span>],
    [
      pc.t('audit.col.entity_id'),
      entry.entity_id ? (
        <a
          href={`/audit?entity=${encodeURIComponent(entry.entity)}&entity_id=${encodeURIComponent(entry.entity_id)}`}
          safe
        >
          {entry.entity_id}
        </a>
      ) : (
        none
      ),
    ],
    [pc.t('audit.col.client'), entry.client_name ? <span safe>{entry.client_name}</span> : none],
  ]
  if (entry.ip !== null || entry.request_id !== null) {
    rows.push([pc.t('audit.ip'), entry.ip ? <span safe>{entry.ip}</span> : none])
    rows.push([pc.t('audit.request_id'), entry.request_id ? <code safe>{entry.request_id}</code> : none])
  }
  return (
    <Layout
      pc={pc}
      title={pc.t('audit.entry_title')}
      crumbs={[{ label: pc.t('audit.title'), href: '/audit' }, { label: entry.action }]}
    >
      <Card>
        <Details rows={rows} />
      </Card>
      <Card title={pc.t('audit.changes')}>
        <ChangesTable pc={pc} changes={p.changes} />
      </Card>
      <div class="grid-2">
        <Card title={pc.t('audit.before')}>
          {entry.before === null ? (
            <p class="muted" safe>
              {pc.t('audit.nothing_recorded')}
            </p>
          ) : (
            <pre class="json" safe>
              {json(entry.before)}
            </pre>
          )}
        </Card>
        <Card title={pc.t('audit.after')}>
          {entry.after === null ? (
            <p class="muted" safe>
              {pc.t('audit.nothing_recorded')}
            </p>
          ) : (
            <pre class="json" safe>
              {json(entry.after)}
            </pre>
          )}
        </Card>
      </div>
    </Layout>
  )
}
