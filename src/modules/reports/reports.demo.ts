import type { Ctx } from '../../core/ctx.js'
import type { DemoWorld } from '../../core/module.js'
import { expensesDemo } from '../finance/index.js'

/** The reports read what the other modules' demos made; a year of company expenses is added here. */
export async function reportsDemo(ctx: Ctx, world: DemoWorld): Promise<void> {
  await expensesDemo(ctx, world)
}
