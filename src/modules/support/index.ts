import { defineModule } from '../../core/module.js'
import * as createTables from './migrations/2026_11_29_2100_support_create_tables.js'
import { supportApi } from './support.api.js'
import { supportDashboard } from './support.dashboard.js'
import { supportDemo } from './support.demo.js'
import { supportPages } from './support.routes.js'
import { supportTimeline } from './support.timeline.js'
import { supportMessages } from './support-messages.js'
import { EVENTS } from './support-notify.js'
import { closeStaleResolved } from './support-workflow.service.js'

/**
 * The support line: client requests with categories, priorities and SLA due times on the company's
 * business calendar, assignment and queues, a Markdown thread with attachments and internal notes,
 * the status workflow with reopen and rating, notifications, the overdue report and the API.
 */
export const supportModule = defineModule({
  name: 'support',
  dependsOn: ['clients'],
  permissions: {
    'support.read': ['manager', 'head'],
    'support.manage': ['manager', 'head'],
    'support.reports': ['manager', 'head'],
    'support.configure': ['head', 'admin'],
    'support.client': ['client'],
  },
  clientAreas: { 'support.client': 'support' },
  tables: {
    support_requests: 'client',
    support_messages: 'client',
    support_attachments: 'client',
    support_status_changes: 'client',
    support_categories: 'global',
    support_sla_targets: 'global',
  },
  migrations: { '2026_11_29_2100_support_create_tables': createTables },
  pages: supportPages,
  api: supportApi,
  nav: [
    { label: 'nav.support_queue', href: '/support', group: 'support', permission: 'support.read' },
    { label: 'nav.support_report', href: '/support/reports/overdue', group: 'reports', permission: 'support.reports' },
    { label: 'nav.support_settings', href: '/support/settings', group: 'settings', permission: 'support.configure' },
    { label: 'nav.my_requests', href: '/support/mine', group: 'main', permission: 'support.client', roles: ['client'] },
  ],
  messages: supportMessages,
  notifications: [
    { event: EVENTS.created, label: 'support.event.created', audience: ['staff'] },
    { event: EVENTS.clientReplied, label: 'support.event.client_replied', audience: ['staff'] },
    { event: EVENTS.assigned, label: 'support.event.assigned', audience: ['staff'] },
    { event: EVENTS.staffReplied, label: 'support.event.staff_replied', audience: ['client'] },
    { event: EVENTS.statusChanged, label: 'support.event.status_changed', audience: ['client', 'staff'] },
  ],
  jobs: [
    {
      name: 'support.close_resolved',
      everySeconds: 3600,
      run: async (ctx) => {
        await closeStaleResolved(ctx)
      },
    },
  ],
  dashboard: supportDashboard,
  timeline: supportTimeline,
  demo: supportDemo,
})

export { countOverdueRequests } from './overdue-count.js'
export type { Priority, RequestStatus } from './support.constants.js'
export { getRequest, listRequests, type RequestView } from './support.service.js'
export { saveCategory } from './support-settings.service.js'
export { addMessage, createRequest } from './support-thread.service.js'
export { changeStatus } from './support-workflow.service.js'
