import type { Ctx } from '../../core/ctx.js'
import { NotFoundError } from '../../core/errors.js'
import { containsText, fetchPage, type ListQuery, type Page } from '../../core/http/list-query.js'
import { IMPORT } from './bank.constants.js'

export interface ImportView {
  id: string
  fileName: string
  fileSha256: string
  format: string
  statements: number
  transactions: number
  new: number
  duplicates: number
  matched: number
  toReview: number
  expenses: number
  importedBy: string
  importedAt: string
}

const importsQuery = (ctx: Ctx) => ctx.db.selectFrom('bank_imports').selectAll()
type ImportRecord = Awaited<ReturnType<ReturnType<typeof importsQuery>['executeTakeFirstOrThrow']>>

const toImportView = (r: ImportRecord): ImportView => ({
  id: r.id,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  format: r.format,
  statements: Number(r.statements),
  transactions: Number(r.transactions),
  new: Number(r.new_count),
  duplicates: Number(r.duplicates),
  matched: Number(r.matched),
  toReview: Number(r.to_review),
  expenses: Number(r.expenses),
  importedBy: r.imported_by_label,
  importedAt: r.imported_at,
})

/** The imports history: newest first by default, by file name, format and date. */
export async function listImports(ctx: Ctx, lq: ListQuery): Promise<Page<ImportView>> {
  ctx.require(IMPORT)
  let q = importsQuery(ctx)
  if (lq.q) q = q.where(containsText('file_name', lq.q))
  if (lq.params.format) q = q.where('format', '=', lq.params.format)
  if (/^\d{4}-\d{2}-\d{2}$/.test(lq.params.from ?? '')) q = q.where('imported_at', '>=', lq.params.from as string)
  if (/^\d{4}-\d{2}-\d{2}$/.test(lq.params.to ?? '')) q = q.where('imported_at', '<', `${lq.params.to}T99`)
  const page = await fetchPage(
    q,
    lq,
    {
      imported_at: 'imported_at',
      file_name: 'file_name',
      format: 'format',
      transactions: 'transactions',
      to_review: 'to_review',
    },
    'id',
  )
  return { ...page, rows: page.rows.map(toImportView) }
}

export async function getImport(ctx: Ctx, id: string): Promise<ImportView> {
  ctx.require(IMPORT)
  const row = await importsQuery(ctx).where('id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError('bank_import')
  return toImportView(row)
}

export interface StatementView {
  id: string
  importId: string
  accountId: string
  accountName: string
  account: string
  ref: string | null
  currency: string | null
  from: string | null
  to: string | null
  openingMinor: number | null
  closingMinor: number | null
  sumInMinor: number
  sumOutMinor: number
  /** opening + in − out, when the statement states an opening balance. */
  computedClosingMinor: number | null
  count: number
  mismatch: boolean
}

/** Statements per own account and period, each with the file's balances and our sum of its lines. */
export async function listStatements(ctx: Ctx, lq: ListQuery): Promise<Page<StatementView>> {
  ctx.require(IMPORT)
  let q = ctx.db
    .selectFrom('bank_statements')
    .innerJoin('bank_own_accounts', 'bank_own_accounts.id', 'bank_statements.own_account_id')
    .selectAll('bank_statements')
    .select(['bank_own_accounts.name as account_name', 'bank_own_accounts.account as account'])
  const p = lq.params
  if (p.account) q = q.where('bank_statements.own_account_id', '=', p.account)
  if (p.import) q = q.where('bank_statements.import_id', '=', p.import)
  if (/^\d{4}-\d{2}-\d{2}$/.test(p.from ?? '')) q = q.where('bank_statements.period_to', '>=', p.from as string)
  if (/^\d{4}-\d{2}-\d{2}$/.test(p.to ?? '')) q = q.where('bank_statements.period_from', '<=', p.to as string)
  if (p.mismatch === '1') q = q.where('bank_statements.is_mismatch', '=', 1)
  const page = await fetchPage(
    q,
    lq,
    {
      period_to: 'bank_statements.period_to',
      account: 'bank_own_accounts.name',
      closing: 'bank_statements.closing_minor',
    },
    'bank_statements.id',
  )
  return {
    ...page,
    rows: page.rows.map((r) => {
      const opening = r.opening_minor === null ? null : Number(r.opening_minor)
      const sumIn = Number(r.sum_in_minor)
      const sumOut = Number(r.sum_out_minor)
      return {
        id: r.id,
        importId: r.import_id,
        accountId: r.own_account_id,
        accountName: r.account_name,
        account: r.account,
        ref: r.statement_ref,
        currency: r.currency,
        from: r.period_from,
        to: r.period_to,
        openingMinor: opening,
        closingMinor: r.closing_minor === null ? null : Number(r.closing_minor),
        sumInMinor: sumIn,
        sumOutMinor: sumOut,
        computedClosingMinor: opening === null ? null : opening + sumIn - sumOut,
        count: Number(r.tx_count),
        mismatch: Number(r.is_mismatch) === 1,
      }
    }),
  }
}
