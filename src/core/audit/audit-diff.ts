export interface Change {
  /** Dotted path of the changed value (`bankAccounts`, `logo.sha256`); empty for a bare value. */
  path: string
  kind: 'added' | 'removed' | 'changed'
  before?: unknown
  after?: unknown
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Leaf values by dotted path; arrays are compared whole, since their items have no stable keys. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>, depth: number): void {
  if (isPlainObject(value) && depth < 4) {
    const keys = Object.keys(value)
    if (keys.length === 0 && prefix) out.set(prefix, value)
    for (const key of keys) flatten(value[key], prefix ? `${prefix}.${key}` : key, out, depth + 1)
    return
  }
  out.set(prefix, value)
}

/** What differs between an audit record's before and after, key by key. */
export function diffChanges(before: unknown, after: unknown): Change[] {
  const b = new Map<string, unknown>()
  const a = new Map<string, unknown>()
  if (before !== null && before !== undefined) flatten(before, '', b, 0)
  if (after !== null && after !== undefined) flatten(after, '', a, 0)
  const paths = [...new Set([...b.keys(), ...a.keys()])].sort()
  const changes: Change[] = []
  for (const path of paths) {
    const inBefore = b.has(path)
    const inAfter = a.has(path)
    if (inBefore && inAfter) {
      if (JSON.stringify(b.get(path)) !== JSON.stringify(a.get(path))) {
        changes.push({ path, kind: 'changed', before: b.get(path), after: a.get(path) })
      }
    } else if (inAfter) changes.push({ path, kind: 'added', after: a.get(path) })
    else changes.push({ path, kind: 'removed', before: b.get(path) })
  }
  return changes
}
