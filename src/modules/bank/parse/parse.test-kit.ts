// Test helpers for the parser tests: fixture access and small builders.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { parseStatement } from './index.js'
import type { NormalizedTransaction, ParseResult } from './types.js'

/** The shared public samples live next to the repository: ../shared/fixtures. */
export const FIXTURES = path.resolve('..', 'shared', 'fixtures')

export function fixture(rel: string): Buffer {
  return readFileSync(path.join(FIXTURES, rel))
}

export function parseFixture(rel: string): ParseResult {
  return parseStatement(fixture(rel))
}

export function parseText(text: string, encoding = 'utf-8'): ParseResult {
  return parseStatement(encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, encoding))
}

export function sum(txs: NormalizedTransaction[], direction: 'in' | 'out', account?: string): number {
  let s = 0
  for (const t of txs) if (t.direction === direction && (!account || t.ownAccount === account)) s += t.amount
  return s
}

export const CONTRACT_KEYS = [
  'ownAccount',
  'date',
  'valueDate',
  'documentDate',
  'amount',
  'currency',
  'direction',
  'counterpartyName',
  'counterpartyTaxId',
  'counterpartyAccount',
  'counterpartyBankId',
  'reference',
  'purpose',
  'bankTransactionId',
  'isReversal',
  'dedupKey',
]
