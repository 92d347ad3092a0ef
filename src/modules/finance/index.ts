import { defineModule } from '../../core/module.js'
import { expensesManifest, withExpenseMessages, withExpensePages } from './expenses/index.js'
import { financeApi } from './finance.api.js'
import { financeClientColumns } from './finance.client-columns.js'
import { financeDashboard } from './finance.dashboard.js'
import { financeDemo } from './finance.demo.js'
import { financePages } from './finance.routes.js'
import { financeMessages } from './finance-messages.js'
import * as createLedger from './migrations/2026_11_29_1400_finance_create_ledger.js'
import * as createInvoices from './migrations/2026_11_29_1410_finance_create_invoices.js'

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
    ...expensesManifest.tables,
  },
  migrations: {
    '2026_11_29_1400_finance_create_ledger': createLedger,
    '2026_11_29_1410_finance_create_invoices': createInvoices,
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
      label: 'nav.finance_settings',
      href: '/finance/settings',
      group: 'settings',
      permission: 'finance.locked_periods',
    },
    ...expensesManifest.nav,
  ],
  messages: withExpenseMessages(financeMessages),
  dashboard: financeDashboard,
  clientListColumns: financeClientColumns,
  demo: financeDemo,
})

export { balancesFor } from './accounts.service.js'
export {
  type ExpenseCategoryView,
  type IncomeCategoryView,
  listExpenseCategories,
  listIncomeCategories,
} from './expenses/expense-categories.service.js'
export { type ExpenseView, recordExpense, reverseExpense, setExpenseCategory } from './expenses/expenses.service.js'
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
  findPayableByReference,
  type PayableRef,
  paymentReferences,
  periodLockDate,
  type ReceiptInput,
  recordReceipt,
} from './receipts.service.js'
