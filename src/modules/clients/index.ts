import { defineModule } from '../../core/module.js'
import { clientsTimeline } from './client-timeline.js'
import { clientsApi } from './clients.api.js'
import { clientsDemo } from './clients.demo.js'
import { clientsPages } from './clients.routes.js'
import { clientsMessages } from './clients-messages.js'
import { clientsMigrations } from './migrations/index.js'

/**
 * Client manager: the business side of the tenant table (legal details, tax ids, bank accounts,
 * group, status, manager), contact persons, reassignment history, import/export, the client card
 * with every module's timeline, and "My company" for client users.
 */
export const clientsModule = defineModule({
  name: 'clients',
  permissions: {
    'clients.read': ['manager', 'head'],
    'clients.manage': ['manager', 'head'],
    'clients.reassign': ['head'],
    'company.read': ['client'],
  },
  clientAdminPermissions: ['company.manage'],
  tables: { contact_persons: 'client', client_manager_history: 'client' },
  migrations: clientsMigrations,
  // Pages live at /clients (staff) and /company (client users), so the module mounts at the root.
  prefix: '',
  pages: clientsPages,
  api: clientsApi,
  nav: [
    { label: 'nav.clients', href: '/clients', group: 'clients', permission: 'clients.read' },
    { label: 'nav.my_company', href: '/company', group: 'main', permission: 'company.read' },
  ],
  messages: clientsMessages,
  timeline: clientsTimeline,
  demo: clientsDemo,
})

export { parseBankAccounts } from './bank-accounts.js'
export { type ClientInput, emptyClientInput } from './client-input.js'
export type { ClientKind, ClientStatus, RelationshipRole, SupportVisibility } from './clients.constants.js'
export { CLIENT_STATUSES, RELATIONSHIP_ROLES } from './clients.constants.js'
export type { BankAccount, ClientRow, ClientTable, ContactPerson, ContactPersonTable } from './clients.schema.js'
export { createClient, getClient, getClientName, getSupportVisibility, updateClient } from './clients.service.js'
export { listContactPersons } from './contact-persons.service.js'
