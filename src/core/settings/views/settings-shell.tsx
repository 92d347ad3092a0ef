import type { Children } from '@kitajs/html'
import { Layout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'

export type SettingsTab = 'company' | 'images' | 'security' | 'modules'

const TABS: { tab: SettingsTab; href: string }[] = [
  { tab: 'company', href: '/settings' },
  { tab: 'images', href: '/settings/images' },
  { tab: 'security', href: '/settings/security' },
  { tab: 'modules', href: '/settings/modules' },
]

/** The settings pages share one header and a row of section tabs (plain links: no JavaScript needed). */
export function SettingsShell(p: { pc: PageContext; tab: SettingsTab; children?: Children }) {
  const { pc } = p
  return (
    <Layout
      pc={pc}
      title={pc.t(`settings.tab.${p.tab}`)}
      crumbs={[{ label: pc.t('settings.title'), href: '/settings' }, { label: pc.t(`settings.tab.${p.tab}`) }]}
    >
      <nav class="tabs" aria-label={pc.t('settings.tabs_label')}>
        <ul>
          {TABS.map((t) => (
            <li>
              <a
                href={t.href}
                class={t.tab === p.tab ? 'active' : undefined}
                aria-current={t.tab === p.tab ? 'page' : undefined}
                safe
              >
                {pc.t(`settings.tab.${t.tab}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {p.children}
    </Layout>
  )
}
