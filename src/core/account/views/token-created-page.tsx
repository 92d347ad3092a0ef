import { formatDateTime } from '../../i18n/format.js'
import { Card } from '../../ui/components.js'
import { Layout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'

/** Shows a new API token's secret; the only time it is ever visible. */
export function TokenCreatedPage(p: {
  pc: PageContext
  name: string
  token: string
  expiresAt: string | null
  baseUrl: string
}) {
  const { pc } = p
  return (
    <Layout
      pc={pc}
      title={pc.t('account.token_created_title')}
      crumbs={[{ label: pc.t('account.title'), href: '/account' }, { label: pc.t('account.tokens') }]}
      width="narrow"
    >
      <div class="flash flash-error" role="alert">
        <span safe>{pc.t('account.token_once_warning')}</span>
      </div>
      <Card title={p.name}>
        <p class="token-once">
          <code id="new-token" safe>
            {p.token}
          </code>
        </p>
        <p class="muted" safe>
          {p.expiresAt
            ? pc.t('account.token_expires_at', { date: formatDateTime(pc.locale, p.expiresAt, pc.timeZone) })
            : pc.t('account.token_no_expiry')}
        </p>
        <p safe>{pc.t('account.token_usage')}</p>
        <pre class="json" safe>{`curl -H "Authorization: Bearer ${p.token}" ${p.baseUrl}/api/v1/me`}</pre>
        <p>
          <a class="btn btn-primary" href="/account" safe>
            {pc.t('account.token_done')}
          </a>
          <a class="btn" href="/api/docs" safe>
            {pc.t('nav.api_docs')}
          </a>
        </p>
      </Card>
    </Layout>
  )
}
