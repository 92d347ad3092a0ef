import type { FieldErrors } from '../../../core/errors.js'
import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDate } from '../../../core/i18n/format.js'
import { Card, EmptyState } from '../../../core/ui/components.js'
import { Field, Form, PostButton, SelectField } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../../core/ui/table.js'
import { EXPENSE_RULE_KINDS } from '../bank.constants.js'
import type { ClientRuleView, ExpenseRuleView } from '../bank-rules.service.js'
import { BankTabs, crumbs } from './bank-bits.js'

/** /bank/rules: "payer name contains X → client Y", tried after references, tax ids and accounts. */
export function ClientRulesPage(p: {
  pc: PageContext
  lq: ListQuery
  page: Page<ClientRuleView>
  clients: { id: string; name: string }[]
  values?: Record<string, string>
  errors?: FieldErrors
}) {
  const { pc, lq } = p
  const columns: Column<ClientRuleView>[] = [
    { key: 'pattern', label: pc.t('bank.rules.pattern'), sortable: true, render: (r) => <code safe>{r.pattern}</code> },
    { key: 'client', label: pc.t('bank.tx.client'), sortable: true, render: (r) => <span safe>{r.clientName}</span> },
    {
      key: 'created_at',
      label: pc.t('bank.rules.created'),
      sortable: true,
      render: (r) => <span safe>{formatDate(pc.locale, r.createdAt.slice(0, 10))}</span>,
    },
    {
      key: 'actions',
      label: pc.t('bank.rules.actions'),
      render: (r) => (
        <PostButton
          pc={pc}
          action={`/bank/rules/${encodeURIComponent(r.id)}/delete`}
          label={pc.t('bank.rules.delete')}
          confirm={pc.t('bank.rules.delete_confirm')}
          danger
        />
      ),
    },
  ]
  return (
    <Layout
      pc={pc}
      title={pc.t('bank.rules.title')}
      crumbs={crumbs(pc, { label: pc.t('bank.rules.title') })}
      width="wide"
    >
      <BankTabs pc={pc} active="rules" />
      <Card title={pc.t('bank.rules.new')}>
        <Form pc={pc} action="/bank/rules" submit={pc.t('bank.rules.add')} errors={p.errors}>
          <Field
            pc={pc}
            name="pattern"
            label={pc.t('bank.rules.pattern')}
            help={pc.t('bank.rules.pattern_help')}
            value={p.values?.pattern}
            required
            maxlength={120}
            errors={p.errors}
          />
          <SelectField
            pc={pc}
            name="client_id"
            label={pc.t('bank.tx.client')}
            value={p.values?.client_id ?? ''}
            required
            emptyLabel={pc.t('bank.review.choose_client')}
            options={p.clients.map((c) => ({ value: c.id, label: c.name }))}
            errors={p.errors}
          />
        </Form>
      </Card>
      <FilterBar pc={pc} path="/bank/rules" target="bank-rules">
        <SearchInput pc={pc} value={lq.q} label={pc.t('bank.rules.search')} />
      </FilterBar>
      <DataTable
        pc={pc}
        id="bank-rules"
        path="/bank/rules"
        lq={lq}
        columns={columns}
        rows={p.page.rows}
        total={p.page.total}
        caption={pc.t('bank.rules.title')}
        empty={<EmptyState title={pc.t('bank.rules.empty')} hint={pc.t('bank.rules.empty_hint')} />}
      />
    </Layout>
  )
}

/** /bank/expense-rules: outgoing payments → expense category, tried by position. */
export function ExpenseRulesPage(p: {
  pc: PageContext
  lq: ListQuery
  page: Page<ExpenseRuleView>
  categories: { id: string; name: string }[]
  values?: Record<string, string>
  errors?: FieldErrors
}) {
  const { pc, lq } = p
  const categoryName = new Map(p.categories.map((c) => [c.id, c.name]))
  const kinds = EXPENSE_RULE_KINDS.map((k) => ({ value: k, label: pc.t(`bank.expense_rule.${k}`) }))
  const columns: Column<ExpenseRuleView>[] = [
    {
      key: 'position',
      label: pc.t('bank.expense_rule.position'),
      sortable: true,
      align: 'right',
      render: (r) => <span safe>{String(r.position)}</span>,
    },
    {
      key: 'kind',
      label: pc.t('bank.expense_rule.kind'),
      sortable: true,
      render: (r) => <span safe>{pc.t(`bank.expense_rule.${r.kind}`)}</span>,
    },
    {
      key: 'value',
      label: pc.t('bank.expense_rule.value'),
      sortable: true,
      render: (r) => <code safe>{r.value}</code>,
    },
    {
      key: 'category',
      label: pc.t('bank.tx.category'),
      render: (r) => <span safe>{categoryName.get(r.categoryId) ?? r.categoryId}</span>,
    },
    {
      key: 'actions',
      label: pc.t('bank.rules.actions'),
      render: (r) => (
        <PostButton
          pc={pc}
          action={`/bank/expense-rules/${encodeURIComponent(r.id)}/delete`}
          label={pc.t('bank.rules.delete')}
          confirm={pc.t('bank.rules.delete_confirm')}
          danger
        />
      ),
    },
  ]
  return (
    <Layout
      pc={pc}
      title={pc.t('bank.expense_rules.title')}
      crumbs={crumbs(pc, { label: pc.t('bank.expense_rules.title') })}
      width="wide"
    >
      <BankTabs pc={pc} active="expense_rules" />
      <Card title={pc.t('bank.rules.new')}>
        <Form pc={pc} action="/bank/expense-rules" submit={pc.t('bank.rules.add')} errors={p.errors}>
          <SelectField
            pc={pc}
            name="kind"
            label={pc.t('bank.expense_rule.kind')}
            value={p.values?.kind ?? 'name'}
            options={kinds}
            errors={p.errors}
          />
          <Field
            pc={pc}
            name="value"
            label={pc.t('bank.expense_rule.value')}
            help={pc.t('bank.expense_rule.value_help')}
            value={p.values?.value}
            required
            maxlength={120}
            errors={p.errors}
          />
          <SelectField
            pc={pc}
            name="category_id"
            label={pc.t('bank.tx.category')}
            value={p.values?.category_id ?? ''}
            required
            emptyLabel={pc.t('bank.review.no_category')}
            options={p.categories.map((c) => ({ value: c.id, label: c.name }))}
            errors={p.errors}
          />
          <Field
            pc={pc}
            name="position"
            type="number"
            label={pc.t('bank.expense_rule.position')}
            help={pc.t('bank.expense_rule.position_help')}
            value={p.values?.position ?? '100'}
            errors={p.errors}
          />
        </Form>
      </Card>
      <FilterBar pc={pc} path="/bank/expense-rules" target="bank-expense-rules">
        <SearchInput pc={pc} value={lq.q} label={pc.t('bank.rules.search')} />
        <FilterSelect
          name="kind"
          label={pc.t('bank.expense_rule.kind')}
          value={lq.params.kind ?? ''}
          options={kinds}
          allLabel={pc.t('bank.expense_rule.any_kind')}
        />
      </FilterBar>
      <DataTable
        pc={pc}
        id="bank-expense-rules"
        path="/bank/expense-rules"
        lq={lq}
        columns={columns}
        rows={p.page.rows}
        total={p.page.total}
        caption={pc.t('bank.expense_rules.title')}
        empty={<EmptyState title={pc.t('bank.rules.empty')} />}
      />
    </Layout>
  )
}
