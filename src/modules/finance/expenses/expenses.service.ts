import type { Ctx } from '../../../core/ctx.js'
import { newId, nowIso } from '../../../core/db/ids.js'
import { NotFoundError, RuleError, ValidationError } from '../../../core/errors.js'
import { fetchPage, type ListQuery, type Page } from '../../../core/http/list-query.js'
import { isCurrencyCode } from '../../../core/money/money.js'
import { companyToday, isIsoDate } from '../finance-settings.js'
import { checkPeriodLock } from '../ledger.service.js'
import { EXPENSES, EXPENSES_RECORD, requireActiveExpenseCategory } from './expense-categories.service.js'
import { type ExpenseFilters, expensesQuery, findExpense, SORT_COLUMNS } from './expenses.queries.js'
import type { ExpenseSource, ExpenseTable } from './expenses.schema.js'

/** An expense as pages, the API and other modules see it. */
export interface ExpenseView {
  id: string
  date: string
  /** Positive for an expense, negative for a reversal. */
  amountMinor: number
  currency: string
  categoryId: string | null
  counterparty: string | null
  counterpartyTaxId: string | null
  counterpartyAccount: string | null
  description: string
  source: ExpenseSource
  sourceRef: string | null
  reversesExpenseId: string | null
  createdBy: string | null
  createdAt: string
}

export const toExpenseView = (r: ExpenseTable): ExpenseView => ({
  id: r.id,
  date: r.expense_date,
  amountMinor: Number(r.amount_minor),
  currency: r.currency,
  categoryId: r.category_id,
  counterparty: r.counterparty,
  counterpartyTaxId: r.counterparty_tax_id,
  counterpartyAccount: r.counterparty_account,
  description: r.description,
  source: r.source,
  sourceRef: r.source_ref,
  reversesExpenseId: r.reverses_expense_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
})

export interface NewExpense {
  date: string
  /** Positive minor units: what was paid. */
  amountMinor: number
  currency: string
  categoryId: string | null
  counterparty: string | null
  counterpartyTaxId?: string | null
  counterpartyAccount?: string | null
  description: string
  source: ExpenseSource
  /** The importer's dedupe key: the same key twice records one expense (the first is returned). */
  sourceRef?: string | null
}

const trimOrNull = (s: string | null | undefined, max: number, field: string, fields: Record<string, string>) => {
  const v = (s ?? '').trim()
  if (v.length > max) fields[field] = 'form.too_long'
  return v || null
}

/**
 * Records money the company paid out, audited, with the ledger's period lock (before the lock only
 * the head). Idempotent by `sourceRef`: a second call with the same key returns the first expense.
 */
export async function recordExpense(ctx: Ctx, input: NewExpense): Promise<ExpenseView> {
  ctx.require(EXPENSES_RECORD)
  const row = expenseRow(ctx, newId(), input)
  return ctx.transaction(async (tx) => {
    if (row.source_ref) {
      const existing = await findExpense(tx, { sourceRef: row.source_ref })
      if (existing) return toExpenseView(existing)
    }
    if (row.category_id) await requireActiveExpenseCategory(tx, row.category_id)
    await checkPeriodLock(tx, row.expense_date)
    await tx.db.insert('expenses', row)
    await tx.audit('finance.expense_recorded', { entity: 'expense', entityId: row.id, after: row })
    return toExpenseView(row)
  })
}

/** Checks a new expense like every form and import must (ValidationError by field) and builds its row. */
function expenseRow(ctx: Ctx, id: string, input: NewExpense): ExpenseTable {
  const fields: Record<string, string> = {}
  if (!isIsoDate(input.date)) fields.date = 'finance.error.date'
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
    fields.amount = 'finance.error.amount_positive'
  if (!isCurrencyCode(input.currency)) fields.currency = 'finance.error.currency'
  if (input.source !== 'manual' && input.source !== 'bank') fields.source = 'form.invalid_choice'
  const description = input.description.trim()
  if (description.length > 500) fields.description = 'finance.error.description_long'
  const counterparty = trimOrNull(input.counterparty, 200, 'counterparty', fields)
  const taxId = trimOrNull(input.counterpartyTaxId, 40, 'counterparty_tax_id', fields)
  const account = trimOrNull(input.counterpartyAccount, 60, 'counterparty_account', fields)
  const sourceRef = trimOrNull(input.sourceRef, 200, 'source_ref', fields)
  if (!description && !counterparty) fields.description = 'form.required'
  if (Object.keys(fields).length) throw new ValidationError(fields)
  return {
    id,
    expense_date: input.date,
    amount_minor: input.amountMinor,
    currency: input.currency,
    category_id: input.categoryId || null,
    counterparty,
    counterparty_tax_id: taxId,
    counterparty_account: account,
    description,
    source: input.source,
    source_ref: sourceRef,
    reverses_expense_id: null,
    created_by: ctx.actor?.id ?? null,
    created_at: nowIso(),
  }
}

/**
 * The outgoing payments of one bank statement as expenses, at once: each checked like
 * recordExpense, the categories and the period lock checked once, the rows and their audit records
 * inserted in bulk. The caller chose the ids (its own rows link to them) and passes only new
 * transactions (it deduplicates before), so no source ref can exist yet — the unique index still guards.
 */
export async function recordBankExpenses(ctx: Ctx, inputs: (NewExpense & { id: string })[]): Promise<void> {
  ctx.require(EXPENSES_RECORD)
  if (inputs.length === 0) return
  const rows = inputs.map((i) => expenseRow(ctx, i.id, i))
  await ctx.transaction(async (tx) => {
    for (const categoryId of new Set(rows.map((r) => r.category_id).filter((c): c is string => c !== null)))
      await requireActiveExpenseCategory(tx, categoryId)
    const earliest = rows.reduce((min, r) => (r.expense_date < min ? r.expense_date : min), rows[0]?.expense_date ?? '')
    await checkPeriodLock(tx, earliest)
    for (let i = 0; i < rows.length; i += 100) await tx.db.insert('expenses', rows.slice(i, i + 100))
    await tx.auditMany(
      'finance.expense_recorded',
      rows.map((r) => ({ entity: 'expense', entityId: r.id, after: r })),
    )
  })
}

/** An expense, or NotFoundError. */
export async function getExpense(ctx: Ctx, id: string): Promise<ExpenseView> {
  if (!ctx.can(EXPENSES) && !ctx.can(EXPENSES_RECORD)) throw new NotFoundError('expense')
  const row = await findExpense(ctx, { id })
  if (!row) throw new NotFoundError('expense')
  return toExpenseView(row)
}

/**
 * Changes an expense's category (classification, not money: the amount and date never change),
 * audited. Its reversal follows, so the two still cancel out in every category. A reversal itself
 * is classified through its original; expenses before the period lock need the head.
 */
export async function setExpenseCategory(ctx: Ctx, expenseId: string, categoryId: string | null): Promise<ExpenseView> {
  ctx.require(EXPENSES_RECORD)
  return ctx.transaction(async (tx) => {
    const before = await findExpense(tx, { id: expenseId })
    if (!before) throw new NotFoundError('expense')
    if (before.reverses_expense_id) throw new RuleError('expense_is_reversal', 'expenses.error.classify_reversal')
    if (categoryId) await requireActiveExpenseCategory(tx, categoryId)
    await checkPeriodLock(tx, before.expense_date)
    await tx.db
      .updateTable('expenses')
      .set({ category_id: categoryId })
      .where((eb) => eb.or([eb('id', '=', expenseId), eb('reverses_expense_id', '=', expenseId)]))
      .execute()
    const after = { ...before, category_id: categoryId }
    await tx.audit('finance.expense_classified', {
      entity: 'expense',
      entityId: expenseId,
      before: { category_id: before.category_id },
      after: { category_id: categoryId },
    })
    return toExpenseView(after)
  })
}

/**
 * Corrects an expense by appending its negation (same category and currency), linked to it: at most
 * once (a unique index holds under races), never a reversal of a reversal, dated today by default.
 */
export async function reverseExpense(
  ctx: Ctx,
  id: string,
  reason: string,
  opts: { date?: string } = {},
): Promise<ExpenseView> {
  ctx.require(EXPENSES)
  if (!reason.trim()) throw new ValidationError({ reason: 'form.required' })
  if (reason.trim().length > 500) throw new ValidationError({ reason: 'finance.error.description_long' })
  return ctx.transaction(async (tx) => {
    const original = await findExpense(tx, { id })
    if (!original) throw new NotFoundError('expense')
    if (original.reverses_expense_id) throw new RuleError('reversal_of_reversal', 'finance.error.reversal_of_reversal')
    if (await findExpense(tx, { reverses: id }))
      throw new RuleError('already_reversed', 'finance.error.already_reversed')
    const date = opts.date ?? (await companyToday(tx))
    if (!isIsoDate(date)) throw new ValidationError({ date: 'finance.error.date' })
    await checkPeriodLock(tx, date)
    const row: ExpenseTable = {
      ...original,
      id: newId(),
      expense_date: date,
      amount_minor: -Number(original.amount_minor),
      description: reason.trim(),
      source: 'manual',
      source_ref: null,
      reverses_expense_id: original.id,
      created_by: tx.actor?.id ?? null,
      created_at: nowIso(),
    }
    try {
      await tx.db.insert('expenses', row)
    } catch (err) {
      if (/unique|duplicate/i.test(String((err as Error).message))) {
        throw new RuleError('already_reversed', 'finance.error.already_reversed')
      }
      throw err
    }
    await tx.audit('finance.expense_reversed', { entity: 'expense', entityId: row.id, before: original, after: row })
    return toExpenseView(row)
  })
}

export interface ExpenseListRow extends ExpenseView {
  categoryPath: string | null
  reversedById: string | null
}

/** One page of expenses, filtered and sorted (head). */
export async function listExpenses(ctx: Ctx, lq: ListQuery, f: ExpenseFilters): Promise<Page<ExpenseListRow>> {
  ctx.require(EXPENSES)
  const page = await fetchPage(expensesQuery(ctx, f), lq, SORT_COLUMNS, 'expenses.id')
  return {
    ...page,
    rows: page.rows.map((r) => ({
      ...toExpenseView(r),
      categoryPath: r.category_name
        ? r.parent_name
          ? `${r.parent_name} › ${r.category_name}`
          : r.category_name
        : null,
      reversedById: r.reversed_by_id,
    })),
  }
}

/** One expense with its category path and reversal, for its page (head). */
export async function getExpenseRow(ctx: Ctx, id: string): Promise<ExpenseListRow> {
  ctx.require(EXPENSES)
  const r = await expensesQuery(ctx, {}).where('expenses.id', '=', id).executeTakeFirst()
  if (!r) throw new NotFoundError('expense')
  return {
    ...toExpenseView(r),
    categoryPath: r.category_name ? (r.parent_name ? `${r.parent_name} › ${r.category_name}` : r.category_name) : null,
    reversedById: r.reversed_by_id,
  }
}
