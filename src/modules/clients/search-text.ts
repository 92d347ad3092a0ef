import type { Ctx } from '../../core/ctx.js'
import { taxIdDigits } from './tax-id.js'

interface Searchable {
  name: string
  short_name: string | null
  tax_id: string | null
  email: string | null
}

/**
 * The lower-cased text the client search looks in. JavaScript lower-cases Cyrillic and Hungarian
 * letters, which SQLite's lower() and LIKE do not, so one LIKE finds "северный" in both databases.
 */
export function searchTextOf(client: Searchable, contacts: { name: string; email: string | null }[]): string {
  const parts = [
    client.name,
    client.short_name,
    client.tax_id,
    client.tax_id ? taxIdDigits(client.tax_id) : null,
    client.email,
  ]
  for (const c of contacts) parts.push(c.name, c.email)
  return parts
    .filter((p): p is string => Boolean(p))
    .join(' | ')
    .toLowerCase()
    .slice(0, 8000)
}

/** "Árvíztűrő Kft." → "arvizturo kft.": accents of Latin letters folded (Cyrillic й and ё stay letters of their own). */
export const sortNameOf = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/([a-z])\p{M}+/gu, '$1')
    .normalize('NFC')
    .slice(0, 200)

/** Recomputes a client's search text and sort key after its name, tax id, e-mail or contact persons changed. */
export async function refreshSearchText(ctx: Ctx, clientId: string): Promise<void> {
  const client = await ctx.db
    .selectFrom('clients')
    .select(['name', 'short_name', 'tax_id', 'email'])
    .where('id', '=', clientId)
    .executeTakeFirst()
  if (!client) return
  const contacts = await ctx.db
    .selectFrom('contact_persons')
    .select(['name', 'email'])
    .where('client_id', '=', clientId)
    .where('archived_at', 'is', null)
    .execute()
  await ctx.db
    .updateTable('clients')
    .set({ search_text: searchTextOf(client, contacts), sort_name: sortNameOf(client.name) })
    .where('id', '=', clientId)
    .execute()
}
