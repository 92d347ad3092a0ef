import { defineModule } from '../../core/module.js'
import { bankApi } from './bank.api.js'
import { IMPORT, REVIEW } from './bank.constants.js'
import { bankDemo } from './bank.demo.js'
import { bankPages } from './bank.routes.js'
import { bankMessages } from './bank-messages.js'
import { bankTransactionScope, clientRuleScope } from './bank-scope.js'
import * as createTables from './migrations/2026_11_29_2300_bank_create_tables.js'

/**
 * Bank statements: import (1CClientBankExchange, camt.05x, MT940, CSV with a saved mapping), stored
 * once per dedup key, incoming payments matched to payment requests and clients and posted, outgoing
 * ones recorded as categorised expenses, a review queue for the rest, statement balance checks.
 */
export const bankModule = defineModule({
  name: 'bank',
  dependsOn: ['clients', 'finance'],
  permissions: {
    [IMPORT]: ['head'],
    [REVIEW]: ['manager', 'head'],
  },
  tables: {
    bank_own_accounts: 'staff',
    bank_imports: 'staff',
    bank_statements: 'staff',
    bank_transactions: bankTransactionScope,
    bank_client_rules: clientRuleScope,
    bank_expense_rules: 'staff',
  },
  migrations: { '2026_11_29_2300_bank_create_tables': createTables },
  pages: bankPages,
  api: bankApi,
  nav: [
    { label: 'nav.bank_review', href: '/bank/review', group: 'finance', permission: REVIEW },
    { label: 'nav.bank_imports', href: '/bank', group: 'finance', permission: IMPORT },
    { label: 'nav.bank_statements', href: '/bank/statements', group: 'finance', permission: IMPORT },
  ],
  messages: bankMessages,
  demo: bankDemo,
})

export { createOwnAccount } from './bank-accounts.service.js'
export { type ImportOutcome, type ImportSummary, importStatement } from './bank-import.service.js'
export { listTransactions, type TransactionView } from './bank-review.service.js'
export { createClientRule, createExpenseRule } from './bank-rules.service.js'
export { type CamtEntry, writeCamt053 } from './camt-writer.js'
