import { createHash } from 'node:crypto'

/** SHA-256 hex of a dedup key's UTF-8 bytes (formats.md §0.4): what the unique index holds. */
export const dedupHash = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex')

/** Letters and digits only, upper case: how references, tax ids and accounts are compared. */
export const compact = (s: string | null | undefined): string => (s ?? '').replace(/[^0-9A-Za-z]/g, '').toUpperCase()

/**
 * The keys under which a tax id is known: its compact form, and for an 11-digit Hungarian adószám
 * also the EU VAT form `HU` + first eight digits (payers' banks print either).
 */
export function taxIdKeys(taxId: string | null | undefined): string[] {
  const c = compact(taxId)
  if (!c) return []
  const keys = [c]
  if (/^\d{11}$/.test(c)) keys.push(`HU${c.slice(0, 8)}`)
  if (/^HU\d{8}$/.test(c)) keys.push(c)
  return keys
}

/**
 * The keys under which an account is known: compact form; for an IBAN also its domestic part (BBAN),
 * and for a Hungarian IBAN whose GIRO number ends in eight zeros the 16-digit form clients write.
 */
export function accountKeys(account: string | null | undefined): string[] {
  const c = compact(account)
  if (c.length < 6) return []
  const keys = new Set([c])
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(c)) {
    const bban = c.slice(4)
    keys.add(bban)
    if (c.startsWith('HU') && bban.endsWith('00000000')) keys.add(bban.slice(0, 16))
  }
  if (/^\d{16}$/.test(c)) keys.add(`${c}00000000`)
  return [...keys]
}

/**
 * Runs of letters and digits in a text, each with the runs that follow it, glued: a payer may write
 * `PR-2026-000123`, `PR 2026 000123` or `PR2026000123`; all give `PR2026000123` at a run boundary.
 * Only whole runs are joined, so `12026000123` never yields `2026000123`.
 */
export function referenceCandidates(text: string, lengths: ReadonlySet<number>, maxRuns = 4): string[] {
  const runs = text.toUpperCase().match(/[0-9A-Z]+/g) ?? []
  const out: string[] = []
  for (let i = 0; i < runs.length; i++) {
    let joined = ''
    for (let j = i; j < Math.min(runs.length, i + maxRuns); j++) {
      joined += runs[j]
      if (lengths.has(joined.length)) out.push(joined)
    }
  }
  return out
}
