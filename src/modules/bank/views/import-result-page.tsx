import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDateTime, formatNumber } from '../../../core/i18n/format.js'
import { Card, Details } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { ImportView, StatementView } from '../bank-history.service.js'
import type { ImportOutcome, ImportSummary } from '../bank-import.service.js'
import type { TransactionView } from '../bank-review.service.js'
import { BankTabs, crumbs } from './bank-bits.js'
import { StatementTable } from './statements-page.js'
import { TransactionTable } from './transaction-table.js'

const COUNTS = ['statements', 'transactions', 'new', 'duplicates', 'matched', 'toReview', 'expenses'] as const

function SummaryList({ pc, s }: { pc: PageContext; s: Omit<ImportSummary, 'errors' | 'format'> }) {
  return (
    <Details rows={COUNTS.map((k) => [pc.t(`bank.summary.${k}`), <span safe>{formatNumber(pc.locale, s[k])}</span>])} />
  )
}

/** After an upload: one card per file, with its counts or the reason it was refused (nothing stored). */
export function UploadResultsPage({ pc, outcomes }: { pc: PageContext; outcomes: ImportOutcome[] }) {
  return (
    <Layout
      pc={pc}
      title={pc.t('bank.results.title')}
      crumbs={crumbs(pc, { label: pc.t('bank.imports.title'), href: '/bank' }, { label: pc.t('bank.results.title') })}
    >
      {outcomes.map((o) => (
        <Card title={o.fileName}>
          {o.summary.errors.length ? (
            <div class="flash flash-error" role="alert">
              <p safe>{pc.t('bank.results.refused')}</p>
              <ul>
                {o.summary.errors.map((e) => (
                  <li safe>
                    {`${pc.t(`bank.error_code.${e.code}`)}${e.line !== undefined ? ` — ${pc.t('bank.results.line', { line: e.line })}` : ''}${e.path ? ` — ${e.path}` : ''}: ${e.message}`}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <p safe>{`${pc.t('bank.import.format')}: ${o.summary.format}`}</p>
              <SummaryList pc={pc} s={o.summary} />
              {o.importId ? (
                <p>
                  <a class="btn" href={`/bank/imports/${encodeURIComponent(o.importId)}`} safe>
                    {pc.t('bank.results.open')}
                  </a>
                </p>
              ) : (
                ''
              )}
            </>
          )}
        </Card>
      ))}
      <p>
        <a class="btn btn-primary" href="/bank/review" safe>
          {pc.t('bank.results.to_review')}
        </a>
      </p>
    </Layout>
  )
}

/** One import: who, when, the file, its statements with their balance check, and its transactions. */
export function ImportPage(p: {
  pc: PageContext
  imp: ImportView
  statements: StatementView[]
  lq: ListQuery
  txPage: Page<TransactionView>
}) {
  const { pc, imp } = p
  const path = `/bank/imports/${encodeURIComponent(imp.id)}`
  return (
    <Layout
      pc={pc}
      title={imp.fileName}
      crumbs={crumbs(pc, { label: pc.t('bank.imports.title'), href: '/bank' }, { label: imp.fileName })}
      width="wide"
    >
      <BankTabs pc={pc} active="imports" />
      <Card title={pc.t('bank.import.details')}>
        <Details
          rows={[
            [pc.t('bank.import.when'), <span safe>{formatDateTime(pc.locale, imp.importedAt, pc.timeZone)}</span>],
            [pc.t('bank.import.who'), <span safe>{imp.importedBy}</span>],
            [pc.t('bank.import.format'), <span safe>{imp.format}</span>],
            [
              pc.t('bank.import.file'),
              <a href={`${path}/file`} safe>
                {imp.fileName}
              </a>,
            ],
            [pc.t('bank.import.sha256'), <code safe>{imp.fileSha256}</code>],
          ]}
        />
        <SummaryList pc={pc} s={imp} />
      </Card>
      <h2 safe>{pc.t('bank.statements.title')}</h2>
      <StatementTable pc={pc} rows={p.statements} />
      <h2 safe>{pc.t('bank.import.transactions')}</h2>
      <TransactionTable pc={pc} lq={p.lq} page={p.txPage} path={path} id="bank-import-tx" />
    </Layout>
  )
}
