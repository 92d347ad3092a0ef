import { formatDate, formatDateTime, formatMoney } from '../../../../core/i18n/format.js'
import { Card, Details } from '../../../../core/ui/components.js'
import { Csrf, Field, SelectField } from '../../../../core/ui/forms.js'
import { Layout } from '../../../../core/ui/layout.js'
import type { PageContext } from '../../../../core/ui/page-context.js'
import type { ExpenseCategoryView } from '../expense-categories.service.js'
import type { ExpenseListRow } from '../expenses.service.js'
import { categoryOptions } from './expense-form.js'
import { PATH } from './expense-list.js'

/** One expense: its facts, its category (changeable, audited) and the reversal that corrects it. */
export function ExpenseDetailPage(p: { pc: PageContext; e: ExpenseListRow; categories: ExpenseCategoryView[] }) {
  const { pc, e } = p
  const href = (id: string) => `${PATH}/${encodeURIComponent(id)}`
  const title = `${formatMoney(pc.locale, e.amountMinor, e.currency)} · ${e.counterparty ?? e.description}`
  return (
    <Layout
      pc={pc}
      title={title}
      crumbs={[{ label: pc.t('expenses.title'), href: PATH }, { label: formatDate(pc.locale, e.date) }]}
    >
      <Card title={pc.t('expenses.details')}>
        <Details
          rows={[
            [pc.t('finance.date'), <span safe>{formatDate(pc.locale, e.date)}</span>],
            [pc.t('finance.amount'), <span safe>{formatMoney(pc.locale, e.amountMinor, e.currency)}</span>],
            [pc.t('expenses.category'), <span safe>{e.categoryPath ?? pc.t('expenses.uncategorised')}</span>],
            [pc.t('expenses.counterparty'), <span safe>{e.counterparty ?? '—'}</span>],
            [pc.t('expenses.counterparty_tax_id'), <span safe>{e.counterpartyTaxId ?? '—'}</span>],
            [pc.t('expenses.counterparty_account'), <span safe>{e.counterpartyAccount ?? '—'}</span>],
            [pc.t('finance.description'), <span safe>{e.description || '—'}</span>],
            [pc.t('expenses.source'), <span safe>{pc.t(`expenses.source.${e.source}`)}</span>],
            [pc.t('expenses.recorded_at'), <span safe>{formatDateTime(pc.locale, e.createdAt, pc.timeZone)}</span>],
            ...(e.reversesExpenseId
              ? [
                  [
                    pc.t('expenses.reverses'),
                    <a href={href(e.reversesExpenseId)} safe>
                      {pc.t('expenses.original')}
                    </a>,
                  ] as [string, JSX.Element],
                ]
              : []),
            ...(e.reversedById
              ? [
                  [
                    pc.t('expenses.status.reversed'),
                    <a href={href(e.reversedById)} safe>
                      {pc.t('expenses.reversal')}
                    </a>,
                  ] as [string, JSX.Element],
                ]
              : []),
          ]}
        />
      </Card>
      {e.reversesExpenseId ? (
        ''
      ) : (
        <Card title={pc.t('expenses.classify')}>
          <form method="post" action={`${href(e.id)}/category`} class="form">
            <Csrf pc={pc} />
            <SelectField
              pc={pc}
              name="category_id"
              label={pc.t('expenses.category')}
              value={e.categoryId ?? ''}
              options={categoryOptions(p.categories, e.categoryId ?? '')}
              emptyLabel={pc.t('expenses.uncategorised')}
            />
            <div class="form-actions">
              <button type="submit" class="btn" safe>
                {pc.t('expenses.classify_save')}
              </button>
            </div>
          </form>
        </Card>
      )}
      {e.reversesExpenseId || e.reversedById ? (
        ''
      ) : (
        <Card title={pc.t('expenses.reverse')}>
          <form
            method="post"
            action={`${href(e.id)}/reverse`}
            class="form"
            data-confirm={pc.t('expenses.reverse_confirm')}
          >
            <Csrf pc={pc} />
            <Field pc={pc} name="reason" label={pc.t('finance.reverse_reason')} maxlength={500} required />
            <div class="form-actions">
              <button type="submit" class="btn btn-danger" safe>
                {pc.t('expenses.reverse')}
              </button>
            </div>
          </form>
        </Card>
      )}
    </Layout>
  )
}
