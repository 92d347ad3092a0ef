// Builders shared by every format: the transaction object in contract key order, scalar
// cleaning (§0.1: trim, empty → null), parse failures carrying a code and a location, and
// the {n} occurrence counter of fallback dedup keys (§0.4).
import type { Direction, NormalizedTransaction, ParseErrorCode } from './types.js'

export class ParseFailure extends Error {
  constructor(
    readonly code: ParseErrorCode,
    message: string,
    readonly where: { line?: number; path?: string } = {},
  ) {
    super(message)
  }
}

export function fail(code: ParseErrorCode, message: string, where: { line?: number; path?: string } = {}): never {
  throw new ParseFailure(code, message, where)
}

/** Trim; empty → null. */
export function clean(v: string | null | undefined): string | null {
  if (v == null) return null
  const t = v.trim()
  return t === '' ? null : t
}

/** The §0.1 fields every format fills (1C adds `documentKind` itself). */
export type TxFields = Omit<NormalizedTransaction, 'documentKind'>

/** Creates the transaction with exactly the §0.1 keys in §0.1 order. */
export function makeTransaction(f: TxFields, documentKind?: string | null): NormalizedTransaction {
  const tx: NormalizedTransaction = {
    ownAccount: f.ownAccount,
    date: f.date,
    valueDate: f.valueDate,
    documentDate: f.documentDate,
    amount: f.amount,
    currency: f.currency,
    direction: f.direction,
    counterpartyName: f.counterpartyName,
    counterpartyTaxId: f.counterpartyTaxId,
    counterpartyAccount: f.counterpartyAccount,
    counterpartyBankId: f.counterpartyBankId,
    reference: f.reference,
    purpose: f.purpose,
    bankTransactionId: f.bankTransactionId,
    isReversal: f.isReversal,
    dedupKey: f.dedupKey,
  }
  if (documentKind !== undefined) tx.documentKind = documentKind
  return tx
}

/** A null component is written as the empty string (§0.4). */
export function keyOf(parts: (string | number | null | undefined)[]): string {
  let s = ''
  for (let i = 0; i < parts.length; i++) {
    if (i) s += '|'
    const p = parts[i]
    if (p != null) s += p
  }
  return s
}

/** 1-based occurrence counter per exact key prefix; one instance per statement. */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>()
  next(prefix: string): string {
    const n = (this.seen.get(prefix) ?? 0) + 1
    this.seen.set(prefix, n)
    return `${prefix}|${n}`
  }
}

/** Account comparison key: GIRO and IBAN forms of one Hungarian account must match (§2.4), so
 *  IBANs are reduced to their BBAN digits and 16-digit GIRO numbers padded to 24. */
export function accountKey(raw: string | null | undefined): string {
  if (!raw) return ''
  const compact = raw.replace(/[\s-]/g, '').toUpperCase()
  const iban = /^[A-Z]{2}\d{2}([A-Z0-9]+)$/.exec(compact)
  if (iban) return iban[1] as string
  const digits = compact.replace(/\D/g, '')
  if (!digits) return compact
  return digits.length === 16 ? `${digits}00000000` : digits
}

export function lineNumberAt(text: string, index: number): number {
  let line = 1
  let i = text.indexOf('\n')
  while (i !== -1 && i < index) {
    line++
    i = text.indexOf('\n', i + 1)
  }
  return line
}
