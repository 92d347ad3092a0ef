import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { containsText, fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import { IMPORT } from './bank.constants.js'
import type { BankOwnAccountRow } from './bank.schema.js'
import { compact } from './bank-keys.js'
import type { CsvMapping } from './parse/types.js'

/**
 * Finds the own accounts named in a file, creating those seen for the first time (named after the
 * account itself until someone renames them). Returns a lookup from the account as written to its id.
 */
export async function ensureOwnAccounts(
  ctx: Ctx,
  accounts: { account: string; currency: string | null }[],
): Promise<{ idOf: (account: string) => string }> {
  const byKey = new Map<string, { account: string; currency: string | null }>()
  for (const a of accounts) if (!byKey.has(compact(a.account))) byKey.set(compact(a.account), a)
  const ids = new Map<string, string>()
  const keys = [...byKey.keys()]
  if (keys.length) {
    const rows = await ctx.db
      .selectFrom('bank_own_accounts')
      .select(['id', 'account_key'])
      .where('account_key', 'in', keys)
      .execute()
    for (const r of rows) ids.set(r.account_key, r.id)
  }
  for (const [key, a] of byKey) {
    if (ids.has(key)) continue
    const id = newId()
    const now = nowIso()
    await ctx.db.insert('bank_own_accounts', {
      id,
      account_key: key,
      account: a.account,
      currency: a.currency,
      name: a.account,
      csv_mapping_json: null,
      created_at: now,
      updated_at: now,
    })
    ids.set(key, id)
  }
  return {
    idOf: (account) => {
      const id = ids.get(compact(account))
      if (!id) throw new Error(`own account ${account} was not prepared`)
      return id
    },
  }
}

/** The company's own accounts by name. */
export async function listOwnAccounts(ctx: Ctx): Promise<BankOwnAccountRow[]> {
  return ctx.db.selectFrom('bank_own_accounts').selectAll().orderBy('name').orderBy('id').execute()
}

export async function getOwnAccount(ctx: Ctx, id: string): Promise<BankOwnAccountRow> {
  ctx.require(IMPORT)
  const row = await ctx.db.selectFrom('bank_own_accounts').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError('bank_account')
  return row
}

/** The saved CSV column mapping of an account, or null. */
export function csvMappingOf(row: Pick<BankOwnAccountRow, 'csv_mapping_json'>): CsvMapping | null {
  if (!row.csv_mapping_json) return null
  try {
    return JSON.parse(row.csv_mapping_json) as CsvMapping
  } catch {
    return null
  }
}

/** Adds an own account by hand (before its first statement, e.g. to give a CSV mapping). */
export async function createOwnAccount(ctx: Ctx, input: { account: string; name: string; currency: string }) {
  ctx.require(IMPORT)
  const fields: Record<string, string> = {}
  const account = input.account.trim()
  const currency = input.currency.trim().toUpperCase()
  if (compact(account).length < 6) fields.account = 'bank.error.account'
  if (input.name.trim().length > 120) fields.name = 'form.too_long'
  if (currency && !/^[A-Z]{3}$/.test(currency)) fields.currency = 'bank.error.currency'
  if (Object.keys(fields).length) throw new ValidationError(fields)
  return ctx.transaction(async (tx) => {
    const existing = await tx.db
      .selectFrom('bank_own_accounts')
      .select('id')
      .where('account_key', '=', compact(account))
      .executeTakeFirst()
    if (existing) throw new ValidationError({ account: 'bank.error.account_exists' })
    const now = nowIso()
    const row = {
      id: newId(),
      account_key: compact(account),
      account,
      currency: currency || null,
      name: input.name.trim() || account,
      csv_mapping_json: null,
      created_at: now,
      updated_at: now,
    }
    await tx.db.insert('bank_own_accounts', row)
    await tx.audit('bank.account_created', { entity: 'bank_account', entityId: row.id, after: row })
    return row
  })
}

/** Renames an account and saves (or clears) its CSV mapping, audited. */
export async function saveOwnAccount(
  ctx: Ctx,
  id: string,
  input: { name: string; csvMapping: CsvMapping | null },
): Promise<void> {
  ctx.require(IMPORT)
  const name = input.name.trim()
  if (!name) throw new ValidationError({ name: 'form.required' })
  if (name.length > 120) throw new ValidationError({ name: 'form.too_long' })
  await ctx.transaction(async (tx) => {
    const before = await getOwnAccount(tx, id)
    const set = {
      name,
      csv_mapping_json: input.csvMapping ? JSON.stringify(input.csvMapping) : null,
      updated_at: nowIso(),
    }
    await tx.db.updateTable('bank_own_accounts').set(set).where('id', '=', id).execute()
    await tx.audit('bank.account_changed', { entity: 'bank_account', entityId: id, before, after: set })
  })
}

/** Own accounts as a sortable, searchable page. */
export async function listOwnAccountsPage(ctx: Ctx, lq: ListQuery): Promise<Page<BankOwnAccountRow>> {
  ctx.require(IMPORT)
  let q = ctx.db.selectFrom('bank_own_accounts').selectAll()
  if (lq.q) q = q.where((eb) => eb.or([containsText('name', lq.q), containsText('account', lq.q)]))
  return fetchPage(q, lq, { name: 'name', account: 'account' }, 'id')
}
