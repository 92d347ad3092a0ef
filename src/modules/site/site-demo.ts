import type { Ctx } from '../../core/ctx.js'
import { nowIso } from '../../core/db/ids.js'
import type { DemoWorld } from '../../core/module.js'

/**
 * The demo company's website knows its first ten clients and their users under its own ids
 * (`web-c-0001`, `web-u-0001` …), as if they had been synchronised already.
 */
export async function siteDemo(ctx: Ctx, world: DemoWorld): Promise<void> {
  const now = nowIso()
  const rows: {
    kind: 'client' | 'user'
    external_id: string
    entity_id: string
    client_id: string
    created_at: string
    updated_at: string
  }[] = []
  let u = 0
  world.clientIds.slice(0, 10).forEach((clientId, i) => {
    rows.push({
      kind: 'client',
      external_id: `web-c-${String(i + 1).padStart(4, '0')}`,
      entity_id: clientId,
      client_id: clientId,
      created_at: now,
      updated_at: now,
    })
    for (const userId of world.clientUserIds[clientId] ?? []) {
      rows.push({
        kind: 'user',
        external_id: `web-u-${String(++u).padStart(4, '0')}`,
        entity_id: userId,
        client_id: clientId,
        created_at: now,
        updated_at: now,
      })
    }
  })
  await ctx.db.insert('site_links', rows)
}
