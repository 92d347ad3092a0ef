import { Ctx } from '../../core/ctx.js'
import { defineModule } from '../../core/module.js'
import { generateForCharge, generatePaymentRequest } from './document-generate.service.js'
import { documentsApi } from './documents.api.js'
import { EVENTS } from './documents.constants.js'
import { documentsDashboard } from './documents.dashboard.js'
import { documentsDemo } from './documents.demo.js'
import { documentsPages } from './documents.routes.js'
import { documentsMessages } from './documents-messages.js'
import * as createTables from './migrations/2026_11_29_2300_documents_create_tables.js'

const system = (ctx: Ctx) => Ctx.system(ctx.services, 'documents: event')

/**
 * Accounting documents: generated PDFs (payment requests, delivery notes, acts) with the issuer's
 * stamp and signatures under the facsimile rules, uploaded PDFs, issuers and signers, sending to
 * the client with view/download tracking, the client's list with ZIP, and the API.
 */
export const documentsModule = defineModule({
  name: 'documents',
  dependsOn: ['clients', 'finance'],
  permissions: {
    'documents.read': ['manager', 'head'],
    'documents.manage': ['manager', 'head'],
    'documents.configure': ['head', 'admin'],
    'documents.client': ['client'],
  },
  clientAreas: { 'documents.client': 'documents' },
  tables: {
    documents: 'client',
    document_access: 'client',
    document_contract_issuers: 'client',
    document_issuers: 'global',
    document_signers: 'global',
  },
  migrations: { '2026_11_29_2300_documents_create_tables': createTables },
  pages: documentsPages,
  api: documentsApi,
  nav: [
    { label: 'nav.documents', href: '/documents', group: 'finance', permission: 'documents.read' },
    { label: 'nav.my_documents', href: '/documents', group: 'main', permission: 'documents.client', roles: ['client'] },
    { label: 'nav.document_issuers', href: '/documents/issuers', group: 'settings', permission: 'documents.configure' },
  ],
  messages: documentsMessages,
  notifications: [{ event: EVENTS.sent, label: 'documents.event.sent', audience: ['client'] }],
  on: {
    'finance.invoice_issued': async (ctx, payload) => {
      await generatePaymentRequest(system(ctx), String(payload.invoiceId))
    },
    'finance.charge_recorded': async (ctx, payload) => {
      await generateForCharge(system(ctx), String(payload.entryId))
    },
  },
  dashboard: documentsDashboard,
  demo: documentsDemo,
})

export { generateForCharge, generatePaymentRequest } from './document-generate.service.js'
export { sendDocuments } from './document-send.service.js'
export { type DocumentView, getDocument, listDocuments, recentDocuments } from './documents.service.js'
export { defaultIssuer, issuerForClient } from './issuers.service.js'
