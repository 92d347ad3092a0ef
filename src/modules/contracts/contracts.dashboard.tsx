import type { Ctx } from '../../core/ctx.js'
import type { PageContext } from '../../core/ui/page-context.js'
import { contractsOverview } from './contract-overview.service.js'
import { ENDING_SOON_DAYS } from './contracts.constants.js'
import { ContractsDashboard } from './views/contracts-dashboard.js'

/** The staff home block; the manager sees their clients' contracts, the head everyone's. */
export async function contractsDashboard(ctx: Ctx, pc: PageContext): Promise<JSX.Element> {
  if (!ctx.actor || ctx.actor.role === 'client' || !ctx.can('contracts.read')) return ''
  const o = await contractsOverview(ctx, ENDING_SOON_DAYS)
  return (
    <ContractsDashboard
      pc={pc}
      days={o.days}
      ending={o.ending}
      endingTotal={o.endingTotal}
      drafts={o.drafts}
      today={o.today}
    />
  )
}
