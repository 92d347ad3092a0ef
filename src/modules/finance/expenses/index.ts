import type { FastifyInstance } from 'fastify'
import type { Role } from '../../../core/db/core-tables.js'
import type { NavItem } from '../../../core/module.js'
import type { TableScope } from '../../../core/permissions/scope.js'
import * as createExpenses from '../migrations/2026_11_29_1500_finance_create_expenses.js'
import * as incomeCategories from '../migrations/2026_11_29_1510_finance_income_categories.js'
import * as reversalsIndex from '../migrations/2026_11_29_1600_finance_reversals_index.js'
import * as balancesIndex from '../migrations/2026_11_29_1610_finance_balances_index.js'
import { EXPENSES, EXPENSES_RECORD } from './expense-categories.service.js'
import { expensePages } from './expenses.routes.js'

/** What the finance manifest adds for expenses: permissions, tables, migrations, nav, pages. */
export const expensesManifest = {
  permissions: { [EXPENSES]: ['head'], [EXPENSES_RECORD]: ['manager', 'head'] } as Record<string, Role[]>,
  tables: { expense_categories: 'staff', expenses: 'staff', income_categories: 'staff' } satisfies Record<
    string,
    TableScope
  >,
  migrations: {
    '2026_11_29_1500_finance_create_expenses': createExpenses,
    '2026_11_29_1510_finance_income_categories': incomeCategories,
    '2026_11_29_1600_finance_reversals_index': reversalsIndex,
    '2026_11_29_1610_finance_balances_index': balancesIndex,
  },
  nav: [
    { label: 'nav.finance_expenses', href: '/finance/expenses', group: 'finance', permission: EXPENSES },
    {
      label: 'nav.finance_expense_categories',
      href: '/finance/expense-categories',
      group: 'settings',
      permission: EXPENSES,
    },
    {
      label: 'nav.finance_income_categories',
      href: '/finance/income-categories',
      group: 'settings',
      permission: EXPENSES,
    },
  ] satisfies NavItem[],
}

/** The finance pages followed by the expense pages (one plugin, as the manifest has one `pages`). */
export const withExpensePages =
  (pages: (app: FastifyInstance) => Promise<void>) =>
  async (app: FastifyInstance): Promise<void> => {
    await pages(app)
    await expensePages(app)
  }

export { withExpenseMessages } from './expenses-messages.js'
