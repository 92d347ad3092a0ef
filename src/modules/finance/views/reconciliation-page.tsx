import { formatDate, formatDateTime } from '../../../core/i18n/format.js'
import { Card, Details } from '../../../core/ui/components.js'
import { Csrf, FormErrors, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { ReconciliationDetail, StatementLine } from '../reconciliation.service.js'
import { money } from './invoice-bits.js'
import { ReconciliationStatusBadge } from './reconciliation-bits.js'

export interface AnswerForm {
  /** Entry id → the client's amount as typed, for the lines it ticked. */
  disputed: Record<string, { amount: string; note: string }>
  missingNote: string
  missingAmount: string
  comment: string
  errors?: Record<string, string>
}

export const emptyAnswer = (): AnswerForm => ({ disputed: {}, missingNote: '', missingAmount: '', comment: '' })

const DISPUTE_FORM = 'dispute-form'

/**
 * One statement of account: the version shown with its lines as debit/credit between the opening and
 * closing balances, the PDF, the steps taken, and what the reader may do now — the client accepts or
 * disputes (ticking lines, with its own figures), the manager answers a dispute with a new version.
 */
export function ReconciliationPage(p: {
  pc: PageContext
  rec: ReconciliationDetail
  staff: boolean
  canManage: boolean
  answer: AnswerForm
  resolve: { comment: string; errors?: Record<string, string> }
}) {
  const { pc, rec } = p
  const v = rec.shown
  const m = (minor: number) => (minor === 0 ? '' : money(pc, minor, rec.currency))
  const date = (d: string) => formatDate(pc.locale, d)
  const isCurrent = v.version === rec.currentVersion
  const clientAnswers = !p.staff && isCurrent && rec.status === 'issued'
  const managerAnswers = p.canManage && rec.status === 'disputed'
  const lastDispute = [...rec.events].reverse().find((e) => e.action === 'disputed' && e.version === v.version)
  const disputedIds = new Set((lastDispute?.items ?? []).map((i) => i.entryId).filter(Boolean))
  const base = `/finance/reconciliations/${encodeURIComponent(rec.id)}`
  const balance = (minor: number) => ({
    debit: minor < 0 ? money(pc, -minor, rec.currency) : '',
    credit: minor > 0 ? money(pc, minor, rec.currency) : '',
  })
  const opening = balance(v.openingMinor)
  const closing = balance(v.closingMinor)
  const lineRow = (l: StatementLine) => {
    const typed = p.answer.disputed[l.entryId]
    return (
      <tr class={disputedIds.has(l.entryId) ? 'disputed' : undefined}>
        <td safe>{date(l.date)}</td>
        <td>
          <span safe>{pc.t(`finance.kind.${l.kind}`)}</span>
          {l.description ? (
            <>
              {' · '}
              <span safe>{l.description}</span>
            </>
          ) : (
            ''
          )}
        </td>
        <td class="num" safe>
          {m(l.debitMinor)}
        </td>
        <td class="num" safe>
          {m(l.creditMinor)}
        </td>
        {clientAnswers ? (
          <td class="dispute-cell">
            <label>
              <input type="checkbox" name="line" value={l.entryId} form={DISPUTE_FORM} checked={Boolean(typed)} />
              <span class="visually-hidden" safe>
                {pc.t('finance.reconciliation.dispute_line', { n: l.position })}
              </span>
            </label>{' '}
            <input
              type="text"
              inputmode="decimal"
              name={`amount_${l.entryId}`}
              form={DISPUTE_FORM}
              value={typed?.amount ?? ''}
              size="10"
              aria-label={pc.t('finance.reconciliation.their_amount_line', { n: l.position })}
              aria-invalid={p.answer.errors?.[`amount_${l.entryId}`] ? 'true' : undefined}
            />
          </td>
        ) : (
          ''
        )}
      </tr>
    )
  }
  return (
    <Layout
      pc={pc}
      title={pc.t('finance.reconciliation.page_title', { number: rec.number })}
      crumbs={[{ label: pc.t('finance.reconciliation.title'), href: '/finance/reconciliations' }]}
      actions={
        <div class="actions">
          <a class="btn" href={`${base}/pdf?version=${v.version}`} download="" safe>
            {pc.t('finance.reconciliation.download_pdf')}
          </a>
          {p.staff ? (
            <a class="btn" href={`/finance/clients/${encodeURIComponent(rec.clientId)}/ledger`} safe>
              {pc.t('finance.reconciliation.open_ledger')}
            </a>
          ) : (
            ''
          )}
        </div>
      }
    >
      <Card>
        <Details
          rows={[
            [pc.t('finance.client'), <span safe>{rec.clientName}</span>],
            [pc.t('finance.reconciliation.period'), <span safe>{`${date(rec.from)} – ${date(rec.to)}`}</span>],
            [pc.t('finance.currency'), <span safe>{rec.currency}</span>],
            [
              pc.t('finance.status'),
              <ReconciliationStatusBadge pc={pc} status={rec.status} version={rec.currentVersion} />,
            ],
            [
              pc.t('finance.reconciliation.version'),
              <span>
                {rec.versions.map((x) =>
                  x.version === v.version ? (
                    <strong safe>{`v${x.version} (${formatDateTime(pc.locale, x.issuedAt, pc.timeZone)})`}</strong>
                  ) : (
                    <a href={`${base}?version=${x.version}`} safe>{`v${x.version}`}</a>
                  ),
                )}
              </span>,
            ],
          ]}
        />
        {isCurrent ? (
          ''
        ) : (
          <p class="muted" role="note" safe>
            {pc.t('finance.reconciliation.old_version', { current: rec.currentVersion })}
          </p>
        )}
      </Card>
      <Card title={pc.t('finance.reconciliation.statement')}>
        <div class="table-scroll">
          <table class="data-table statement-table">
            <caption class="visually-hidden" safe>
              {pc.t('finance.reconciliation.statement')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {pc.t('finance.reconciliation.col.date')}
                </th>
                <th scope="col" safe>
                  {pc.t('finance.reconciliation.col.entry')}
                </th>
                <th scope="col" class="num" safe>
                  {pc.t('finance.reconciliation.col.debit')}
                </th>
                <th scope="col" class="num" safe>
                  {pc.t('finance.reconciliation.col.credit')}
                </th>
                {clientAnswers ? (
                  <th scope="col" safe>
                    {pc.t('finance.reconciliation.col.dispute')}
                  </th>
                ) : (
                  ''
                )}
              </tr>
            </thead>
            <tbody>
              <tr class="balance-row">
                <td colspan="2" safe>
                  {pc.t('finance.reconciliation.opening', { date: date(rec.from) })}
                </td>
                <td class="num" safe>
                  {opening.debit}
                </td>
                <td class="num" safe>
                  {opening.credit}
                </td>
                {clientAnswers ? <td /> : ''}
              </tr>
              {v.lines.map(lineRow)}
              <tr class="balance-row">
                <td colspan="2" safe>
                  {pc.t('finance.reconciliation.turnover')}
                </td>
                <td class="num" safe>
                  {money(pc, v.debitMinor, rec.currency)}
                </td>
                <td class="num" safe>
                  {money(pc, v.creditMinor, rec.currency)}
                </td>
                {clientAnswers ? <td /> : ''}
              </tr>
              <tr class="balance-row">
                <td colspan="2" safe>
                  {pc.t('finance.reconciliation.closing', { date: date(rec.to) })}
                </td>
                <td class="num" safe>
                  {closing.debit}
                </td>
                <td class="num" safe>
                  {closing.credit}
                </td>
                {clientAnswers ? <td /> : ''}
              </tr>
            </tbody>
          </table>
        </div>
        <p class="muted" safe>
          {pc.t('finance.reconciliation.sides_hint')}
        </p>
      </Card>
      {clientAnswers ? <ClientAnswer pc={pc} base={base} rec={rec} answer={p.answer} /> : ''}
      {managerAnswers ? (
        <Card title={pc.t('finance.reconciliation.resolve')}>
          <p class="muted" safe>
            {pc.t('finance.reconciliation.resolve_hint')}
          </p>
          <form method="post" action={`${base}/resolve`} class="form" novalidate>
            <Csrf pc={pc} />
            <input type="hidden" name="lock" value={String(rec.lockVersion)} />
            <FormErrors pc={pc} errors={p.resolve.errors} />
            <TextArea
              pc={pc}
              name="comment"
              label={pc.t('finance.reconciliation.reply')}
              value={p.resolve.comment}
              errors={p.resolve.errors}
              required
              idPrefix="resolve-"
            />
            <div class="form-actions">
              <button type="submit" class="btn btn-primary" safe>
                {pc.t('finance.reconciliation.issue_new_version')}
              </button>
            </div>
          </form>
        </Card>
      ) : (
        ''
      )}
      <Card title={pc.t('finance.reconciliation.history')}>
        <ol class="timeline">
          {[...rec.events].reverse().map((e) => (
            <li>
              <p class="timeline-meta">
                <span safe>{formatDateTime(pc.locale, e.at, pc.timeZone)}</span> ·{' '}
                <span safe>{e.actorName ?? pc.t('finance.reconciliation.system')}</span>
              </p>
              <p safe>{pc.t(`finance.reconciliation.event.${e.action}`, { version: e.version })}</p>
              {e.comment ? (
                <p class="pre-line" safe>
                  {e.comment}
                </p>
              ) : (
                ''
              )}
              {e.items.length ? (
                <ul>
                  {e.items.map((i) => {
                    const line = i.entryId ? rec.shown.lines.find((l) => l.entryId === i.entryId) : undefined
                    const what = i.entryId
                      ? line
                        ? `${date(line.date)} · ${pc.t(`finance.kind.${line.kind}`)} ${line.description}`
                        : pc.t('finance.reconciliation.line_of_version', { version: e.version })
                      : pc.t('finance.reconciliation.missing_entry')
                    const theirs =
                      i.theirAmountMinor === null
                        ? ''
                        : ` — ${pc.t(p.staff ? 'finance.reconciliation.client_amount' : 'finance.reconciliation.their_amount')}: ${money(pc, i.theirAmountMinor, rec.currency)}`
                    return <li safe>{`${what}${theirs}${i.note ? ` (${i.note})` : ''}`}</li>
                  })}
                </ul>
              ) : (
                ''
              )}
            </li>
          ))}
        </ol>
      </Card>
    </Layout>
  )
}

/** The client's answer: accept as it stands, or dispute the ticked lines (and an entry missing from it). */
function ClientAnswer(p: { pc: PageContext; base: string; rec: ReconciliationDetail; answer: AnswerForm }) {
  const { pc, answer } = p
  const lock = String(p.rec.lockVersion)
  return (
    <div class="grid-2">
      <Card title={pc.t('finance.reconciliation.accept')}>
        <p class="muted" safe>
          {pc.t('finance.reconciliation.accept_hint')}
        </p>
        <form method="post" action={`${p.base}/accept`} class="form" novalidate>
          <Csrf pc={pc} />
          <input type="hidden" name="lock" value={lock} />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" safe>
              {pc.t('finance.reconciliation.accept')}
            </button>
          </div>
        </form>
      </Card>
      <Card title={pc.t('finance.reconciliation.dispute')}>
        <p class="muted" safe>
          {pc.t('finance.reconciliation.dispute_hint')}
        </p>
        <form id={DISPUTE_FORM} method="post" action={`${p.base}/dispute`} class="form" novalidate>
          <Csrf pc={pc} />
          <input type="hidden" name="lock" value={lock} />
          <FormErrors pc={pc} errors={answer.errors} />
          <TextArea
            pc={pc}
            name="comment"
            label={pc.t('finance.reconciliation.dispute_comment')}
            value={answer.comment}
            errors={answer.errors}
            required
            idPrefix="dispute-"
          />
          <fieldset>
            <legend safe>{pc.t('finance.reconciliation.missing_entry')}</legend>
            <TextArea
              pc={pc}
              name="missing_note"
              label={pc.t('finance.reconciliation.missing_note')}
              value={answer.missingNote}
              errors={answer.errors}
              rows={2}
            />
            <div class="field">
              <label for="f-missing_amount" safe>
                {pc.t('finance.reconciliation.their_amount')}
              </label>
              <input
                type="text"
                inputmode="decimal"
                id="f-missing_amount"
                name="missing_amount"
                value={answer.missingAmount}
              />
            </div>
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="btn btn-danger" safe>
              {pc.t('finance.reconciliation.dispute')}
            </button>
          </div>
        </form>
      </Card>
    </div>
  )
}
