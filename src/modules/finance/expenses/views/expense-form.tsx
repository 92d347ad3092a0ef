import type { FieldErrors } from '../../../../core/errors.js'
import { Field, Form, SelectField, TextArea } from '../../../../core/ui/forms.js'
import { Layout } from '../../../../core/ui/layout.js'
import type { PageContext } from '../../../../core/ui/page-context.js'
import type { ExpenseCategoryView } from '../expense-categories.service.js'
import { PATH } from './expense-list.js'

export interface ExpenseFormValues {
  date: string
  amount: string
  currency: string
  category_id: string
  counterparty: string
  counterparty_tax_id: string
  counterparty_account: string
  description: string
}

/** Offered categories: active ones, plus the one already chosen. */
export const categoryOptions = (cats: ExpenseCategoryView[], chosen: string) =>
  cats.filter((c) => !c.archived || c.id === chosen).map((c) => ({ value: c.id, label: c.path }))

/** A manual expense: what was paid, when, to whom, in which category; input kept on errors. */
export function ExpenseFormPage(p: {
  pc: PageContext
  values: ExpenseFormValues
  categories: ExpenseCategoryView[]
  errors?: FieldErrors
}) {
  const { pc, values: v, errors } = p
  return (
    <Layout
      pc={pc}
      title={pc.t('expenses.new')}
      width="narrow"
      crumbs={[{ label: pc.t('expenses.title'), href: PATH }, { label: pc.t('expenses.new') }]}
    >
      <Form pc={pc} action={PATH} errors={errors} submit={pc.t('expenses.save')} cancelHref={PATH}>
        <Field pc={pc} name="date" type="date" label={pc.t('finance.date')} value={v.date} errors={errors} required />
        <Field
          pc={pc}
          name="amount"
          label={pc.t('finance.amount')}
          value={v.amount}
          errors={errors}
          inputmode="decimal"
          required
        />
        <Field
          pc={pc}
          name="currency"
          label={pc.t('finance.currency')}
          value={v.currency}
          errors={errors}
          maxlength={3}
          required
        />
        <SelectField
          pc={pc}
          name="category_id"
          label={pc.t('expenses.category')}
          value={v.category_id}
          options={categoryOptions(p.categories, v.category_id)}
          emptyLabel={pc.t('expenses.uncategorised')}
          errors={errors}
        />
        <Field
          pc={pc}
          name="counterparty"
          label={pc.t('expenses.counterparty')}
          value={v.counterparty}
          errors={errors}
          maxlength={200}
        />
        <Field
          pc={pc}
          name="counterparty_tax_id"
          label={pc.t('expenses.counterparty_tax_id')}
          value={v.counterparty_tax_id}
          errors={errors}
          maxlength={40}
        />
        <Field
          pc={pc}
          name="counterparty_account"
          label={pc.t('expenses.counterparty_account')}
          value={v.counterparty_account}
          errors={errors}
          maxlength={60}
        />
        <TextArea
          pc={pc}
          name="description"
          label={pc.t('finance.description')}
          value={v.description}
          errors={errors}
          maxlength={500}
          rows={3}
          help={pc.t('expenses.description_help')}
        />
      </Form>
    </Layout>
  )
}
