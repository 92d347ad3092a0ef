import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { containsText, fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import { EXPENSE_RULE_KINDS, type ExpenseRuleKind, IMPORT, REVIEW } from './bank.constants.js'
import { compact } from './bank-keys.js'

const isUnique = (err: unknown) => /unique|duplicate/i.test(String((err as Error)?.message))

export interface ClientRuleView {
  id: string
  pattern: string
  clientId: string
  clientName: string
  createdAt: string
}

/** Payer-name rules in the caller's scope (a manager: its clients'), with the client's name. */
export async function listClientRules(ctx: Ctx, lq: ListQuery): Promise<Page<ClientRuleView>> {
  ctx.require(REVIEW)
  let q = ctx.db
    .selectFrom('bank_client_rules')
    .innerJoin('clients', 'clients.id', 'bank_client_rules.client_id')
    .select([
      'bank_client_rules.id',
      'bank_client_rules.pattern',
      'bank_client_rules.client_id',
      'bank_client_rules.created_at',
      'clients.name as client_name',
    ])
  if (lq.q)
    q = q.where((eb) => eb.or([containsText('bank_client_rules.pattern', lq.q), containsText('clients.name', lq.q)]))
  const page = await fetchPage(
    q,
    lq,
    { pattern: 'bank_client_rules.pattern', created_at: 'bank_client_rules.created_at', client: 'clients.name' },
    'bank_client_rules.id',
  )
  return {
    ...page,
    rows: page.rows.map((r) => ({
      id: r.id,
      pattern: r.pattern,
      clientId: r.client_id,
      clientName: r.client_name,
      createdAt: r.created_at,
    })),
  }
}

/** Saves "payer name contains X → client": X at least 3 characters, one client per X, the client in scope. */
export async function createClientRule(ctx: Ctx, input: { pattern: string; clientId: string }): Promise<string> {
  ctx.require(REVIEW)
  const pattern = input.pattern.trim().toLowerCase().replace(/\s+/g, ' ')
  const fields: Record<string, string> = {}
  if (pattern.length < 3) fields.pattern = 'bank.error.pattern_short'
  else if (pattern.length > 120) fields.pattern = 'form.too_long'
  if (!input.clientId) fields.client_id = 'form.required'
  if (Object.keys(fields).length) throw new ValidationError(fields)
  return ctx.transaction(async (tx) => {
    const client = await tx.db.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst()
    if (!client) throw new ValidationError({ client_id: 'bank.error.client' })
    const taken = await tx
      .unscoped('a pattern is unique company-wide, whoever manages the client')
      .selectFrom('bank_client_rules')
      .select('id')
      .where('pattern', '=', pattern)
      .executeTakeFirst()
    if (taken) throw new ValidationError({ pattern: 'bank.error.pattern_taken' })
    const row = { id: newId(), client_id: client.id, pattern, created_by: tx.actor?.id ?? null, created_at: nowIso() }
    await tx.db.insert('bank_client_rules', row)
    await tx.audit('bank.client_rule_created', {
      entity: 'bank_client_rule',
      entityId: row.id,
      clientId: client.id,
      after: row,
    })
    return row.id
  })
}

export async function deleteClientRule(ctx: Ctx, id: string): Promise<void> {
  ctx.require(REVIEW)
  await ctx.transaction(async (tx) => {
    const before = await tx.db.selectFrom('bank_client_rules').selectAll().where('id', '=', id).executeTakeFirst()
    if (!before) throw new NotFoundError('bank_client_rule')
    await tx.db.deleteFrom('bank_client_rules').where('id', '=', id).execute()
    await tx.audit('bank.client_rule_deleted', {
      entity: 'bank_client_rule',
      entityId: id,
      clientId: before.client_id,
      before,
    })
  })
}

export interface ExpenseRuleView {
  id: string
  kind: ExpenseRuleKind
  value: string
  categoryId: string
  position: number
  createdAt: string
}

/** Expense rules in the order they are tried. */
export async function listExpenseRules(ctx: Ctx, lq: ListQuery): Promise<Page<ExpenseRuleView>> {
  ctx.require(IMPORT)
  let q = ctx.db.selectFrom('bank_expense_rules').selectAll()
  if (lq.q) q = q.where(containsText('value', lq.q))
  if (EXPENSE_RULE_KINDS.includes(lq.params.kind as ExpenseRuleKind))
    q = q.where('kind', '=', lq.params.kind as ExpenseRuleKind)
  const page = await fetchPage(
    q,
    lq,
    { position: 'position', value: 'value', kind: 'kind', created_at: 'created_at' },
    'id',
  )
  return {
    ...page,
    rows: page.rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      value: r.value,
      categoryId: r.category_id,
      position: Number(r.position),
      createdAt: r.created_at,
    })),
  }
}

/** The stored form of a rule value: tax ids compact, names and keywords lower case. */
export const ruleValueOf = (kind: ExpenseRuleKind, value: string): string =>
  kind === 'tax_id' ? compact(value) : value.trim().toLowerCase().replace(/\s+/g, ' ')

export async function createExpenseRule(
  ctx: Ctx,
  input: { kind: string; value: string; categoryId: string; position: number },
  categoryIds: ReadonlySet<string>,
): Promise<string> {
  ctx.require(IMPORT)
  const fields: Record<string, string> = {}
  const kind = input.kind as ExpenseRuleKind
  if (!EXPENSE_RULE_KINDS.includes(kind)) fields.kind = 'form.invalid_choice'
  const value = EXPENSE_RULE_KINDS.includes(kind) ? ruleValueOf(kind, input.value) : ''
  if (value.length < (kind === 'tax_id' ? 5 : 3)) fields.value = 'bank.error.pattern_short'
  else if (value.length > 120) fields.value = 'form.too_long'
  if (!categoryIds.has(input.categoryId)) fields.category_id = 'form.invalid_choice'
  if (!Number.isSafeInteger(input.position) || input.position < 0 || input.position > 10_000)
    fields.position = 'bank.error.position'
  if (Object.keys(fields).length) throw new ValidationError(fields)
  const row = {
    id: newId(),
    kind,
    value,
    category_id: input.categoryId,
    position: input.position,
    created_by: ctx.actor?.id ?? null,
    created_at: nowIso(),
  }
  try {
    await ctx.transaction(async (tx) => {
      await tx.db.insert('bank_expense_rules', row)
      await tx.audit('bank.expense_rule_created', { entity: 'bank_expense_rule', entityId: row.id, after: row })
    })
  } catch (err) {
    if (isUnique(err)) throw new ValidationError({ value: 'bank.error.pattern_taken' })
    throw err
  }
  return row.id
}

export async function deleteExpenseRule(ctx: Ctx, id: string): Promise<void> {
  ctx.require(IMPORT)
  await ctx.transaction(async (tx) => {
    const before = await tx.db.selectFrom('bank_expense_rules').selectAll().where('id', '=', id).executeTakeFirst()
    if (!before) throw new NotFoundError('bank_expense_rule')
    await tx.db.deleteFrom('bank_expense_rules').where('id', '=', id).execute()
    await tx.audit('bank.expense_rule_deleted', { entity: 'bank_expense_rule', entityId: id, before })
  })
}
