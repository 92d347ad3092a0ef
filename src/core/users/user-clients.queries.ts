import type { Ctx } from '../ctx.js'

/** The clients the caller may attach a user to, by name. */
export const clientChoices = (ctx: Ctx): Promise<{ id: string; name: string }[]> =>
  ctx.db.selectFrom('clients').select(['id', 'name']).orderBy('name').orderBy('id').execute()

/** Names of the given clients the caller can see. */
export async function clientNames(ctx: Ctx, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))]
  if (wanted.length === 0) return new Map()
  const rows = await ctx.db.selectFrom('clients').select(['id', 'name']).where('id', 'in', wanted).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}
