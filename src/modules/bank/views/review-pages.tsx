import type { FieldErrors } from '../../../core/errors.js'
import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { Card, Details } from '../../../core/ui/components.js'
import { CheckboxField, Field, Form, SelectField } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { FilterBar, FilterSelect, SearchInput } from '../../../core/ui/table.js'
import { REVIEW_REASONS, TX_STATUSES } from '../bank.constants.js'
import type { TransactionView } from '../bank-review.service.js'
import { BankTabs, crumbs, DateText, SignedMoney, StatusBadge } from './bank-bits.js'
import { TransactionTable } from './transaction-table.js'

/** /bank/review: what waits for a person (by default), filterable by status, direction and account. */
export function ReviewListPage(p: {
  pc: PageContext
  lq: ListQuery
  page: Page<TransactionView>
  accounts: { id: string; name: string }[]
}) {
  const { pc, lq } = p
  return (
    <Layout
      pc={pc}
      title={pc.t('bank.review.title')}
      crumbs={crumbs(pc, { label: pc.t('bank.review.title') })}
      width="wide"
    >
      <BankTabs pc={pc} active="review" />
      <FilterBar pc={pc} path="/bank/review" target="bank-review">
        <SearchInput pc={pc} value={lq.q} label={pc.t('bank.review.search')} />
        <FilterSelect
          name="status"
          label={pc.t('bank.tx.status')}
          value={lq.params.status ?? 'review'}
          options={[...TX_STATUSES, 'uncategorised'].map((s) => ({ value: s, label: pc.t(`bank.status.${s}`) }))}
          allLabel={pc.t('bank.any_status')}
        />
        <FilterSelect
          name="direction"
          label={pc.t('bank.tx.direction')}
          value={lq.params.direction ?? ''}
          options={['in', 'out'].map((d) => ({ value: d, label: pc.t(`bank.direction.${d}`) }))}
          allLabel={pc.t('bank.any_direction')}
        />
        <FilterSelect
          name="reason"
          label={pc.t('bank.tx.reason')}
          value={lq.params.reason ?? ''}
          options={REVIEW_REASONS.map((r) => ({ value: r, label: pc.t(`bank.reason.${r}`) }))}
          allLabel={pc.t('bank.any_reason')}
        />
        {p.accounts.length ? (
          <FilterSelect
            name="account"
            label={pc.t('bank.tx.account')}
            value={lq.params.account ?? ''}
            options={p.accounts.map((a) => ({ value: a.id, label: a.name }))}
            allLabel={pc.t('bank.all_accounts')}
          />
        ) : (
          ''
        )}
      </FilterBar>
      <TransactionTable pc={pc} lq={lq} page={p.page} path="/bank/review" id="bank-review" />
    </Layout>
  )
}

export interface AssignValues {
  clientId: string
  invoiceId: string
  rulePattern: string
  saveRule: boolean
}

/** One transaction: everything the bank said, what we did, and the actions left. */
export function ReviewItemPage(p: {
  pc: PageContext
  t: TransactionView
  clients: { id: string; name: string }[]
  invoices: { id: string; label: string }[]
  categories: { id: string; name: string }[]
  canImport: boolean
  values?: AssignValues
  errors?: FieldErrors
}) {
  const { pc, t } = p
  const base = `/bank/review/${encodeURIComponent(t.id)}`
  const v = p.values ?? {
    clientId: t.clientId ?? '',
    invoiceId: t.invoiceId ?? '',
    rulePattern: t.counterpartyName ?? '',
    saveRule: false,
  }
  const text = (s: string | null) => <span safe>{s ?? '—'}</span>
  const rows: [string, JSX.Element][] = [
    [pc.t('bank.tx.status'), <StatusBadge pc={pc} status={t.status} />],
    ...(t.reviewReason
      ? [[pc.t('bank.tx.reason'), text(pc.t(`bank.reason.${t.reviewReason}`))] as [string, JSX.Element]]
      : []),
    [pc.t('bank.tx.date'), <DateText pc={pc} date={t.date} />],
    [
      pc.t('bank.tx.amount'),
      <SignedMoney pc={pc} minor={t.amountMinor} currency={t.currency} direction={t.direction} />,
    ],
    [pc.t('bank.tx.direction'), text(pc.t(`bank.direction.${t.direction}`))],
    [pc.t('bank.tx.account'), text(t.accountName)],
    [pc.t('bank.tx.counterparty'), text(t.counterpartyName)],
    [pc.t('bank.tx.tax_id'), text(t.counterpartyTaxId)],
    [pc.t('bank.tx.their_account'), text(t.counterpartyAccount)],
    [pc.t('bank.tx.reference'), text(t.reference)],
    [pc.t('bank.tx.purpose'), text(t.purpose)],
    [pc.t('bank.tx.bank_id'), text(t.bankTransactionId)],
    [pc.t('bank.tx.client'), text(t.clientName)],
    [pc.t('bank.tx.invoice'), text(t.invoiceNumber)],
    ...(t.matchKind ? [[pc.t('bank.tx.match'), text(pc.t(`bank.match.${t.matchKind}`))] as [string, JSX.Element]] : []),
  ]
  const open = t.status === 'review'
  return (
    <Layout
      pc={pc}
      title={t.counterpartyName ?? pc.t('bank.tx.no_name')}
      crumbs={crumbs(
        pc,
        { label: pc.t('bank.review.title'), href: '/bank/review' },
        { label: pc.t('bank.review.item') },
      )}
    >
      <Card title={pc.t('bank.review.item')}>
        <Details rows={rows} />
      </Card>
      {open && t.direction === 'in' && !t.isReversal ? (
        <Card title={pc.t('bank.review.assign')}>
          <Form pc={pc} action={`${base}/assign`} submit={pc.t('bank.review.assign_submit')} errors={p.errors}>
            <SelectField
              pc={pc}
              name="client_id"
              label={pc.t('bank.tx.client')}
              value={v.clientId}
              required
              emptyLabel={pc.t('bank.review.choose_client')}
              options={p.clients.map((c) => ({ value: c.id, label: c.name }))}
              errors={p.errors}
            />
            <SelectField
              pc={pc}
              name="invoice_id"
              label={pc.t('bank.tx.invoice')}
              help={pc.t('bank.review.invoice_help')}
              value={v.invoiceId}
              emptyLabel={pc.t('bank.review.no_invoice')}
              options={p.invoices.map((i) => ({ value: i.id, label: i.label }))}
              errors={p.errors}
            />
            <CheckboxField name="save_rule" label={pc.t('bank.review.save_rule')} checked={v.saveRule} />
            <Field
              pc={pc}
              name="rule_pattern"
              label={pc.t('bank.rules.pattern')}
              help={pc.t('bank.rules.pattern_help')}
              value={v.rulePattern}
              maxlength={120}
              errors={p.errors}
            />
          </Form>
        </Card>
      ) : (
        ''
      )}
      {open && t.direction === 'out' && !t.isReversal && p.canImport ? (
        <Card title={pc.t('bank.review.record_expense')}>
          <Form pc={pc} action={`${base}/expense`} submit={pc.t('bank.review.record_expense')} errors={p.errors}>
            <SelectField
              pc={pc}
              name="category_id"
              label={pc.t('bank.tx.category')}
              value=""
              emptyLabel={pc.t('bank.review.no_category')}
              options={p.categories.map((c) => ({ value: c.id, label: c.name }))}
              errors={p.errors}
            />
          </Form>
        </Card>
      ) : (
        ''
      )}
      {t.expenseId && p.canImport ? (
        <Card title={pc.t('bank.tx.category')}>
          <Form pc={pc} action={`${base}/category`} submit={pc.t('form.save')} errors={p.errors}>
            <SelectField
              pc={pc}
              name="category_id"
              label={pc.t('bank.tx.category')}
              value={t.expenseCategoryId ?? ''}
              emptyLabel={pc.t('bank.review.no_category')}
              options={p.categories.map((c) => ({ value: c.id, label: c.name }))}
              errors={p.errors}
            />
          </Form>
        </Card>
      ) : (
        ''
      )}
      {open && (t.direction === 'in' || p.canImport) ? (
        <Card title={pc.t('bank.review.ignore')}>
          <p class="help" safe>
            {pc.t('bank.review.ignore_help')}
          </p>
          <Form pc={pc} action={`${base}/ignore`} submit={pc.t('bank.review.ignore')}>
            {''}
          </Form>
        </Card>
      ) : (
        ''
      )}
    </Layout>
  )
}
