import { compact } from './bank-keys.js'
import type { NormalizedTransaction, ParseResult } from './parse/types.js'

/** A statement (or 1C account section) of a file with the figures it states and those we add up. */
export interface StatementDraft {
  account: string
  currency: string | null
  ref: string | null
  opening: number | null
  closing: number | null
  statedIn: number | null
  statedOut: number | null
  sumIn: number
  sumOut: number
  count: number
  from: string | null
  to: string | null
}

const signed = (t: NormalizedTransaction) => (t.direction === 'in' ? t.amount : -t.amount)

function add(d: StatementDraft, t: NormalizedTransaction) {
  if (t.direction === 'in') d.sumIn += t.amount
  else d.sumOut += t.amount
  d.count++
  if (!d.from || t.date < d.from) d.from = t.date
  if (!d.to || t.date > d.to) d.to = t.date
}

const draft = (account: string, currency: string | null, ref: string | null, o: Partial<StatementDraft> = {}) => ({
  account,
  currency,
  ref,
  opening: null,
  closing: null,
  statedIn: null,
  statedOut: null,
  sumIn: 0,
  sumOut: 0,
  count: 0,
  from: null,
  to: null,
  ...o,
})

/** Whether the statement's own figures hold: opening + in − out = closing, and 1C's totals equal the sums. */
export function statementMismatch(d: StatementDraft): boolean {
  if (d.opening !== null && d.closing !== null && d.opening + d.sumIn - d.sumOut !== d.closing) return true
  if (d.statedIn !== null && d.statedIn !== d.sumIn) return true
  if (d.statedOut !== null && d.statedOut !== d.sumOut) return true
  return false
}

/**
 * Puts each transaction under its statement. The parser lists statements and transactions in file
 * order without linking them, so several statements of one account are cut where the running balance
 * reaches a statement's closing balance; when it never does, the rest stays with the last one (and
 * its check then shows the mismatch rather than hiding it).
 */
export function splitStatements(result: ParseResult): { drafts: StatementDraft[]; statementOf: (number | null)[] } {
  const drafts: StatementDraft[] = []
  if (result.accounts?.length) {
    for (const a of result.accounts) {
      drafts.push(
        draft(a.account, a.currency, null, {
          opening: a.openingBalance,
          closing: a.closingBalance,
          statedIn: a.totalIn,
          statedOut: a.totalOut,
        }),
      )
    }
  } else if (result.statements?.length) {
    for (const s of result.statements) {
      const ref = s.statementId ?? [s.reference, s.statementNumber].filter(Boolean).join(' / ') ?? null
      drafts.push(draft(s.account, s.currency, ref || null, { opening: s.openingBalance, closing: s.closingBalance }))
    }
  }
  const groups = new Map<string, number[]>()
  drafts.forEach((d, i) => {
    const key = compact(d.account)
    groups.set(key, [...(groups.get(key) ?? []), i])
  })
  const statementOf: (number | null)[] = []
  const cursor = new Map<string, { pos: number; balance: number | null }>()
  for (const t of result.transactions) {
    const key = compact(t.ownAccount)
    let list = groups.get(key)
    if (!list) {
      // CSV files and 1C files without an account section: one statement per account, no stated figures.
      drafts.push(draft(t.ownAccount, t.currency, null))
      list = [drafts.length - 1]
      groups.set(key, list)
    }
    let c = cursor.get(key)
    if (!c) {
      c = { pos: 0, balance: drafts[list[0] as number]?.opening ?? null }
      cursor.set(key, c)
    }
    // A statement without movements (opening = closing) that the next one continues is skipped over.
    while (c.pos + 1 < list.length) {
      const d = drafts[list[c.pos] as number] as StatementDraft
      const nd = drafts[list[c.pos + 1] as number] as StatementDraft
      if (d.count > 0 || d.opening === null || d.opening !== d.closing || nd.opening !== d.closing) break
      c.pos++
    }
    const current = drafts[list[c.pos] as number] as StatementDraft
    add(current, t)
    statementOf.push(list[c.pos] as number)
    if (c.balance !== null) c.balance += signed(t)
    // Cut when this statement's closing balance is reached and the next one opens there.
    const next = list[c.pos + 1]
    if (next !== undefined && current.closing !== null && c.balance === current.closing) {
      const nd = drafts[next] as StatementDraft
      if (nd.opening === null || nd.opening === current.closing) {
        c.pos++
        c.balance = nd.opening ?? current.closing
      }
    }
  }
  return { drafts, statementOf }
}
