import type { Ctx } from '../../core/ctx.js'
import { parseBankAccounts } from '../clients/index.js'
import { paymentReferences, periodLockDate } from '../finance/index.js'
import { accountKeys, taxIdKeys } from './bank-keys.js'
import type { MatchLookups } from './bank-match.js'

const add = (map: Map<string, Set<string>>, key: string, id: string) => {
  let set = map.get(key)
  if (!set) {
    set = new Set()
    map.set(key, set)
  }
  set.add(id)
}

/**
 * Reads, in a handful of queries, every payment reference, client tax id, client bank account and
 * rule the matching may need, so a statement of 100,000 lines costs no query per line.
 */
export async function loadLookups(ctx: Ctx): Promise<MatchLookups> {
  const references: MatchLookups['references'] = new Map()
  const referenceLengths = new Set<number>()
  for (const r of await paymentReferences(ctx)) {
    references.set(r.reference, r)
    referenceLengths.add(r.reference.length)
  }
  const taxIds = new Map<string, Set<string>>()
  const accounts = new Map<string, Set<string>>()
  const clients = await ctx.db
    .selectFrom('clients')
    .select(['id', 'tax_id', 'bank_accounts'])
    .where((eb) => eb.or([eb('tax_id', 'is not', null), eb('bank_accounts', '!=', '[]')]))
    .execute()
  for (const c of clients) {
    for (const k of taxIdKeys(c.tax_id)) add(taxIds, k, c.id)
    for (const a of parseBankAccounts(c.bank_accounts)) for (const k of accountKeys(a.account)) add(accounts, k, c.id)
  }
  const clientRules = (await ctx.db.selectFrom('bank_client_rules').select(['pattern', 'client_id']).execute()).map(
    (r) => ({ pattern: r.pattern, clientId: r.client_id }),
  )
  const expenseRules = (
    await ctx.db
      .selectFrom('bank_expense_rules')
      .select(['kind', 'value', 'category_id'])
      .orderBy('position')
      .orderBy('created_at')
      .execute()
  ).map((r) => ({ kind: r.kind, value: r.value, categoryId: r.category_id }))
  return {
    references,
    referenceLengths,
    taxIds,
    accounts,
    clientRules,
    expenseRules,
    lockDate: await periodLockDate(ctx),
  }
}
