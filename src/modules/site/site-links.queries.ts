import type { Ctx } from '../../core/ctx.js'
import { nowIso } from '../../core/db/ids.js'
import type { SiteLink, SiteLinkKind } from './site.schema.js'

/** The link of a website id, if the website has sent it before. */
export const findLink = (ctx: Ctx, kind: SiteLinkKind, externalId: string): Promise<SiteLink | undefined> =>
  ctx.db
    .selectFrom('site_links')
    .selectAll()
    .where('kind', '=', kind)
    .where('external_id', '=', externalId)
    .executeTakeFirst()

/** The website ids of some Kabinet records, by record id. */
export async function externalIdsOf(ctx: Ctx, entityIds: readonly string[]): Promise<Map<string, string>> {
  if (entityIds.length === 0) return new Map()
  const rows = await ctx.db
    .selectFrom('site_links')
    .select(['entity_id', 'external_id'])
    .where('entity_id', 'in', [...new Set(entityIds)])
    .execute()
  return new Map(rows.map((r) => [r.entity_id, r.external_id]))
}

export async function insertLink(
  ctx: Ctx,
  link: { kind: SiteLinkKind; externalId: string; entityId: string; clientId: string | null },
): Promise<void> {
  const now = nowIso()
  await ctx.db.insert('site_links', {
    kind: link.kind,
    external_id: link.externalId,
    entity_id: link.entityId,
    client_id: link.clientId,
    created_at: now,
    updated_at: now,
  })
}

/** Whether a database error is a unique-constraint violation (a parallel request created the same link). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}
