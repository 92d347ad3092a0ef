import type { Ctx } from '../../core/ctx.js'
import type { PageContext } from '../../core/ui/page-context.js'
import { HOME_NEXT_STEPS } from './contacts.constants.js'
import { companyToday, myOpenNextSteps, READ } from './contacts.service.js'
import { NextStepsBlock } from './views/next-steps-block.js'

/** The home page block: the signed-in employee's open next steps (staff with the contact log only). */
export async function contactsDashboard(ctx: Ctx, pc: PageContext): Promise<JSX.Element> {
  if (!ctx.can(READ) || !ctx.actor || ctx.actor.role === 'client') return ''
  const [rows, today] = await Promise.all([myOpenNextSteps(ctx, HOME_NEXT_STEPS + 1), companyToday(ctx)])
  const items = rows.slice(0, HOME_NEXT_STEPS).map((r) => ({
    id: r.id,
    client_id: r.client_id,
    client_name: r.client_name,
    next_step: r.next_step ?? '',
    next_step_due: r.next_step_due,
    channel: r.channel,
    occurred_at: r.occurred_at,
  }))
  return <NextStepsBlock pc={pc} items={items} more={rows.length > HOME_NEXT_STEPS} today={today} />
}
