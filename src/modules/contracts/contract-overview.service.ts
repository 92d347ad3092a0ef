import type { Ctx } from '../../core/ctx.js'
import { ENDING_SOON_DAYS } from './contracts.constants.js'
import {
  contractsEndingBetween,
  countContracts,
  findUserName,
  findVisibleClient,
  listVisibleClients,
} from './contracts.queries.js'
import { addDays, type ContractView, companyToday, toContractView } from './contracts.service.js'

/**
 * The staff home block: running contracts ending within `days` (soonest first, at most `limit`),
 * how many there are, and how many drafts wait — all inside the caller's scope.
 */
export async function contractsOverview(ctx: Ctx, days = ENDING_SOON_DAYS, limit = 10) {
  ctx.require('contracts.read')
  const today = await companyToday(ctx)
  const until = addDays(today, days)
  const [ending, endingTotal, drafts] = await Promise.all([
    contractsEndingBetween(ctx, today, until, limit),
    countContracts(ctx, ['active', 'suspended'], [today, until]),
    countContracts(ctx, ['draft']),
  ])
  return { today, days, ending: ending.map(toContractView) as ContractView[], endingTotal, drafts }
}

/** Clients the caller may file contracts for, by name; null when there are more than `limit` (too many for a select). */
export async function clientChoices(ctx: Ctx, limit: number) {
  const rows = await listVisibleClients(ctx, limit + 1)
  return rows.length > limit ? null : rows
}

/** Clients to choose from in the new-contract form, by name (the first `limit`). */
export const pickableClients = (ctx: Ctx, limit: number) => listVisibleClients(ctx, limit)

/** One client the caller may see, by id. */
export const visibleClient = (ctx: Ctx, id: string) => findVisibleClient(ctx, id)

/** A staff member's display name, if the caller may see that user. */
export async function userName(ctx: Ctx, id: string | null): Promise<string | null> {
  if (!id) return null
  return (await findUserName(ctx, id))?.name ?? null
}
