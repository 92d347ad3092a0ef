import type { Ctx } from '../../core/ctx.js'
import type { PageContext } from '../../core/ui/page-context.js'
import type { Column } from '../../core/ui/table.js'

/**
 * The columns enabled modules add to the client list (finance: the balance), filled for the clients
 * on this page only: one call per module, whatever the page size.
 */
export async function moduleClientColumns<T extends { id: string }>(
  ctx: Ctx,
  pc: PageContext,
  rows: T[],
): Promise<Column<T>[]> {
  const ids = rows.map((r) => r.id)
  const out: Column<T>[] = []
  for (const mod of ctx.services.modules) {
    if (!mod.clientListColumns || !ctx.services.isEnabled(mod.name)) continue
    for (const col of mod.clientListColumns) {
      const cells = await col.cells(ctx, pc, ids)
      out.push({ key: col.key, label: pc.t(col.label), align: col.align, render: (r) => cells.get(r.id) ?? '—' })
    }
  }
  return out
}
