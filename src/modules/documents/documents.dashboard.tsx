import type { Ctx } from '../../core/ctx.js'
import { formatDate, formatMoney } from '../../core/i18n/format.js'
import { Card } from '../../core/ui/components.js'
import type { PageContext } from '../../core/ui/page-context.js'
import { recentDocuments } from './documents.service.js'

/** A client user's home: the newest documents sent to its company, each one click from its PDF. */
export async function documentsDashboard(ctx: Ctx, pc: PageContext): Promise<JSX.Element> {
  const clientId = ctx.actor?.clientId
  if (ctx.actor?.role !== 'client' || !clientId || !ctx.can('documents.client')) return ''
  const docs = await recentDocuments(ctx, clientId, 5)
  if (docs.length === 0) return ''
  return (
    <Card
      title={pc.t('documents.home_recent')}
      actions={
        <a href="/documents" safe>
          {pc.t('documents.home_all')}
        </a>
      }
    >
      <ul class="plain-list">
        {docs.map((d) => (
          <li>
            <a href={`/documents/${encodeURIComponent(d.id)}`} safe>
              {`${pc.t(`documents.kind.${d.kind}`)} ${d.number}`}
            </a>{' '}
            <span class="muted" safe>
              {[
                formatDate(pc.locale, d.date),
                d.totalMinor !== null && d.currency ? formatMoney(pc.locale, d.totalMinor, d.currency) : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>{' '}
            <a href={`/documents/${encodeURIComponent(d.id)}/pdf`} download="" safe>
              {pc.t('documents.download')}
            </a>
          </li>
        ))}
      </ul>
    </Card>
  )
}
