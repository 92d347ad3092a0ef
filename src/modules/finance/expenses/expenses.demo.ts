import type { Ctx } from '../../../core/ctx.js'
import type { DemoWorld } from '../../../core/module.js'
import { companyToday } from '../finance-settings.js'
import { saveExpenseCategory, saveIncomeCategory } from './expense-categories.service.js'
import { recordExpense, reverseExpense } from './expenses.service.js'

// Monthly costs of a small service company, in major units of the default currency.
const TREE: {
  name: string
  code?: string
  children: { name: string; monthly: number; payee: string }[]
  monthly?: number
  payee?: string
}[] = [
  {
    name: 'Office',
    code: '52',
    children: [
      { name: 'Rent', monthly: 1800, payee: 'Andrássy Irodaház Kft.' },
      { name: 'Utilities', monthly: 260, payee: 'ELMŰ Nyrt.' },
      { name: 'Cleaning', monthly: 140, payee: 'Tiszta Iroda Bt.' },
    ],
  },
  {
    name: 'Staff',
    code: '54',
    children: [
      { name: 'Salaries', monthly: 9200, payee: 'Payroll' },
      { name: 'Training', monthly: 300, payee: 'Learning Hub Zrt.' },
    ],
  },
  {
    name: 'IT',
    code: '53',
    children: [
      { name: 'Hosting', monthly: 420, payee: 'Cloud Services Ltd.' },
      { name: 'Software licences', monthly: 380, payee: 'SaaS Store Inc.' },
    ],
  },
  { name: 'Marketing', code: '55', children: [], monthly: 700, payee: 'Ads Agency Kft.' },
  { name: 'Bank fees', code: '58', children: [], monthly: 35, payee: 'Demo Bank Zrt.' },
]

const pad = (n: number) => String(n).padStart(2, '0')

/** A year of expenses in a two-level category tree, a few uncategorised and one reversed; and service types. */
export async function expensesDemo(ctx: Ctx, world: DemoWorld): Promise<void> {
  const currency = (await ctx.services.settings.get('company')).defaultCurrency
  const today = await companyToday(ctx)
  for (const name of ['Hosting', 'Consulting', 'Support contracts']) await saveIncomeCategory(ctx, null, { name })
  const leaves: { id: string; monthly: number; payee: string; name: string }[] = []
  for (const top of TREE) {
    const parent = await saveExpenseCategory(ctx, null, { name: top.name, code: top.code })
    if (top.monthly) leaves.push({ id: parent.id, monthly: top.monthly, payee: top.payee ?? '', name: top.name })
    for (const c of top.children) {
      const child = await saveExpenseCategory(ctx, null, { name: c.name, parentId: parent.id })
      leaves.push({ id: child.id, ...c })
    }
  }
  const [ty, tm] = today.split('-').map(Number) as [number, number]
  for (let back = 11; back >= 0; back--) {
    const total = ty * 12 + (tm - 1) - back
    const y = Math.floor(total / 12)
    const m = (total % 12) + 1
    for (const leaf of leaves) {
      const day = back === 0 ? Math.min(Number(today.slice(8, 10)), 5) : 5
      const swing = 0.85 + world.random() * 0.3
      await recordExpense(ctx, {
        date: `${y}-${pad(m)}-${pad(day)}`,
        amountMinor: Math.round(leaf.monthly * swing) * 100,
        currency,
        categoryId: leaf.id,
        counterparty: leaf.payee,
        description: `${leaf.name} ${y}-${pad(m)}`,
        source: 'manual',
      })
    }
    if (back % 4 === 1) {
      await recordExpense(ctx, {
        date: `${y}-${pad(m)}-12`,
        amountMinor: Math.round(50 + world.random() * 200) * 100,
        currency,
        categoryId: null,
        counterparty: 'Corner Shop',
        description: 'Office supplies (to classify)',
        source: 'manual',
      })
    }
  }
  const double = await recordExpense(ctx, {
    date: `${ty}-${pad(tm)}-01`,
    amountMinor: 18_000,
    currency,
    categoryId: leaves[0]?.id ?? null,
    counterparty: 'Andrássy Irodaház Kft.',
    description: 'Rent paid twice by mistake',
    source: 'manual',
  })
  await reverseExpense(ctx, double.id, 'Paid twice; refunded by the landlord', { date: today })
}
