import { toActor } from '../../core/auth/sessions.js'
import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import type { DemoWorld } from '../../core/module.js'
import { nextNumber } from '../../core/numbering/numbering.js'
import type {
  InvoiceLineTable,
  InvoicePaymentTable,
  InvoiceStatus,
  InvoiceTable,
  LedgerEntryTable,
} from './finance.schema.js'
import { companySettings, companyToday } from './finance-settings.js'
import { addDays, referenceOf } from './invoice.service.js'
import { computeLine } from './invoice-lines.js'
import {
  acceptReconciliation,
  createReconciliation,
  disputeReconciliation,
  getReconciliationDetail,
} from './reconciliation.service.js'

/** How a demo client pays: on time, late (some debt, a few overdue), ahead (credit, top-ups). */
type Habit = 'on_time' | 'late' | 'ahead'
const HABITS: Habit[] = ['on_time', 'late', 'on_time', 'ahead', 'on_time']

const SERVICES = ['Monthly accounting service', 'Payroll service', 'Tax advisory', 'Warehouse handling']

interface Plan {
  clientId: string
  date: string
  kind: 'standard' | 'top_up'
  netMinor: number
  vatBp: number
  name: string
  /** What happens: paid in full after `payAfter` days, partly, not at all, drafted, cancelled. */
  fate: 'paid' | 'partial' | 'unpaid' | 'draft' | 'cancelled'
  payAfter: number
  /** Payment term in days. */
  dueDays: number
  /** Post the monthly service charge with the request (standard requests). */
  charge: boolean
}

/**
 * A year of finance per demo client: a monthly service charge with its payment request, payments
 * mostly on time, some late (debt and a few overdue requests), some ahead (top-ups, credit);
 * drafts and cancelled requests now and then. Written in bulk through the demo loader's transaction.
 */
export async function financeDemo(ctx: Ctx, world: DemoWorld): Promise<void> {
  const r = world.random
  const today = await companyToday(ctx)
  const company = await companySettings(ctx)
  const currency = company.defaultCurrency
  const vatBp = company.vatRates.includes(2700) ? 2700 : (company.vatRates.at(-1) ?? 0)
  const plans: Plan[] = []
  world.clientIds.forEach((clientId, i) => {
    const habit = HABITS[i % HABITS.length] as Habit
    const base = (50_000 + Math.floor(r() * 350) * 1_000) * 100
    for (let m = 12; m >= 1; m--) {
      const date = addDays(today, -m * 30 - Math.floor(r() * 5))
      const recent = m <= 2
      let fate: Plan['fate'] = 'paid'
      if (habit === 'late' && recent) fate = m === 2 ? 'partial' : 'unpaid'
      else if (habit === 'late' && m === 3) fate = 'unpaid'
      else if (m === 1 && habit === 'on_time' && r() < 0.5) fate = 'unpaid'
      plans.push({
        clientId,
        date,
        kind: 'standard',
        netMinor: base + Math.floor(r() * 20) * 100_00,
        vatBp,
        name: SERVICES[(i + m) % SERVICES.length] as string,
        fate,
        payAfter: habit === 'late' ? 20 + Math.floor(r() * 25) : 3 + Math.floor(r() * 8),
        // The punctual clients' open request is not due yet; the late payers' are overdue.
        dueDays: habit === 'late' ? 8 : 45,
        charge: true,
      })
    }
    if (i % 7 === 0)
      plans.push({
        clientId,
        date: addDays(today, -3),
        kind: 'standard',
        netMinor: base,
        vatBp,
        name: 'Extra consultation',
        fate: 'draft',
        payAfter: 0,
        dueDays: 8,
        charge: false,
      })
    if (i % 9 === 0)
      plans.push({
        clientId,
        date: addDays(today, -100),
        kind: 'standard',
        netMinor: base,
        vatBp,
        name: 'Duplicate request',
        fate: 'cancelled',
        payAfter: 0,
        dueDays: 8,
        charge: false,
      })
    if (habit === 'ahead') {
      for (const [days, fate] of [
        [300, 'paid'],
        [150, 'paid'],
        [10, 'unpaid'],
      ] as const) {
        plans.push({
          clientId,
          date: addDays(today, -days),
          kind: 'top_up',
          netMinor: base * 3,
          vatBp: 0,
          name: 'Balance top-up',
          fate,
          payAfter: 2,
          dueDays: 8,
          charge: false,
        })
      }
    }
  })
  plans.sort((a, b) => a.date.localeCompare(b.date))

  const entries: LedgerEntryTable[] = []
  const invoices: InvoiceTable[] = []
  const lines: InvoiceLineTable[] = []
  const payments: InvoicePaymentTable[] = []
  const at = nowIso()
  const by = world.headId
  for (const p of plans) {
    const line = computeLine({
      name: p.name,
      quantityMilli: 1000,
      unit: '',
      unitPriceMinor: p.netMinor,
      vatRateBp: p.vatBp,
    })
    const id = newId()
    const issued = p.fate !== 'draft'
    const number = issued ? await nextNumber(ctx, 'payment_request', p.date) : null
    const due = addDays(p.date, p.dueDays)
    if (p.charge) {
      entries.push({
        id: newId(),
        client_id: p.clientId,
        entry_date: p.date,
        kind: 'service',
        amount_minor: -line.totalMinor,
        currency,
        description: `${p.name} · ${p.date.slice(0, 7)}`,
        source_kind: 'service_act',
        source_id: null,
        reverses_entry_id: null,
        created_by: by,
        created_at: at,
      })
    }
    let paid = 0
    const pay = (amount: number, date: string) => {
      const entryId = newId()
      entries.push({
        id: entryId,
        client_id: p.clientId,
        entry_date: date,
        kind: p.kind === 'top_up' ? 'top_up' : 'payment',
        amount_minor: amount,
        currency,
        description: `${number} · BANK-${entryId.slice(-8)}`,
        source_kind: 'invoice',
        source_id: id,
        reverses_entry_id: null,
        created_by: by,
        created_at: at,
      })
      payments.push({
        id: newId(),
        client_id: p.clientId,
        invoice_id: id,
        amount_minor: amount,
        paid_on: date,
        reference: `BANK-${entryId.slice(-8)}`,
        ledger_entry_id: entryId,
        created_by: by,
        created_at: at,
      })
      paid += amount
    }
    const payDate = addDays(p.date, p.payAfter)
    if (p.fate === 'paid' && payDate <= today) pay(line.totalMinor, payDate)
    if (p.fate === 'partial') pay(Math.round(line.totalMinor / 2), addDays(p.date, 5))
    let status: InvoiceStatus = p.fate === 'draft' ? 'draft' : p.fate === 'cancelled' ? 'cancelled' : 'issued'
    if (status === 'issued' && paid > 0) status = paid >= line.totalMinor ? 'paid' : 'partially_paid'
    invoices.push({
      id,
      client_id: p.clientId,
      number,
      kind: p.kind,
      status,
      issue_date: issued ? p.date : null,
      due_date: issued ? due : null,
      currency,
      net_minor: line.netMinor,
      vat_minor: line.vatMinor,
      total_minor: line.totalMinor,
      paid_minor: paid,
      payment_reference: number ? referenceOf(number) : null,
      note: '',
      version: 1,
      created_by: by,
      created_at: at,
      updated_at: at,
      issued_at: issued ? `${p.date}T09:00:00.000Z` : null,
    })
    lines.push({
      id: newId(),
      client_id: p.clientId,
      invoice_id: id,
      position: 1,
      name: line.name,
      quantity_milli: line.quantityMilli,
      unit: line.unit,
      unit_price_minor: line.unitPriceMinor,
      vat_rate_bp: line.vatRateBp,
      net_minor: line.netMinor,
      vat_minor: line.vatMinor,
      total_minor: line.totalMinor,
    })
  }
  const raw = ctx.unscoped('demo data spans every demo client')
  // Chunks keep every insert under SQLite's bound-parameter limit.
  const chunked = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 200) await insert(rows.slice(i, i + 200))
  }
  entries.push(...(await shipmentPayments(ctx, world, today)))
  await chunked(entries, (c) => raw.insertInto('ledger_entries').values(c).execute())
  await chunked(invoices, (c) => raw.insertInto('invoices').values(c).execute())
  await chunked(lines, (c) => raw.insertInto('invoice_lines').values(c).execute())
  await chunked(payments, (c) => raw.insertInto('invoice_payments').values(c).execute())
  await demoStatements(ctx, world, today, currency)
}

/**
 * The orders demo charged every shipment; clients pay for goods by bank transfer 5–20 days later,
 * except what left in the last month and, for the late payers, the last two months: the balances
 * then tell a believable story instead of a year of unpaid goods.
 */
async function shipmentPayments(ctx: Ctx, world: DemoWorld, today: string): Promise<LedgerEntryTable[]> {
  const charges = await ctx
    .unscoped('demo data spans every demo client')
    .selectFrom('ledger_entries')
    .select(['client_id', 'entry_date', 'amount_minor', 'currency', 'description'])
    .where('kind', '=', 'shipment')
    .where('client_id', 'in', world.clientIds.length ? world.clientIds : [''])
    .orderBy('entry_date')
    .orderBy('id')
    .execute()
  const late = new Set(world.clientIds.filter((_, i) => HABITS[i % HABITS.length] === 'late'))
  const out: LedgerEntryTable[] = []
  for (const c of charges) {
    if (c.entry_date > addDays(today, late.has(c.client_id) ? -60 : -30)) continue
    const id = newId()
    const date = addDays(c.entry_date, 5 + Math.floor(world.random() * 16))
    out.push({
      id,
      client_id: c.client_id,
      entry_date: date > today ? today : date,
      kind: 'payment',
      amount_minor: -Number(c.amount_minor),
      currency: c.currency,
      description: `${c.description} · BANK-${id.slice(-8)}`,
      source_kind: null,
      source_id: null,
      reverses_entry_id: null,
      created_by: world.headId,
      created_at: `${date > today ? today : date}T10:00:00.000Z`,
    })
  }
  return out
}

/**
 * Statements of account for the first demo clients over the last quarter: some accepted, one
 * disputed by the client's user (waiting for the manager's answer), the rest awaiting the client.
 */
async function demoStatements(ctx: Ctx, world: DemoWorld, today: string, currency: string) {
  const from = addDays(today, -90)
  for (const [i, clientId] of world.clientIds.slice(0, 6).entries()) {
    const rec = await createReconciliation(ctx, { clientId, currency, from, to: today })
    const userId = world.clientUserIds[clientId]?.[0]
    if (!userId || i % 3 === 2) continue
    const user = await ctx
      .unscoped('demo data')
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    const asClient = ctx.actingAs(toActor(user))
    if (i % 3 === 0) {
      await acceptReconciliation(asClient, rec.id, { lockVersion: rec.lockVersion })
      continue
    }
    const first = (await getReconciliationDetail(asClient, rec.id)).shown.lines.find((l) => l.debitMinor > 0)
    await disputeReconciliation(asClient, rec.id, {
      lockVersion: rec.lockVersion,
      comment: 'This charge differs from our books.',
      items: first ? [{ entryId: first.entryId, theirAmountMinor: Math.round(first.debitMinor * 0.9), note: '' }] : [],
    })
  }
}
