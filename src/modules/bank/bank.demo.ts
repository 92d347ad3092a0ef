import type { Ctx } from '../../core/ctx.js'
import type { DemoWorld } from '../../core/module.js'
import { makeIban } from '../../core/money/iban.js'
import { listExpenseCategories, paymentReferences } from '../finance/index.js'
import { importStatement } from './bank-import.service.js'
import { createExpenseRule } from './bank-rules.service.js'
import { type CamtEntry, writeCamt053 } from './camt-writer.js'

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)

/**
 * Two imported camt.053 statements of the company's account: payments of open payment requests
 * found by their reference (one of them partial), outgoing rent and bank fees as expenses, and one
 * payment from an unknown payer waiting in the review queue.
 */
export async function bankDemo(ctx: Ctx, _world: DemoWorld): Promise<void> {
  const refs = (await paymentReferences(ctx)).filter((r) => r.status === 'issued' || r.status === 'partially_paid')
  // The statement is in the currency most requests are in (the company's own).
  const counts = new Map<string, number>()
  for (const r of refs) counts.set(r.currency, (counts.get(r.currency) ?? 0) + 1)
  const currency = [...counts].sort((x, y) => y[1] - x[1])[0]?.[0] ?? 'HUF'
  const open = refs.filter((r) => r.currency === currency)
  const categories = (await listExpenseCategories(ctx)).filter((c) => !c.archived)
  if (categories[0]) {
    await createExpenseRule(
      ctx,
      { kind: 'keyword', value: 'rent', categoryId: categories[0].id, position: 10 },
      new Set([categories[0].id]),
    )
    const fees = categories.find((c) => /bank|fee|díj|комис/i.test(c.name)) ?? categories[0]
    await createExpenseRule(ctx, { kind: 'name', value: 'bank', categoryId: fees.id, position: 20 }, new Set([fees.id]))
  }
  const iban = makeIban('HU', '117730090000000012345678')
  const pay = (i: number, days: number, partial = false): CamtEntry[] => {
    const r = open[i]
    if (!r) return []
    const due = r.totalMinor - r.paidMinor
    return [
      {
        date: daysAgo(days),
        amountMinor: partial ? Math.max(100, Math.round(due / 200) * 100) : due,
        direction: 'in',
        name: `Payer of ${r.number ?? r.reference}`,
        purpose: `Payment ${r.number ?? r.reference}`,
        bankRef: `DEMO-${r.reference}-${days}`,
      },
    ]
  }
  const first: CamtEntry[] = [
    ...pay(0, 20),
    ...pay(1, 18, true),
    {
      date: daysAgo(17),
      amountMinor: 45_000_000,
      direction: 'out',
      name: 'Irodaház Kft.',
      purpose: 'Office rent',
      bankRef: 'DEMO-RENT-1',
    },
  ]
  const second: CamtEntry[] = [
    ...pay(2, 8),
    ...pay(3, 6),
    {
      date: daysAgo(5),
      amountMinor: 12_700_000,
      direction: 'in',
      name: 'Nagy és Társa Bt.',
      purpose: 'Átutalás',
      bankRef: 'DEMO-UNKNOWN-1',
    },
    {
      date: daysAgo(4),
      amountMinor: 350_000,
      direction: 'out',
      name: 'Bank',
      purpose: 'Account fee',
      bankRef: 'DEMO-FEE-1',
    },
  ]
  let balance = 1_250_000_000
  for (const [i, entries] of [first, second].entries()) {
    const xml = writeCamt053(
      [{ id: `DEMO-STMT-${i + 1}`, iban, currency, openingMinor: balance, entries }],
      `DEMO-${i + 1}`,
    )
    balance += entries.reduce((s, e) => s + (e.direction === 'in' ? e.amountMinor : -e.amountMinor), 0)
    await importStatement(ctx, { name: `statement-${i + 1}.xml`, bytes: Buffer.from(xml, 'utf8') })
  }
}
