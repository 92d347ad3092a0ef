import { defineModule } from '../../core/module.js'
import { expensesManifest, withExpenseMessages, withExpensePages } from './expenses/index.js'
import { financeApi } from './finance.api.js'
import { financeClientColumns } from './finance.client-columns.js'
import { financeDashboard } from './finance.dashboard.js'
import { financeDemo } from './finance.demo.js'
import { financePages } from './finance.routes.js'
import { financeTimeline } from './finance.timeline.js'
import { financeMessages } from './finance-messages.js'
import * as createLedger from './migrations/2026_11_29_1400_finance_create_ledger.js'
import * as createInvoices from './migrations/2026_11_29_1410_finance_create_invoices.js'
import * as createReconciliations from './migrations/2026_11_29_1420_finance_create_reconciliations.js'
import * as timelineIndex from './migrations/2026_11_29_1430_finance_timeline_index.js'
import { reconciliationMessages } from './reconciliation-messages.js'

const withMessages = <T extends Record<string, Record<string, string>>>(a: T, b: T): T =>
  Object.fromEntries(Object.entries(a).map(([locale, m]) => [locale, { ...m, ...b[locale] }])) as T

/**
 * Client accounts: the append-only ledger (charges negative, money received positive, corrections
 * by reversal), balances, the ledger with running balance, the period lock. Needs clients.
 */
export const financeModule = defineModule({
  name: 'finance',
  dependsOn: ['clients'],
  permissions: {
    'finance.client': ['client'],
    'finance.read': ['manager', 'head'],
    'finance.manage': ['manager', 'head'],
    'finance.locked_periods': ['head'],
    ...expensesManifest.permissions,
  },
  clientAreas: { 'finance.client': 'finance' },
  tables: {
    ledger_entries: 'client',
    invoices: 'client',
    invoice_lines: 'client',
    invoice_payments: 'client',
    reconciliations: 'client',
    reconciliation_versions: 'client',
    reconciliation_lines: 'client',
    reconciliation_events: 'client',
    ...expensesManifest.tables,
  },
  migrations: {
    '2026_11_29_1400_finance_create_ledger': createLedger,
    '2026_11_29_1410_finance_create_invoices': createInvoices,
    '2026_11_29_1420_finance_create_reconciliations': createReconciliations,
    '2026_11_29_1430_finance_timeline_index': timelineIndex,
    ...expensesManifest.migrations,
  },
  pages: withExpensePages(financePages),
  api: financeApi,
  nav: [
    {
      label: 'nav.finance_ledger',
      href: '/finance/ledger',
      group: 'main',
      permission: 'finance.client',
      roles: ['client'],
    },
    {
      label: 'nav.finance_invoices_mine',
      href: '/finance/invoices/mine',
      group: 'main',
      permission: 'finance.client',
      roles: ['client'],
    },
    { label: 'nav.finance_accounts', href: '/finance/clients', group: 'finance', permission: 'finance.read' },
    { label: 'nav.finance_invoices', href: '/finance/invoices', group: 'finance', permission: 'finance.read' },
    {
      label: 'nav.finance_reconciliations',
      href: '/finance/reconciliations',
      group: 'main',
      permission: 'finance.client',
      roles: ['client'],
    },
    {
      label: 'nav.finance_reconciliations',
      href: '/finance/reconciliations',
      group: 'finance',
      permission: 'finance.read',
    },
    {
      label: 'nav.finance_settings',
      href: '/finance/settings',
      group: 'settings',
      permission: 'finance.locked_periods',
    },
    ...expensesManifest.nav,
  ],
  messages: withExpenseMessages(withMessages(financeMessages, reconciliationMessages)),
  notifications: [
    { event: 'finance.request_issued', label: 'finance.notify.pref_issued', audience: ['client'] },
    { event: 'finance.payment_received', label: 'finance.notify.pref_paid', audience: ['client'] },
    {
      event: 'finance.reconciliation_issued',
      label: 'finance.reconciliation.notify.pref_issued',
      audience: ['client'],
    },
    {
      event: 'finance.reconciliation_answered',
      label: 'finance.reconciliation.notify.pref_answered',
      audience: ['staff'],
    },
  ],
  dashboard: financeDashboard,
  clientListColumns: financeClientColumns,
  timeline: financeTimeline,
  demo: financeDemo,
})

export { balancesFor } from './accounts.service.js'
export {
  type ExpenseCategoryView,
  type IncomeCategoryView,
  listExpenseCategories,
  listIncomeCategories,
} from './expenses/expense-categories.service.js'
export { expensesDemo } from './expenses/expenses.demo.js'
export {
  type ExpenseView,
  type NewExpense,
  recordBankExpenses,
  recordExpense,
  reverseExpense,
  setExpenseCategory,
} from './expenses/expenses.service.js'
export type { ChargeKind, EntryKind } from './finance.constants.js'
export {
  cancelInvoice,
  createInvoice,
  getInvoice,
  getInvoiceDetail,
  type InvoiceDetail,
  type InvoiceView,
  issueInvoice,
  listInvoices,
  requestTopUp,
} from './invoice.service.js'
export { recordPayment } from './invoice-payment.service.js'
export {
  type Balance,
  clientBalances,
  type EntryView,
  getEntry,
  ledgerPage,
  postShipmentCharge,
  recordCharge,
  reverseEntry,
} from './ledger.service.js'
export {
  type BankReceipt,
  findPayableByReference,
  type PayableRef,
  paymentReferences,
  periodLockDate,
  type ReceiptInput,
  recordBankReceipts,
  recordReceipt,
} from './receipts.service.js'
