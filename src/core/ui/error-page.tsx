import { Layout, PublicLayout } from './layout.js'
import type { PageContext } from './page-context.js'

export function ErrorPage({
  pc,
  status,
  message,
  requestId,
}: {
  pc: PageContext
  status: number
  message: string
  requestId?: string
}) {
  const title =
    pc.t(`error.title.${status}`) === `error.title.${status}`
      ? pc.t('error.title.other')
      : pc.t(`error.title.${status}`)
  const body = (
    <div class="error-page">
      <p safe>{message}</p>
      {requestId ? (
        <p class="muted" safe>
          {pc.t('error.request_id', { id: requestId })}
        </p>
      ) : (
        ''
      )}
      <p>
        <a class="btn" href="/" safe>
          {pc.t('error.go_home')}
        </a>
      </p>
    </div>
  )
  return pc.actor ? (
    <Layout pc={pc} title={title} width="narrow">
      {body}
    </Layout>
  ) : (
    <PublicLayout pc={pc} title={title}>
      {body}
    </PublicLayout>
  )
}
