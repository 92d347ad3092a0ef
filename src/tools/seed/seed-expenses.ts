import { addDays, at, iso } from './random.js'
import type { SeedWorld } from './seed-world.js'

/** Two-level expense categories, as a head would set them up for the P&L. */
const EXPENSE_TREE: [string, string[]][] = [
  ['Staff', ['Salaries', 'Payroll taxes', 'Training']],
  ['Premises', ['Rent', 'Utilities', 'Cleaning']],
  ['Vehicles', ['Fuel', 'Leasing', 'Repairs']],
  ['Office', ['IT and software', 'Telephone and internet', 'Stationery']],
  ['Services', ['Accounting', 'Legal', 'Bank fees']],
]
export const INCOME_CATEGORIES = ['Monthly accounting service', 'Payroll service', 'Tax advisory', 'Warehouse handling']
const SUPPLIERS = [
  'MOL Nyrt.',
  'Magyar Telekom Nyrt.',
  'OTP Bank Nyrt.',
  'ELMŰ Nyrt.',
  'Office Depot Kft.',
  'Lidl Magyarország Bt.',
]

/** Income categories (service types) for the service charges; their ids in INCOME_CATEGORIES order. */
export async function seedIncomeCategories(w: SeedWorld): Promise<string[]> {
  const ms = at(addDays(w.start, -30))
  const ids: string[] = []
  for (const [i, name] of INCOME_CATEGORIES.entries()) {
    const id = w.ids.id(ms + i)
    ids.push(id)
    await w.w.add('income_categories', { id, name, code: `S${i + 1}`, archived: 0, created_at: iso(ms) })
  }
  return ids
}

/**
 * `count` company expenses over the two years in the company currency: regular monthly ones (rent,
 * salaries) and scattered purchases, a third from the bank import (with a unique source reference),
 * and now and then one reversed (expenses are append-only like the ledger).
 */
export async function seedExpenses(w: SeedWorld, count: number): Promise<void> {
  const { rng, ids } = w
  const ms0 = at(addDays(w.start, -30))
  const leaves: string[] = []
  let k = 0
  for (const [parent, children] of EXPENSE_TREE) {
    const pid = ids.id(ms0 + k++)
    await w.w.add('expense_categories', {
      id: pid,
      parent_id: null,
      name: parent,
      code: null,
      archived: 0,
      created_at: iso(ms0),
    })
    for (const child of children) {
      const id = ids.id(ms0 + k++)
      leaves.push(id)
      await w.w.add(
        'expense_categories',
        { id, parent_id: pid, name: child, code: null, archived: 0, created_at: iso(ms0) },
        'expense_subcategories',
      )
    }
  }
  const dates = Array.from({ length: count }, () => w.daysAgo(rng.int(0, 729))).sort()
  let bank = 0
  for (const date of dates) {
    const ms = at(date, rng.int(8 * 60, 17 * 60))
    const id = ids.id(ms)
    const fromBank = rng.chance(0.33)
    const amount = rng.int(1, 500) * 1000 * 100
    const cat = rng.int(0, leaves.length - 1)
    const supplier = SUPPLIERS[cat % SUPPLIERS.length] as string
    await w.w.add('expenses', {
      id,
      expense_date: date,
      amount_minor: amount,
      currency: 'HUF',
      category_id: fromBank && rng.chance(0.1) ? null : (leaves[cat] as string),
      counterparty: supplier,
      counterparty_tax_id: null,
      counterparty_account: null,
      description: `Invoice ${date.slice(0, 7)}/${rng.int(1, 9999)}`,
      source: fromBank ? 'bank' : 'manual',
      source_ref: fromBank ? `seed-bank-${++bank}` : null,
      reverses_expense_id: null,
      created_by: w.headId,
      created_at: iso(ms),
    })
    if (!fromBank && rng.chance(0.01)) {
      await w.w.add('expenses', {
        id: ids.id(ms + 3_600_000),
        expense_date: date,
        amount_minor: -amount,
        currency: 'HUF',
        category_id: leaves[cat] as string,
        counterparty: supplier,
        counterparty_tax_id: null,
        counterparty_account: null,
        description: 'Reversal: entered twice',
        source: 'manual',
        source_ref: null,
        reverses_expense_id: id,
        created_by: w.headId,
        created_at: iso(ms + 3_600_000),
      })
    }
  }
}
