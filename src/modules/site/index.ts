import { defineModule } from '../../core/module.js'
import { siteMigrations } from './migrations/index.js'
import { siteApi } from './site.api.js'
import { sitePages } from './site.routes.js'
import { siteDemo } from './site-demo.js'
import { siteMessages } from './site-messages.js'
import { deliverDueWebhooks, purgeSiteRecords } from './webhook-delivery.js'
import { onClientChanged, onUserChanged } from './webhooks.service.js'

/** Synchronisation with the company's website: REST upserts, single sign-on, webhooks out. */
export const siteModule = defineModule({
  name: 'site',
  // Clients are created and changed through the clients module's service and its rules.
  dependsOn: ['clients'],
  permissions: {
    'site.sync': ['admin', 'head'],
    'site.manage': ['admin', 'head'],
  },
  tables: {
    site_links: 'staff',
    site_sso_nonces: 'staff',
    site_webhook_deliveries: 'staff',
  },
  migrations: siteMigrations,
  // Pages sit at the root: the settings under /site, and /sso where the website sends its users.
  prefix: '',
  pages: sitePages,
  api: siteApi,
  nav: [{ label: 'nav.site', href: '/site', group: 'settings', permission: 'site.manage' }],
  messages: siteMessages,
  on: {
    'clients.created': onClientChanged('clients.created'),
    'clients.updated': onClientChanged('clients.updated'),
    'users.created': onUserChanged('users.created'),
    'users.updated': onUserChanged('users.updated'),
  },
  jobs: [
    { name: 'site.webhooks', everySeconds: 10, run: async (ctx) => void (await deliverDueWebhooks(ctx)) },
    { name: 'site.cleanup', everySeconds: 3600, run: purgeSiteRecords },
  ],
  demo: siteDemo,
})

export { upsertSiteClient } from './site-clients.service.js'
export { upsertSiteUser } from './site-users.service.js'
