import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../ctx.js'
import type { Flash } from '../http/flash.js'
import { clearFlash } from '../http/flash.js'
import type { Locale, Translate } from '../i18n/messages.js'
import type { NavItem } from '../module.js'

export interface NavEntry {
  label: string
  href: string
  group: NavItem['group']
  active: boolean
}

/** What every view needs to render around its own content. */
export interface PageContext {
  t: Translate
  locale: Locale
  actor: Actor | null
  csrf: string
  nav: NavEntry[]
  flash: Flash | null
  companyName: string
  hasLogo: boolean
  timeZone: string
  path: string
  /** Shown to admins: mail is being written to files, not sent. */
  mailToFiles: boolean
}

const CORE_NAV: NavItem[] = [
  { label: 'nav.home', href: '/', group: 'main' },
  { label: 'nav.company_users', href: '/company/users', group: 'main', permission: 'company.users' },
  { label: 'nav.users', href: '/users', group: 'settings', permission: 'users.manage' },
  { label: 'nav.settings', href: '/settings', group: 'settings', permission: 'settings.manage' },
  { label: 'nav.audit', href: '/audit', group: 'settings', permission: 'audit.read' },
]

export async function pageContext(req: FastifyRequest, reply: FastifyReply): Promise<PageContext> {
  const services = req.server.services
  const company = await services.settings.get('company')
  const path = req.url.split('?')[0] ?? '/'
  const items: NavItem[] = [...CORE_NAV]
  for (const mod of services.modules) if (services.isEnabled(mod.name)) items.push(...(mod.nav ?? []))
  const actor = req.actor
  const nav = actor
    ? items
        .filter((i) => (!i.permission || req.ctx.can(i.permission)) && (!i.roles || i.roles.includes(actor.role)))
        .map((i) => ({
          label: req.t(i.label),
          href: i.href,
          group: i.group,
          active: i.href === '/' ? path === '/' : path === i.href || path.startsWith(`${i.href}/`),
        }))
    : []
  // Only the most specific match is current (/company/users, not also /company).
  const best = nav.filter((n) => n.active).sort((a, b) => b.href.length - a.href.length)[0]
  for (const n of nav) n.active = n === best
  if (req.flash) clearFlash(reply)
  return {
    t: req.t,
    locale: req.locale,
    actor,
    csrf: reply.generateCsrf(),
    nav,
    flash: req.flash,
    companyName: company.shortName || company.legalName,
    hasLogo: company.logo !== null,
    timeZone: company.timeZone,
    path,
    // Said where it matters (home and settings), not on every page.
    mailToFiles:
      services.mailer.mode === 'file' &&
      req.ctx.can('settings.manage') &&
      (path === '/' || path.startsWith('/settings')),
  }
}
