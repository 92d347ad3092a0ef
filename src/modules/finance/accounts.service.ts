import { sql } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import { containsText, fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'

export interface AccountRow {
  clientId: string
  clientName: string
  balances: { currency: string; balanceMinor: number }[]
}

/**
 * Clients in the caller's scope by name, one page, each with its balance per currency: one grouped
 * SUM over the page's clients (the ledger index leads with client_id), not one query per client.
 */
export async function listAccounts(ctx: Ctx, lq: ListQuery): Promise<Page<AccountRow>> {
  ctx.require('finance.read')
  let q = ctx.db.selectFrom('clients').select(['clients.id', 'clients.name'])
  if (lq.q) q = q.where(containsText('clients.name', lq.q))
  const page = await fetchPage(q, lq, { name: 'clients.name' }, 'clients.id')
  const sums = await balancesFor(
    ctx,
    page.rows.map((r) => r.id),
  )
  return {
    ...page,
    rows: page.rows.map((r) => ({
      clientId: r.id,
      clientName: r.name,
      balances: sums.get(r.id) ?? [],
    })),
  }
}

/**
 * Balances per currency of several clients at once (for lists such as the client list): one
 * grouped SUM, inside the caller's scope; clients without entries are absent from the map.
 */
export async function balancesFor(
  ctx: Ctx,
  clientIds: string[],
): Promise<Map<string, { currency: string; balanceMinor: number }[]>> {
  const out = new Map<string, { currency: string; balanceMinor: number }[]>()
  // A list shown to someone without finance access simply shows no balances.
  if (clientIds.length === 0 || !(ctx.can('finance.read') || ctx.can('finance.client'))) return out
  const rows = await ctx.db
    .selectFrom('ledger_entries')
    .select([
      'ledger_entries.client_id',
      'ledger_entries.currency',
      sql<string | number>`sum(${sql.ref('ledger_entries.amount_minor')})`.as('total'),
    ])
    .where('ledger_entries.client_id', 'in', clientIds)
    .groupBy(['ledger_entries.client_id', 'ledger_entries.currency'])
    .orderBy('ledger_entries.currency')
    .execute()
  for (const r of rows) {
    out.set(r.client_id, [
      ...(out.get(r.client_id) ?? []),
      { currency: r.currency, balanceMinor: Number(r.total ?? 0) },
    ])
  }
  return out
}
