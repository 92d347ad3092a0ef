import type { Insertable } from 'kysely'
import type { Ctx } from '../../core/ctx.js'
import type { Database } from '../../core/db/database.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { type BankReceipt, type NewExpense, recordBankExpenses, recordBankReceipts } from '../finance/index.js'
import { IMPORT, INSERT_BATCH } from './bank.constants.js'
import type { BankStatementTable, BankTransactionTable } from './bank.schema.js'
import { ensureOwnAccounts } from './bank-accounts.service.js'
import { dedupHash } from './bank-keys.js'
import { loadLookups } from './bank-lookups.js'
import { type PostOutcome, postTransaction } from './bank-post.js'
import { type StatementDraft, splitStatements, statementMismatch } from './bank-statements-split.js'
import { detectFormat, parseStatement } from './parse/index.js'
import type { CsvMapping, NormalizedTransaction, ParseResult } from './parse/types.js'

/** One problem that stopped a file: the parser's code and where (line or XML path). */
export interface ImportError {
  code: string
  message: string
  line?: number
  path?: string
}

/** What the CLI prints and the API answers for one file (docs/bank-import.md). */
export interface ImportSummary {
  format: string
  statements: number
  transactions: number
  new: number
  duplicates: number
  matched: number
  toReview: number
  expenses: number
  errors: ImportError[]
}

export interface ImportOutcome {
  /** The history row; null when the file was refused (nothing stored). */
  importId: string | null
  fileName: string
  summary: ImportSummary
}

export interface ImportFile {
  name: string
  bytes: Buffer
  /** For CSV statements: the own account whose saved column mapping reads the file. */
  csvMapping?: CsvMapping | null
}

const emptySummary = (format: string): ImportSummary => ({
  format,
  statements: 0,
  transactions: 0,
  new: 0,
  duplicates: 0,
  matched: 0,
  toReview: 0,
  expenses: 0,
  errors: [],
})

function refused(file: ImportFile, format: string, error: ImportError): ImportOutcome {
  return { importId: null, fileName: file.name, summary: { ...emptySummary(format), errors: [error] } }
}

/** Parses bytes as a statement; CSV only with a mapping (CSV is never guessed from content). */
export function parseFile(file: ImportFile): ParseResult {
  const detected = detectFormat(file.bytes)
  if (detected === 'unknown' && file.csvMapping) return parseStatement(file.bytes, { csv: file.csvMapping })
  return parseStatement(file.bytes)
}

function parseError(result: ParseResult): ImportError | null {
  if (result.error) {
    const m = result.meta
    return {
      code: result.error,
      message: m.message ?? result.error,
      ...(m.line !== undefined ? { line: m.line } : {}),
      ...(m.path !== undefined ? { path: m.path } : {}),
    }
  }
  if (result.format === 'commerceml') {
    return { code: 'not_a_statement', message: 'CommerceML is a 1C exchange document, not a bank statement' }
  }
  return null
}

const mimeOf = (bytes: Buffer) =>
  bytes.subarray(0, 64).toString('latin1').trimStart().startsWith('<') ? 'application/xml' : 'text/plain'

/**
 * Imports one statement file in one transaction: parse, drop what was imported before (by the
 * SHA-256 of each dedup key, under a unique index), match and post what is new, keep the file and a
 * history row. A file that does not parse stores nothing and says why; importing it again later
 * posts nothing twice.
 */
export async function importStatement(ctx: Ctx, file: ImportFile): Promise<ImportOutcome> {
  ctx.require(IMPORT)
  const result = parseFile(file)
  const error = parseError(result)
  if (error) return refused(file, result.format, error)
  return ctx.transaction(async (tx) => storeImport(tx, file, result))
}

async function existingHashes(ctx: Ctx, hashes: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let i = 0; i < hashes.length; i += INSERT_BATCH) {
    const chunk = hashes.slice(i, i + INSERT_BATCH)
    const rows = await ctx.db
      .selectFrom('bank_transactions')
      .select('dedup_hash')
      .where('dedup_hash', 'in', chunk)
      .execute()
    for (const r of rows) found.add(r.dedup_hash)
  }
  return found
}

async function insertBatched<T extends 'bank_transactions' | 'bank_statements'>(
  ctx: Ctx,
  table: T,
  rows: Insertable<Database[T]>[],
) {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await ctx.db.insert(table, rows.slice(i, i + INSERT_BATCH))
}

const statementRow = (d: StatementDraft, importId: string, ownAccountId: string): BankStatementTable => ({
  id: newId(),
  import_id: importId,
  own_account_id: ownAccountId,
  statement_ref: d.ref,
  currency: d.currency,
  period_from: d.from,
  period_to: d.to,
  opening_minor: d.opening,
  closing_minor: d.closing,
  sum_in_minor: d.sumIn,
  sum_out_minor: d.sumOut,
  tx_count: d.count,
  is_mismatch: statementMismatch(d) ? 1 : 0,
  created_at: nowIso(),
})

function transactionRow(
  t: NormalizedTransaction,
  ids: { id: string; importId: string; statementId: string | null; ownAccountId: string; hash: string },
  o: PostOutcome,
): BankTransactionTable {
  return {
    id: ids.id,
    import_id: ids.importId,
    statement_id: ids.statementId,
    own_account_id: ids.ownAccountId,
    dedup_hash: ids.hash,
    booked_on: t.date,
    value_date: t.valueDate,
    document_date: t.documentDate,
    amount_minor: t.amount,
    currency: t.currency,
    direction: t.direction,
    counterparty_name: t.counterpartyName,
    counterparty_tax_id: t.counterpartyTaxId,
    counterparty_account: t.counterpartyAccount,
    counterparty_bank_id: t.counterpartyBankId,
    reference: t.reference,
    purpose: t.purpose,
    bank_transaction_id: t.bankTransactionId,
    is_reversal: t.isReversal ? 1 : 0,
    status: o.status,
    review_reason: o.reason,
    match_kind: o.matchKind,
    client_id: o.clientId,
    invoice_id: o.invoiceId,
    expense_id: o.expenseId,
    expense_category_id: o.categoryId,
    search_text: [t.counterpartyName, t.purpose, t.reference].filter(Boolean).join(' ').toLowerCase(),
    resolved_by: null,
    resolved_at: null,
    created_at: nowIso(),
  }
}

async function storeImport(tx: Ctx, file: ImportFile, result: ParseResult): Promise<ImportOutcome> {
  const summary = emptySummary(result.format)
  const stored = await tx.services.files.putBuffer(
    tx.unscoped('stored files are content-addressed, not client data'),
    file.bytes,
    mimeOf(file.bytes),
  )
  const { drafts, statementOf } = splitStatements(result)
  const accounts = await ensureOwnAccounts(
    tx,
    drafts.map((d) => ({ account: d.account, currency: d.currency })),
  )
  const importId = newId()
  await tx.db.insert('bank_imports', {
    id: importId,
    file_name: file.name.slice(0, 255),
    file_sha256: stored.sha256,
    format: result.format,
    statements: 0,
    transactions: 0,
    new_count: 0,
    duplicates: 0,
    matched: 0,
    to_review: 0,
    expenses: 0,
    imported_by: tx.actor?.id ?? null,
    imported_by_label: tx.actorLabel,
    imported_at: nowIso(),
  })
  const statements = drafts.map((d) => statementRow(d, importId, accounts.idOf(d.account)))
  await insertBatched(tx, 'bank_statements', statements)
  summary.statements = statements.length
  summary.transactions = result.transactions.length

  const hashes = result.transactions.map((t) => dedupHash(t.dedupKey))
  const seen = await existingHashes(tx, hashes)
  const lookups = await loadLookups(tx)
  const rows: BankTransactionTable[] = []
  const receipts: BankReceipt[] = []
  const expenses: (NewExpense & { id: string })[] = []
  for (const [i, t] of result.transactions.entries()) {
    const hash = hashes[i] as string
    if (seen.has(hash)) {
      summary.duplicates++
      continue
    }
    seen.add(hash)
    const id = newId()
    const outcome = await postTransaction(tx, id, t, lookups, receipts, expenses)
    if (outcome.status === 'posted') summary.matched++
    else if (outcome.status === 'expense') summary.expenses++
    else summary.toReview++
    const s = statementOf[i]
    rows.push(
      transactionRow(
        t,
        {
          id,
          importId,
          statementId: s === null || s === undefined ? null : (statements[s]?.id ?? null),
          ownAccountId: accounts.idOf(t.ownAccount),
          hash,
        },
        outcome,
      ),
    )
  }
  summary.new = rows.length
  await recordBankReceipts(tx, receipts)
  await recordBankExpenses(tx, expenses)
  await insertBatched(tx, 'bank_transactions', rows)
  const counts = {
    statements: summary.statements,
    transactions: summary.transactions,
    new_count: summary.new,
    duplicates: summary.duplicates,
    matched: summary.matched,
    to_review: summary.toReview,
    expenses: summary.expenses,
  }
  await tx.db.updateTable('bank_imports').set(counts).where('id', '=', importId).execute()
  await tx.audit('bank.statement_imported', {
    entity: 'bank_import',
    entityId: importId,
    after: { fileName: file.name, sha256: stored.sha256, format: result.format, ...counts },
  })
  return { importId, fileName: file.name, summary }
}
