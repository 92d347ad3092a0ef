import { defineModule } from '../../core/module.js'
import { contactsApi } from './contacts.api.js'
import { contactsDashboard } from './contacts.dashboard.js'
import { contactsDemo } from './contacts.demo.js'
import { contactsPages } from './contacts.routes.js'
import { CONTACT_TABLE_SCOPES } from './contacts.scope.js'
import { contactTimeline } from './contacts.timeline.js'
import { contactsMessages } from './contacts-messages.js'
import { contactsMigrations } from './migrations/index.js'

/** The contact log: calls, meetings, e-mails with clients, their outcome and next steps (internal). */
export const contactsModule = defineModule({
  name: 'contacts',
  dependsOn: ['clients'],
  permissions: {
    'contacts.read': ['manager', 'head'],
    'contacts.manage': ['manager', 'head'],
  },
  tables: CONTACT_TABLE_SCOPES,
  migrations: contactsMigrations,
  pages: contactsPages,
  api: contactsApi,
  nav: [{ label: 'nav.contacts', href: '/contacts', group: 'clients', permission: 'contacts.read' }],
  messages: contactsMessages,
  timeline: contactTimeline,
  dashboard: contactsDashboard,
  demo: contactsDemo,
})

export type { ContactInput, ContactLogRow, ContactView } from './contacts.schema.js'
export { getContact, listContacts, markNextStepDone, recordContact } from './contacts.service.js'
