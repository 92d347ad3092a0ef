import type { Ctx } from '../../../core/ctx.js'
import { newId, nowIso } from '../../../core/db/ids.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../../core/errors.js'
import type { ExpenseCategoryRow, IncomeCategoryRow } from './expenses.schema.js'

/** Head: categories, the expense list, reversals. */
export const EXPENSES = 'finance.expenses'
/** Staff who record and classify expenses (the bank import's outgoing payments): managers and the head. */
export const EXPENSES_RECORD = 'finance.expenses_record'

export interface ExpenseCategoryView {
  id: string
  parentId: string | null
  name: string
  code: string | null
  archived: boolean
  /** "Parent › Child" for a child, the name for a top-level category. */
  path: string
}

export interface IncomeCategoryView {
  id: string
  name: string
  code: string | null
  archived: boolean
}

export interface CategoryInput {
  name: string
  code?: string | null
  parentId?: string | null
}

const requireAny = (ctx: Ctx, ...perms: string[]) => {
  if (!perms.some((p) => ctx.can(p))) throw new ForbiddenError(perms[0] as string)
}

/** Parents sorted by name, each followed by its children sorted by name. */
export function asTree(rows: ExpenseCategoryRow[]): ExpenseCategoryView[] {
  const byName = (a: ExpenseCategoryRow, b: ExpenseCategoryRow) => a.name.localeCompare(b.name)
  const out: ExpenseCategoryView[] = []
  const view = (r: ExpenseCategoryRow, parent?: ExpenseCategoryRow): ExpenseCategoryView => ({
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    code: r.code,
    archived: Number(r.archived) === 1,
    path: parent ? `${parent.name} › ${r.name}` : r.name,
  })
  for (const p of rows.filter((r) => r.parent_id === null).sort(byName)) {
    out.push(view(p))
    for (const c of rows.filter((r) => r.parent_id === p.id).sort(byName)) out.push(view(c, p))
  }
  return out
}

/** The expense category tree (archived ones included, marked), for whoever records or reads expenses. */
export async function listExpenseCategories(ctx: Ctx): Promise<ExpenseCategoryView[]> {
  requireAny(ctx, EXPENSES_RECORD, EXPENSES)
  return asTree(await ctx.db.selectFrom('expense_categories').selectAll('expense_categories').execute())
}

function checkInput(input: CategoryInput): { name: string; code: string | null } {
  const fields: Record<string, string> = {}
  const name = input.name.trim()
  const code = (input.code ?? '').trim() || null
  if (!name) fields.name = 'form.required'
  else if (name.length > 100) fields.name = 'form.too_long'
  if (code && code.length > 30) fields.code = 'form.too_long'
  if (Object.keys(fields).length) throw new ValidationError(fields)
  return { name, code }
}

/**
 * Creates (id null) or changes an expense category. The tree has two levels: a parent must be a
 * top-level category, and a category with children cannot itself be placed under another.
 */
export async function saveExpenseCategory(
  ctx: Ctx,
  id: string | null,
  input: CategoryInput,
): Promise<ExpenseCategoryView> {
  ctx.require(EXPENSES)
  const { name, code } = checkInput(input)
  const parentId = input.parentId || null
  return ctx.transaction(async (tx) => {
    const before = id
      ? await tx.db.selectFrom('expense_categories').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined
    if (id && !before) throw new NotFoundError('expense_category')
    if (parentId) {
      const parent = await tx.db
        .selectFrom('expense_categories')
        .selectAll()
        .where('id', '=', parentId)
        .executeTakeFirst()
      if (!parent || parent.id === id) throw new ValidationError({ parent_id: 'form.invalid_choice' })
      if (parent.parent_id !== null) throw new ValidationError({ parent_id: 'expenses.error.two_levels' })
      if (id) {
        const child = await tx.db
          .selectFrom('expense_categories')
          .select('id')
          .where('parent_id', '=', id)
          .executeTakeFirst()
        if (child) throw new ValidationError({ parent_id: 'expenses.error.has_children' })
      }
    }
    const row: ExpenseCategoryRow = {
      id: id ?? newId(),
      parent_id: parentId,
      name,
      code,
      archived: before ? Number(before.archived) : 0,
      created_at: before?.created_at ?? nowIso(),
    }
    if (before) {
      await tx.db
        .updateTable('expense_categories')
        .set({ name, code, parent_id: parentId })
        .where('id', '=', row.id)
        .execute()
    } else await tx.db.insert('expense_categories', row)
    await tx.audit(before ? 'finance.expense_category_changed' : 'finance.expense_category_created', {
      entity: 'expense_category',
      entityId: row.id,
      before,
      after: row,
    })
    return asTree([row])[0] ?? { id: row.id, parentId, name, code, archived: false, path: name }
  })
}

/** Archives or restores an expense category (its expenses keep it; it is no longer offered). */
export async function setExpenseCategoryArchived(ctx: Ctx, id: string, archived: boolean): Promise<void> {
  ctx.require(EXPENSES)
  await ctx.transaction(async (tx) => {
    const before = await tx.db.selectFrom('expense_categories').selectAll().where('id', '=', id).executeTakeFirst()
    if (!before) throw new NotFoundError('expense_category')
    await tx.db
      .updateTable('expense_categories')
      .set({ archived: archived ? 1 : 0 })
      .where('id', '=', id)
      .execute()
    await tx.audit(archived ? 'finance.expense_category_archived' : 'finance.expense_category_restored', {
      entity: 'expense_category',
      entityId: id,
      before,
      after: { ...before, archived: archived ? 1 : 0 },
    })
  })
}

/** An active expense category, or a field error (archived and unknown categories take no new expenses). */
export async function requireActiveExpenseCategory(ctx: Ctx, id: string, field = 'category_id'): Promise<void> {
  const row = await ctx.db
    .selectFrom('expense_categories')
    .select(['id', 'archived'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row || Number(row.archived) === 1) throw new ValidationError({ [field]: 'expenses.error.category' })
}

const incomeView = (r: IncomeCategoryRow): IncomeCategoryView => ({
  id: r.id,
  name: r.name,
  code: r.code,
  archived: Number(r.archived) === 1,
})

/** The income categories (service types) by name; staff who read or record charges use them. */
export async function listIncomeCategories(ctx: Ctx): Promise<IncomeCategoryView[]> {
  requireAny(ctx, 'finance.read', 'finance.manage', EXPENSES)
  const rows = await ctx.db.selectFrom('income_categories').selectAll('income_categories').execute()
  return rows.map(incomeView).sort((a, b) => a.name.localeCompare(b.name))
}

/** Creates (id null) or renames an income category (a service type). */
export async function saveIncomeCategory(
  ctx: Ctx,
  id: string | null,
  input: CategoryInput,
): Promise<IncomeCategoryView> {
  ctx.require(EXPENSES)
  const { name, code } = checkInput(input)
  return ctx.transaction(async (tx) => {
    const before = id
      ? await tx.db.selectFrom('income_categories').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined
    if (id && !before) throw new NotFoundError('income_category')
    const row: IncomeCategoryRow = {
      id: id ?? newId(),
      name,
      code,
      archived: before ? Number(before.archived) : 0,
      created_at: before?.created_at ?? nowIso(),
    }
    if (before) await tx.db.updateTable('income_categories').set({ name, code }).where('id', '=', row.id).execute()
    else await tx.db.insert('income_categories', row)
    await tx.audit(before ? 'finance.income_category_changed' : 'finance.income_category_created', {
      entity: 'income_category',
      entityId: row.id,
      before,
      after: row,
    })
    return incomeView(row)
  })
}

/** Archives or restores an income category. */
export async function setIncomeCategoryArchived(ctx: Ctx, id: string, archived: boolean): Promise<void> {
  ctx.require(EXPENSES)
  await ctx.transaction(async (tx) => {
    const before = await tx.db.selectFrom('income_categories').selectAll().where('id', '=', id).executeTakeFirst()
    if (!before) throw new NotFoundError('income_category')
    await tx.db
      .updateTable('income_categories')
      .set({ archived: archived ? 1 : 0 })
      .where('id', '=', id)
      .execute()
    await tx.audit(archived ? 'finance.income_category_archived' : 'finance.income_category_restored', {
      entity: 'income_category',
      entityId: id,
      before,
      after: { ...before, archived: archived ? 1 : 0 },
    })
  })
}

/** Refuses an unknown or archived income category on a charge, and one on anything but a service. */
export async function checkChargeCategory(ctx: Ctx, kind: string, categoryId: string | null | undefined) {
  if (!categoryId) return
  if (kind !== 'service') throw new ValidationError({ category_id: 'expenses.error.category_service_only' })
  const row = await ctx.db
    .selectFrom('income_categories')
    .select(['id', 'archived'])
    .where('id', '=', categoryId)
    .executeTakeFirst()
  if (!row || Number(row.archived) === 1) throw new ValidationError({ category_id: 'expenses.error.category' })
}
