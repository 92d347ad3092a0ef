import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { RuleError, ValidationError } from '../../../core/errors.js'
import { setFlash } from '../../../core/http/flash.js'
import { formData } from '../../../core/http/forms.js'
import { parseListQuery } from '../../../core/http/list-query.js'
import { parseAmount } from '../../../core/money/money.js'
import { pageContext } from '../../../core/ui/page-context.js'
import { companySettings, companyToday, isIsoDate } from '../finance-settings.js'
import { categoryPages } from './categories.routes.js'
import { EXPENSES, listExpenseCategories } from './expense-categories.service.js'
import { getExpenseRow, listExpenses, recordExpense, reverseExpense, setExpenseCategory } from './expenses.service.js'
import { ExpenseDetailPage } from './views/expense-detail.js'
import { ExpenseFormPage, type ExpenseFormValues } from './views/expense-form.js'
import { ExpenseListPage, PATH } from './views/expense-list.js'

const HEAD = { access: { permission: EXPENSES } } as const
const decimalOf = (locale: string): ',' | '.' => (locale === 'en' ? '.' : ',')

/** A field error key for a rule refusal that belongs to one field (the period lock to the date). */
const ruleField = (err: RuleError): Record<string, string> | null =>
  err.code === 'period_locked' ? { date: 'finance.error.period_locked_field' } : null

/** The head's expense pages under /finance/expenses and the category pages. */
export async function expensePages(app: FastifyInstance) {
  await categoryPages(app)

  app.get('/expenses', { config: HEAD }, async (req, reply) => {
    const lq = parseListQuery(req.query, {
      sortable: ['date', 'amount', 'counterparty'],
      defaultSort: 'date',
      defaultDir: 'desc',
    })
    const filters = { q: lq.q, ...lq.params, currency: (lq.params.currency ?? '').toUpperCase() }
    const page = await listExpenses(req.ctx, lq, filters)
    return reply.html(
      <ExpenseListPage
        pc={await pageContext(req, reply)}
        lq={lq}
        page={page}
        categories={await listExpenseCategories(req.ctx)}
      />,
    )
  })

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: ExpenseFormValues,
    errors?: Record<string, string>,
  ) =>
    reply
      .status(errors ? 422 : 200)
      .html(
        <ExpenseFormPage
          pc={await pageContext(req, reply)}
          values={values}
          categories={await listExpenseCategories(req.ctx)}
          errors={errors}
        />,
      )

  app.get('/expenses/new', { config: HEAD }, async (req, reply) => {
    const { defaultCurrency } = await companySettings(req.ctx)
    return renderForm(req, reply, {
      date: await companyToday(req.ctx),
      amount: '',
      currency: defaultCurrency,
      category_id: '',
      counterparty: '',
      counterparty_tax_id: '',
      counterparty_account: '',
      description: '',
    })
  })

  app.post('/expenses', { config: HEAD }, async (req, reply) => {
    const f = formData(req.body)
    const v: ExpenseFormValues = {
      date: f.date ?? '',
      amount: f.amount ?? '',
      currency: (f.currency ?? '').trim().toUpperCase(),
      category_id: f.category_id ?? '',
      counterparty: f.counterparty ?? '',
      counterparty_tax_id: f.counterparty_tax_id ?? '',
      counterparty_account: f.counterparty_account ?? '',
      description: f.description ?? '',
    }
    const errors: Record<string, string> = {}
    if (!/^[A-Z]{3}$/.test(v.currency)) errors.currency = 'finance.error.currency'
    const amount = errors.currency ? null : parseAmount(v.amount, v.currency, decimalOf(req.locale))
    if (amount === null || amount <= 0) errors.amount = 'finance.error.amount_positive'
    if (!isIsoDate(v.date)) errors.date = 'finance.error.date'
    if (Object.keys(errors).length) return renderForm(req, reply, v, errors)
    let id: string
    try {
      const e = await recordExpense(req.ctx, {
        date: v.date,
        amountMinor: amount as number,
        currency: v.currency,
        categoryId: v.category_id || null,
        counterparty: v.counterparty,
        counterpartyTaxId: v.counterparty_tax_id,
        counterpartyAccount: v.counterparty_account,
        description: v.description,
        source: 'manual',
      })
      id = e.id
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(req, reply, v, err.fields)
      if (err instanceof RuleError && ruleField(err)) return renderForm(req, reply, v, ruleField(err) ?? {})
      throw err
    }
    setFlash(reply, 'success', req.t('expenses.recorded'))
    return reply.redirect(`${PATH}/${encodeURIComponent(id)}`, 303)
  })

  app.get('/expenses/:id', { config: HEAD }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const e = await getExpenseRow(req.ctx, id)
    return reply.html(
      <ExpenseDetailPage pc={await pageContext(req, reply)} e={e} categories={await listExpenseCategories(req.ctx)} />,
    )
  })

  app.post('/expenses/:id/category', { config: HEAD }, async (req, reply) => {
    const { id } = req.params as { id: string }
    await getExpenseRow(req.ctx, id)
    const categoryId = formData(req.body).category_id || null
    const back = `${PATH}/${encodeURIComponent(id)}`
    try {
      await setExpenseCategory(req.ctx, id, categoryId)
    } catch (err) {
      if (err instanceof ValidationError || err instanceof RuleError) {
        const key = err instanceof RuleError ? err.messageKey : (Object.values(err.fields)[0] ?? 'form.invalid_choice')
        setFlash(reply, 'error', req.t(key, err instanceof RuleError ? err.params : undefined))
        return reply.redirect(back, 303)
      }
      throw err
    }
    setFlash(reply, 'success', req.t('expenses.classified'))
    return reply.redirect(back, 303)
  })

  app.post('/expenses/:id/reverse', { config: HEAD }, async (req, reply) => {
    const { id } = req.params as { id: string }
    await getExpenseRow(req.ctx, id)
    const back = `${PATH}/${encodeURIComponent(id)}`
    const reason = (formData(req.body).reason ?? '').trim()
    if (!reason) {
      setFlash(reply, 'error', req.t('finance.error.reason_required'))
      return reply.redirect(back, 303)
    }
    try {
      await reverseExpense(req.ctx, id, reason)
    } catch (err) {
      if (!(err instanceof RuleError)) throw err
      setFlash(reply, 'error', req.t(err.messageKey, err.params))
      return reply.redirect(back, 303)
    }
    setFlash(reply, 'success', req.t('expenses.reversed'))
    return reply.redirect(back, 303)
  })
}
