import { Card, EmptyState } from '../../ui/components.js'
import { Csrf } from '../../ui/forms.js'
import { Layout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'

export interface PreferenceRow {
  event: string
  label: string
  channels: Record<string, boolean>
}

export function PreferencesPage({
  pc,
  rows,
  channels,
}: {
  pc: PageContext
  rows: PreferenceRow[]
  channels: readonly string[]
}) {
  return (
    <Layout
      pc={pc}
      title={pc.t('notifications.title')}
      crumbs={[{ label: pc.t('nav.account'), href: '/account' }, { label: pc.t('notifications.title') }]}
      width="narrow"
    >
      <Card>
        {rows.length === 0 ? (
          <EmptyState title={pc.t('notifications.none')} hint={pc.t('notifications.none_hint')} />
        ) : (
          <form method="post" action="/account/notifications" class="form">
            <Csrf pc={pc} />
            <p class="help" safe>
              {pc.t('notifications.intro')}
            </p>
            <div class="table-scroll">
              <table class="data-table">
                <caption class="visually-hidden" safe>
                  {pc.t('notifications.title')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" safe>
                      {pc.t('notifications.event')}
                    </th>
                    {channels.map((c) => (
                      <th scope="col" safe>
                        {pc.t(`notifications.channel.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <th scope="row" safe>
                        {pc.t(r.label)}
                      </th>
                      {channels.map((c) => (
                        <td>
                          <input
                            type="checkbox"
                            name="on"
                            value={`${r.event}:${c}`}
                            checked={r.channels[c]}
                            aria-label={`${pc.t(r.label)} — ${pc.t(`notifications.channel.${c}`)}`}
                          />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="form-actions">
              <button type="submit" class="btn btn-primary" data-disable-on-submit safe>
                {pc.t('form.save')}
              </button>
            </div>
          </form>
        )}
      </Card>
    </Layout>
  )
}
