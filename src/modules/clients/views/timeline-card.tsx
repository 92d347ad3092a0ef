import { formatDateTime } from '../../../core/i18n/format.js'
import type { TimelineEvent } from '../../../core/module.js'
import { Badge } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'

/** Everything that happened with the client, from every module, newest first; staff-only items marked. */
export function TimelineCard(p: {
  pc: PageContext
  clientId: string
  items: TimelineEvent[]
  older: string | null
  paged: boolean
}) {
  const { pc } = p
  return (
    <section class="card" id="timeline">
      <header class="card-header">
        <h2 safe>{pc.t('clients.timeline.title')}</h2>
      </header>
      <div class="card-body">
        {p.items.length === 0 ? (
          <p class="muted" safe>
            {pc.t('clients.timeline.empty')}
          </p>
        ) : (
          <ol class="timeline">
            {p.items.map((i) => (
              <li class={i.internal ? 'internal' : undefined}>
                <p class="timeline-meta">
                  <span safe>{formatDateTime(pc.locale, i.at, pc.timeZone)}</span>
                  {i.who ? (
                    <>
                      {' · '}
                      <span safe>{i.who}</span>
                    </>
                  ) : (
                    ''
                  )}
                  {' · '}
                  <span safe>
                    {pc.t(`clients.timeline.module.${i.module}`) === `clients.timeline.module.${i.module}`
                      ? i.module
                      : pc.t(`clients.timeline.module.${i.module}`)}
                  </span>
                  {i.internal ? (
                    <>
                      {' '}
                      <Badge tone="amber" label={pc.t('clients.timeline.internal')} />
                    </>
                  ) : (
                    ''
                  )}
                </p>
                <p>
                  {i.href ? (
                    <a href={i.href} safe>
                      {i.title}
                    </a>
                  ) : (
                    <span safe>{i.title}</span>
                  )}
                </p>
                {i.detail ? (
                  <p class="muted pre-line" safe>
                    {i.detail}
                  </p>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ol>
        )}
        <p class="timeline-more">
          {p.paged ? (
            <a href={`/clients/${p.clientId}#timeline`} safe>
              {pc.t('clients.timeline.newest')}
            </a>
          ) : (
            ''
          )}{' '}
          {p.older ? (
            <a href={`/clients/${p.clientId}?before=${encodeURIComponent(p.older)}#timeline`} rel="next" safe>
              {pc.t('clients.timeline.older')}
            </a>
          ) : (
            ''
          )}
        </p>
      </div>
    </section>
  )
}
