import { PublicLayout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'

/** What a refused single sign-on shows: never why in detail (that is in the log), only what to do. */
export function SsoRefusedPage(p: { pc: PageContext; notActivated: boolean }) {
  const { pc } = p
  return (
    <PublicLayout pc={pc} title={pc.t('site.sso_invalid_title')}>
      <p safe>{p.notActivated ? pc.t('site.sso_not_active_body') : pc.t('site.sso_invalid_body')}</p>
      <p>
        <a class="btn btn-primary" href="/login" safe>
          {pc.t('site.sso_to_login')}
        </a>
      </p>
    </PublicLayout>
  )
}
