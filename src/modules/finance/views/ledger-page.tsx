import type { ListQuery } from '../../../core/http/list-query.js'
import { formatDate, formatMoney } from '../../../core/i18n/format.js'
import { Card, EmptyState, StatCard } from '../../../core/ui/components.js'
import { Csrf, Field, Form, SelectField } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { Pagination } from '../../../core/ui/table.js'
import { CHARGE_KINDS } from '../finance.constants.js'
import type { LedgerPage, LedgerRow } from '../ledger.service.js'

export interface ChargeFormValues {
  kind: string
  amount: string
  currency: string
  date: string
  description: string
  /** Service type (income category) of a service charge; empty for none. */
  category_id?: string
}

export interface LedgerPageProps {
  pc: PageContext
  /** Where the page lives (the client's own, or a manager's view of one client). */
  path: string
  clientName: string
  lq: ListQuery
  ledger: LedgerPage
  /** Staff with finance.manage: the charge form and the reverse buttons. */
  manage?: {
    chargeAction: string
    values: ChargeFormValues
    errors?: Record<string, string>
    reversed: Set<string>
    /** Active income categories (service types) offered for a service charge. */
    incomeCategories?: { value: string; label: string }[]
  }
  periodErrors?: Record<string, string>
}

const tone = (minor: number) => (minor < 0 ? 'red' : minor > 0 ? 'green' : undefined)

function Row({ pc, r, manage }: { pc: PageContext; r: LedgerRow; manage: LedgerPageProps['manage'] }) {
  const money = (m: number) => formatMoney(pc.locale, m, r.currency)
  const debit = r.amountMinor < 0 ? money(-r.amountMinor) : ''
  const credit = r.amountMinor > 0 ? money(r.amountMinor) : ''
  return (
    <tr>
      <td safe>{formatDate(pc.locale, r.date)}</td>
      <td safe>{pc.t(`finance.kind.${r.kind}`)}</td>
      <td safe>{r.description}</td>
      <td class="num" safe>
        {debit}
      </td>
      <td class="num" safe>
        {credit}
      </td>
      <td class="num" safe>
        {money(r.runningMinor)}
      </td>
      {manage ? (
        <td>
          {r.kind === 'reversal' || manage.reversed.has(r.id) ? (
            manage.reversed.has(r.id) ? (
              <span class="muted" safe>
                {pc.t('finance.reversed')}
              </span>
            ) : (
              ''
            )
          ) : (
            <form method="post" action={`/finance/entries/${encodeURIComponent(r.id)}/reverse`} class="inline-form">
              <Csrf pc={pc} />
              <label class="visually-hidden" for={`reason-${r.id}`} safe>
                {pc.t('finance.reverse_reason')}
              </label>
              <input
                id={`reason-${r.id}`}
                name="reason"
                required
                maxlength="500"
                placeholder={pc.t('finance.reverse_reason')}
              />
              <button type="submit" class="btn" safe>
                {pc.t('finance.reverse')}
              </button>
            </form>
          )}
        </td>
      ) : (
        ''
      )}
    </tr>
  )
}

/** A client's ledger for a period: opening balance, entries with running balance, closing balance. */
export function LedgerPageView(p: LedgerPageProps) {
  const { pc, ledger } = p
  const money = (m: number) => formatMoney(pc.locale, m, ledger.currency)
  const title = pc.t('finance.ledger_title', { client: p.clientName })
  return (
    <Layout pc={pc} title={title} width="wide">
      <form method="get" action={p.path} class="filter-bar">
        <SelectField
          pc={pc}
          idPrefix="filter-"
          name="currency"
          label={pc.t('finance.currency')}
          value={ledger.currency}
          options={ledger.currencies.map((c) => ({ value: c, label: c }))}
          errors={p.periodErrors}
        />
        <Field
          pc={pc}
          name="from"
          type="date"
          label={pc.t('finance.from')}
          value={ledger.from}
          errors={p.periodErrors}
        />
        <Field pc={pc} name="to" type="date" label={pc.t('finance.to')} value={ledger.to} errors={p.periodErrors} />
        <button type="submit" class="btn" safe>
          {pc.t('finance.show')}
        </button>
      </form>
      <div class="stats">
        <StatCard
          label={pc.t('finance.opening_balance')}
          value={money(ledger.openingMinor)}
          tone={tone(ledger.openingMinor)}
        />
        <StatCard
          label={pc.t('finance.closing_balance')}
          value={money(ledger.closingMinor)}
          tone={tone(ledger.closingMinor)}
        />
      </div>
      <div id="ledger-table" class="table-block">
        {ledger.rows.length === 0 ? (
          <div class="empty-state">
            <EmptyState title={pc.t('finance.ledger_empty')} hint={pc.t('finance.ledger_empty_hint')} />
          </div>
        ) : (
          <div class="table-scroll">
            <table class="data-table">
              <caption class="visually-hidden" safe>
                {title}
              </caption>
              <thead>
                <tr>
                  <th scope="col" safe>
                    {pc.t('finance.date')}
                  </th>
                  <th scope="col" safe>
                    {pc.t('finance.kind')}
                  </th>
                  <th scope="col" safe>
                    {pc.t('finance.description')}
                  </th>
                  <th scope="col" class="num" safe>
                    {pc.t('finance.debit')}
                  </th>
                  <th scope="col" class="num" safe>
                    {pc.t('finance.credit')}
                  </th>
                  <th scope="col" class="num" safe>
                    {pc.t('finance.running_balance')}
                  </th>
                  {p.manage ? (
                    <th scope="col" safe>
                      {pc.t('finance.correction')}
                    </th>
                  ) : (
                    ''
                  )}
                </tr>
              </thead>
              <tbody>
                <tr class="muted">
                  <td colspan="5" safe>
                    {pc.t('finance.balance_brought_forward')}
                  </td>
                  <td class="num" safe>
                    {money(ledger.pageOpeningMinor)}
                  </td>
                  {p.manage ? <td></td> : ''}
                </tr>
                {ledger.rows.map((r) => (
                  <Row pc={pc} r={r} manage={p.manage} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination pc={pc} path={p.path} lq={p.lq} total={ledger.total} target="ledger-table" />
      </div>
      {p.manage ? (
        <Card title={pc.t('finance.record_charge')}>
          <Form pc={pc} action={p.manage.chargeAction} errors={p.manage.errors} submit={pc.t('finance.record_charge')}>
            <SelectField
              pc={pc}
              name="kind"
              label={pc.t('finance.kind')}
              value={p.manage.values.kind}
              options={CHARGE_KINDS.map((k) => ({ value: k, label: pc.t(`finance.kind.${k}`) }))}
              errors={p.manage.errors}
              required
            />
            {p.manage.incomeCategories?.length ? (
              <SelectField
                pc={pc}
                name="category_id"
                label={pc.t('expenses.income_category')}
                value={p.manage.values.category_id ?? ''}
                options={p.manage.incomeCategories}
                emptyLabel={pc.t('expenses.no_income_category')}
                errors={p.manage.errors}
              />
            ) : (
              ''
            )}
            <Field
              pc={pc}
              name="description"
              label={pc.t('finance.description')}
              value={p.manage.values.description}
              errors={p.manage.errors}
              maxlength={500}
              required
            />
            <Field
              pc={pc}
              name="amount"
              label={pc.t('finance.amount')}
              value={p.manage.values.amount}
              errors={p.manage.errors}
              inputmode="decimal"
              required
            />
            <Field
              pc={pc}
              name="currency"
              label={pc.t('finance.currency')}
              value={p.manage.values.currency}
              errors={p.manage.errors}
              maxlength={3}
              required
            />
            <Field
              pc={pc}
              name="date"
              type="date"
              label={pc.t('finance.date')}
              value={p.manage.values.date}
              errors={p.manage.errors}
              required
            />
          </Form>
        </Card>
      ) : (
        ''
      )}
    </Layout>
  )
}
