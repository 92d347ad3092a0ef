import type { Children } from '@kitajs/html'
import { LOCALE_NAMES, LOCALES } from '../i18n/messages.js'
import type { PageContext } from './page-context.js'

export interface Crumb {
  label: string
  href?: string
}

const GROUP_ORDER = ['main', 'clients', 'sales', 'finance', 'support', 'content', 'reports', 'settings'] as const

function SideNav({ pc }: { pc: PageContext }) {
  const groups = GROUP_ORDER.map((g) => ({ g, items: pc.nav.filter((n) => n.group === g) })).filter(
    (x) => x.items.length > 0,
  )
  return (
    <nav id="sidenav" class="sidenav" aria-label={pc.t('nav.label')}>
      {groups.map(({ g, items }) => (
        <div class="nav-group">
          {g !== 'main' && (
            <p class="nav-group-title" safe>
              {pc.t(`nav.group.${g}`)}
            </p>
          )}
          <ul>
            {items.map((n) => (
              <li>
                <a href={n.href} class={n.active ? 'active' : undefined} aria-current={n.active ? 'page' : undefined}>
                  <span safe>{n.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  )
}

export function LocaleSwitch({ pc }: { pc: PageContext }) {
  return (
    <form method="post" action="/locale" class="locale-switch" data-autosubmit>
      <input type="hidden" name="_csrf" value={pc.csrf} />
      <input type="hidden" name="back" value={pc.path} />
      <label class="visually-hidden" for="locale-select" safe>
        {pc.t('shell.language')}
      </label>
      <select id="locale-select" name="locale">
        {LOCALES.map((l) => (
          <option value={l} selected={l === pc.locale} safe>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="submit" class="btn btn-small js-hide" safe>
        {pc.t('shell.apply')}
      </button>
    </form>
  )
}

function UserMenu({ pc }: { pc: PageContext }) {
  if (!pc.actor) return ''
  return (
    <details class="user-menu">
      <summary>
        <span class="avatar" aria-hidden="true" safe>
          {pc.actor.name.slice(0, 1).toUpperCase()}
        </span>
        <span class="user-name" safe>
          {pc.actor.name}
        </span>
      </summary>
      <div class="menu" role="menu">
        <p class="menu-meta" safe>
          {`${pc.actor.email} · ${pc.t(`role.${pc.actor.role}`)}`}
        </p>
        <a role="menuitem" href="/account" safe>
          {pc.t('nav.account')}
        </a>
        <a role="menuitem" href="/api/docs" safe>
          {pc.t('nav.api_docs')}
        </a>
        <form method="post" action="/logout">
          <input type="hidden" name="_csrf" value={pc.csrf} />
          <button type="submit" role="menuitem" class="linklike" safe>
            {pc.t('auth.logout')}
          </button>
        </form>
      </div>
    </details>
  )
}

export function FlashMessage({ pc }: { pc: PageContext }) {
  if (!pc.flash) return ''
  return (
    <div class={`flash flash-${pc.flash.kind}`} role={pc.flash.kind === 'error' ? 'alert' : 'status'}>
      <span safe>{pc.flash.text}</span>
    </div>
  )
}

export interface LayoutProps {
  pc: PageContext
  title: string
  crumbs?: Crumb[]
  actions?: JSX.Element
  /** `narrow` for forms and cards, `wide` for tables. */
  width?: 'narrow' | 'normal' | 'wide'
  children?: Children
}

function Head({ pc, title }: { pc: PageContext; title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowScriptTags":false}' />
      <title safe>{`${title} · ${pc.companyName}`}</title>
      <link rel="stylesheet" href="/static/app/app.css" />
      <link rel="icon" href="/favicon.ico" />
      <script src="/static/htmx/htmx.min.js" defer></script>
      <script src="/static/app/app.js" defer></script>
    </head>
  )
}

/** The page shell: top bar, role navigation, page header with crumbs and the main action. */
export function Layout({ pc, title, crumbs, actions, width = 'normal', children }: LayoutProps) {
  const brand = (
    <a class="brand" href="/">
      {pc.hasLogo ? <img src="/settings/logo" alt="" class="brand-logo" /> : ''}
      <span safe>{pc.companyName}</span>
    </a>
  )
  return (
    <>
      {'<!doctype html>'}
      <html lang={pc.locale}>
        <Head pc={pc} title={title} />
        <body hx-headers={JSON.stringify({ 'x-csrf-token': pc.csrf })}>
          <a class="skip-link" href="#main" safe>
            {pc.t('shell.skip_to_content')}
          </a>
          <header class="topbar">
            {pc.actor ? (
              <a href="#sidenav" class="menu-toggle" aria-controls="sidenav" aria-expanded="false">
                <span aria-hidden="true">☰</span>
                <span class="visually-hidden" safe>
                  {pc.t('shell.menu')}
                </span>
              </a>
            ) : (
              ''
            )}
            {brand}
            <div class="topbar-end">
              <LocaleSwitch pc={pc} />
              <UserMenu pc={pc} />
            </div>
          </header>
          <div class={pc.actor ? 'shell' : 'shell shell-public'}>
            {pc.actor ? <SideNav pc={pc} /> : ''}
            <main id="main" class={`content content-${width}`} tabindex="-1">
              {pc.mailToFiles ? (
                <p class="banner banner-info" safe>
                  {pc.t('shell.mail_to_files')}
                </p>
              ) : (
                ''
              )}
              <div class="page-header">
                <div>
                  {crumbs && crumbs.length > 0 ? (
                    <nav class="crumbs" aria-label={pc.t('shell.breadcrumbs')}>
                      <ol>
                        {crumbs.map((c) => (
                          <li>
                            {c.href ? (
                              <a href={c.href} safe>
                                {c.label}
                              </a>
                            ) : (
                              <span safe>{c.label}</span>
                            )}
                          </li>
                        ))}
                      </ol>
                    </nav>
                  ) : (
                    ''
                  )}
                  <h1 safe>{title}</h1>
                </div>
                {actions ? <div class="page-actions">{actions}</div> : ''}
              </div>
              <FlashMessage pc={pc} />
              {children}
            </main>
          </div>
        </body>
      </html>
    </>
  )
}

/** A page for people who are not signed in: login, setup, password reset. */
export function PublicLayout({ pc, title, children }: { pc: PageContext; title: string; children?: Children }) {
  return (
    <>
      {'<!doctype html>'}
      <html lang={pc.locale}>
        <Head pc={pc} title={title} />
        <body class="public">
          <main id="main" class="public-main">
            <div class="public-card">
              <div class="public-brand">
                {pc.hasLogo ? <img src="/settings/logo" alt="" class="brand-logo" /> : ''}
                <span safe>{pc.companyName}</span>
              </div>
              <h1 safe>{title}</h1>
              <FlashMessage pc={pc} />
              {children}
            </div>
            <LocaleSwitch pc={pc} />
          </main>
        </body>
      </html>
    </>
  )
}
