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
  const ids = page.rows.map((r) => r.id)
  const sums = ids.length
    ? await ctx.db
        .selectFrom('ledger_entries')
        .select([
          'ledger_entries.client_id',
          'ledger_entries.currency',
          sql<string | number>`sum(${sql.ref('ledger_entries.amount_minor')})`.as('total'),
        ])
        .where('ledger_entries.client_id', 'in', ids)
        .groupBy(['ledger_entries.client_id', 'ledger_entries.currency'])
        .orderBy('ledger_entries.currency')
        .execute()
    : []
  return {
    ...page,
    rows: page.rows.map((r) => ({
      clientId: r.id,
      clientName: r.name,
      balances: sums
        .filter((s) => s.client_id === r.id)
        .map((s) => ({ currency: s.currency, balanceMinor: Number(s.total ?? 0) })),
    })),
  }
}
