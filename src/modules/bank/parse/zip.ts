// ZIP uploads (CommerceML exchanges pack files): a minimal central-directory reader with size
// and member limits; members are parsed like standalone uploads and merged when of one format.
import { inflateRawSync } from 'node:zlib'
import { fail } from './normalize.js'
import type { ParseResult } from './types.js'

const MAX_MEMBERS = 200
const MAX_TOTAL = 512 * 1024 * 1024

export function zipMembers(b: Buffer): { name: string; data: Buffer }[] {
  let eocd = -1
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd === -1) fail('truncated', 'ZIP archive without end-of-central-directory record (cut upload?)', {})
  const count = b.readUInt16LE(eocd + 10)
  let p = b.readUInt32LE(eocd + 16)
  if (count > MAX_MEMBERS) fail('malformed', `ZIP archive has ${count} members (limit ${MAX_MEMBERS})`, {})
  const out: { name: string; data: Buffer }[] = []
  let total = 0
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) fail('malformed', 'ZIP central directory is damaged', {})
    const method = b.readUInt16LE(p + 10)
    const csize = b.readUInt32LE(p + 20)
    const usize = b.readUInt32LE(p + 24)
    const nlen = b.readUInt16LE(p + 28)
    const xlen = b.readUInt16LE(p + 30)
    const clen = b.readUInt16LE(p + 32)
    const local = b.readUInt32LE(p + 42)
    const name = b.subarray(p + 46, p + 46 + nlen).toString('utf8')
    p += 46 + nlen + xlen + clen
    if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue
    total += usize
    if (total > MAX_TOTAL) fail('malformed', 'ZIP archive unpacks to more than the allowed size', {})
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50)
      fail('truncated', `ZIP member ${name} is cut`, {})
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28)
    const raw = b.subarray(start, start + csize)
    if (raw.length < csize) fail('truncated', `ZIP member ${name} is cut`, {})
    let data: Buffer
    if (method === 0) data = raw
    else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(usize, 1) })
    else fail('malformed', `ZIP member ${name} uses unsupported compression ${method}`, {})
    out.push({ name, data })
  }
  return out
}

export function parseZip(b: Buffer, parseMember: (bytes: Buffer) => ParseResult): ParseResult {
  const members = zipMembers(b)
  if (!members.length) fail('malformed', 'ZIP archive has no files', {})
  const results = members.map((m) => ({ name: m.name, r: parseMember(m.data) }))
  const bad = results.find((x) => x.r.error)
  if (bad) {
    bad.r.meta.message = `${bad.name}: ${bad.r.meta.message ?? bad.r.error}`
    bad.r.meta.zipMember = bad.name
    return bad.r
  }
  const first = (results[0] as { r: ParseResult }).r
  if (results.some((x) => x.r.format !== first.format)) {
    fail(
      'malformed',
      `ZIP archive mixes formats (${results.map((x) => `${x.name}: ${x.r.format}`).join(', ')}); upload the files separately`,
      {},
    )
  }
  const merged: ParseResult = {
    format: first.format,
    meta: { ...first.meta, zipMembers: results.map((x) => x.name) },
    transactions: [],
  }
  for (const { r } of results) {
    if (r.accounts) merged.accounts = [...(merged.accounts ?? []), ...r.accounts]
    if (r.droppedDuplicates != null) merged.droppedDuplicates = (merged.droppedDuplicates ?? 0) + r.droppedDuplicates
    if (r.statements) merged.statements = [...(merged.statements ?? []), ...r.statements]
    if (r.skippedEntries) merged.skippedEntries = [...(merged.skippedEntries ?? []), ...r.skippedEntries]
    merged.transactions.push(...r.transactions)
    if (r.counterparties) merged.counterparties = [...(merged.counterparties ?? []), ...r.counterparties]
    if (r.documents) merged.documents = [...(merged.documents ?? []), ...r.documents]
  }
  // keep the contract key order: transactions after the statement-level arrays
  const { transactions, counterparties, documents, ...head } = merged
  return { ...head, transactions, ...(counterparties ? { counterparties } : {}), ...(documents ? { documents } : {}) }
}
