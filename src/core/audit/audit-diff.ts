export interface Change {
  /** Dotted path of the changed value (`bankAccounts`, `logo.sha256`); empty for a bare value. */
  path: string
  kind: 'added' | 'removed' | 'changed'
  before?: unknown
  after?: unknown
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Walks two values side by side; objects open up key by key, anything else compares whole. */
function walk(before: unknown, after: unknown, path: string, depth: number, out: Change[]): void {
  if (isPlainObject(before) && isPlainObject(after) && depth < 4) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    for (const key of keys) {
      const sub = path ? `${path}.${key}` : key
      if (!(key in before)) out.push({ path: sub, kind: 'added', after: after[key] })
      else if (!(key in after)) out.push({ path: sub, kind: 'removed', before: before[key] })
      else walk(before[key], after[key], sub, depth + 1, out)
    }
    return
  }
  if (!same(before, after)) out.push({ path, kind: 'changed', before, after })
}

/**
 * What differs between an audit record's before and after, key by key. A record without one side
 * (a creation, a deletion) lists every key of the other as added or removed.
 */
export function diffChanges(before: unknown, after: unknown): Change[] {
  const none = (v: unknown) => v === null || v === undefined
  if (none(before) && none(after)) return []
  const out: Change[] = []
  walk(
    none(before) && isPlainObject(after) ? {} : before,
    none(after) && isPlainObject(before) ? {} : after,
    '',
    0,
    out,
  )
  return out
}
