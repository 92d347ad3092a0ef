import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { type ListQuery, parseListQuery } from '../../core/http/list-query.js'
import { parseAmount } from '../../core/money/money.js'
import { pageContext } from '../../core/ui/page-context.js'
import { listAccounts } from './accounts.service.js'
import { listIncomeCategories } from './expenses/expense-categories.service.js'
import { CHARGE_KINDS, type ChargeKind, LEDGER_PER_PAGE } from './finance.constants.js'
import { companySettings, companyToday, financeSettings, isIsoDate } from './finance-settings.js'
import { saveFinanceSettings } from './finance-settings.service.js'
import { invoicePages } from './invoices.routes.js'
import { defaultPeriod, getEntry, ledgerPage, recordCharge, reversedAmong, reverseEntry } from './ledger.service.js'
import { reconciliationPages } from './reconciliation.routes.js'
import { AccountsPage } from './views/accounts-page.js'
import { FinanceSettingsPage } from './views/finance-settings-page.js'
import { type ChargeFormValues, LedgerPageView } from './views/ledger-page.js'

const READ = { access: { permission: 'finance.read' } } as const
const MANAGE = { access: { permission: 'finance.manage' } } as const
const CLIENT = { access: { permission: 'finance.client' } } as const
const LOCK = { access: { permission: 'finance.locked_periods' } } as const

const decimalOf = (locale: string): ',' | '.' => (locale === 'en' ? '.' : ',')

/** Finance pages under /finance: the client's own ledger, a client's ledger for staff, charges, reversals, settings. */
export async function financePages(app: FastifyInstance) {
  await invoicePages(app)
  await reconciliationPages(app)

  const clientName = async (req: FastifyRequest, clientId: string) => {
    const row = await req.ctx.db
      .selectFrom('clients')
      .select(['clients.name'])
      .where('clients.id', '=', clientId)
      .executeTakeFirst()
    if (!row) throw new NotFoundError('client')
    return row.name
  }

  /** Renders the ledger page; bad period parameters fall back to the default period with the errors shown. */
  const renderLedger = async (
    req: FastifyRequest,
    reply: FastifyReply,
    clientId: string,
    path: string,
    charge?: { values: ChargeFormValues; errors?: Record<string, string> },
  ) => {
    const name = await clientName(req, clientId)
    const lq: ListQuery = parseListQuery(req.query, { sortable: ['date'], per: LEDGER_PER_PAGE })
    const period = await defaultPeriod(req.ctx)
    const { defaultCurrency } = await companySettings(req.ctx)
    const wanted = {
      currency: (lq.params.currency || defaultCurrency).toUpperCase(),
      from: lq.params.from || period.from,
      to: lq.params.to || period.to,
    }
    let periodErrors: Record<string, string> | undefined
    let ledger: Awaited<ReturnType<typeof ledgerPage>>
    try {
      ledger = await ledgerPage(req.ctx, clientId, { ...wanted, page: lq.page, per: lq.per })
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      periodErrors = err.fields
      ledger = await ledgerPage(req.ctx, clientId, { currency: defaultCurrency, ...period, page: 1, per: lq.per })
    }
    const canManage = req.ctx.actor?.role !== 'client' && req.ctx.can('finance.manage')
    const manage = canManage
      ? {
          chargeAction: `/finance/clients/${encodeURIComponent(clientId)}/charges`,
          values: charge?.values ?? {
            kind: 'service',
            amount: '',
            currency: ledger.currency,
            date: await companyToday(req.ctx),
            description: '',
          },
          errors: charge?.errors,
          reversed: await reversedAmong(
            req.ctx,
            ledger.rows.map((r) => r.id),
          ),
          incomeCategories: (await listIncomeCategories(req.ctx))
            .filter((c) => !c.archived || c.id === charge?.values.category_id)
            .map((c) => ({ value: c.id, label: c.name })),
        }
      : undefined
    return reply
      .status(charge?.errors || periodErrors ? 422 : 200)
      .html(
        <LedgerPageView
          pc={await pageContext(req, reply)}
          path={path}
          clientName={name}
          lq={lq}
          ledger={ledger}
          manage={manage}
          periodErrors={periodErrors}
        />,
      )
  }

  app.get('/ledger', { config: CLIENT }, async (req, reply) => {
    const clientId = req.ctx.actor?.clientId
    if (!clientId) throw new NotFoundError('client')
    return renderLedger(req, reply, clientId, '/finance/ledger')
  })

  app.get('/clients', { config: READ }, async (req, reply) => {
    const lq = parseListQuery(req.query, { sortable: ['name'], defaultSort: 'name' })
    return reply.html(
      <AccountsPage pc={await pageContext(req, reply)} lq={lq} page={await listAccounts(req.ctx, lq)} />,
    )
  })

  app.get('/clients/:clientId/ledger', { config: READ }, async (req, reply) => {
    const { clientId } = req.params as { clientId: string }
    return renderLedger(req, reply, clientId, `/finance/clients/${encodeURIComponent(clientId)}/ledger`)
  })

  app.post('/clients/:clientId/charges', { config: MANAGE }, async (req, reply) => {
    const { clientId } = req.params as { clientId: string }
    const path = `/finance/clients/${encodeURIComponent(clientId)}/ledger`
    await clientName(req, clientId)
    const f = formData(req.body)
    const values: ChargeFormValues = {
      kind: f.kind ?? '',
      amount: f.amount ?? '',
      currency: (f.currency ?? '').trim().toUpperCase(),
      date: f.date ?? '',
      description: f.description ?? '',
      category_id: f.category_id ?? '',
    }
    const errors: Record<string, string> = {}
    if (!/^[A-Z]{3}$/.test(values.currency)) errors.currency = 'finance.error.currency'
    const amount = errors.currency ? null : parseAmount(values.amount, values.currency, decimalOf(req.locale))
    if (amount === null || amount <= 0) errors.amount = 'finance.error.amount_positive'
    if (!isIsoDate(values.date)) errors.date = 'finance.error.date'
    if (!CHARGE_KINDS.includes(values.kind as ChargeKind)) errors.kind = 'finance.error.kind'
    if (!values.description.trim()) errors.description = 'form.required'
    if (Object.keys(errors).length) return renderLedger(req, reply, clientId, path, { values, errors })
    try {
      await recordCharge(req.ctx, clientId, {
        kind: values.kind as ChargeKind,
        amountMinor: amount as number,
        currency: values.currency,
        date: values.date,
        description: values.description,
        categoryId: values.category_id || null,
      })
    } catch (err) {
      if (err instanceof ValidationError)
        return renderLedger(req, reply, clientId, path, { values, errors: err.fields })
      if (err instanceof RuleError && err.code === 'period_locked') {
        return renderLedger(req, reply, clientId, path, {
          values,
          errors: { date: 'finance.error.period_locked_field' },
        })
      }
      throw err
    }
    setFlash(reply, 'success', req.t('finance.charge_recorded'))
    return reply.redirect(`${path}?currency=${values.currency}`, 303)
  })

  app.post('/entries/:id/reverse', { config: MANAGE }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const entry = await getEntry(req.ctx, id)
    const path = `/finance/clients/${encodeURIComponent(entry.clientId)}/ledger?currency=${entry.currency}`
    const reason = (formData(req.body).reason ?? '').trim()
    if (!reason) {
      setFlash(reply, 'error', req.t('finance.error.reason_required'))
      return reply.redirect(path, 303)
    }
    try {
      await reverseEntry(req.ctx, id, { reason })
    } catch (err) {
      // Already reversed, a reversal, a locked period: said on the page the manager came from.
      if (!(err instanceof RuleError)) throw err
      setFlash(reply, 'error', req.t(err.messageKey, err.params))
      return reply.redirect(path, 303)
    }
    setFlash(reply, 'success', req.t('finance.entry_reversed'))
    return reply.redirect(path, 303)
  })

  app.get('/settings', { config: LOCK }, async (req, reply) => {
    const s = await financeSettings(req.ctx)
    const { defaultCurrency } = await companySettings(req.ctx)
    return reply.html(
      <FinanceSettingsPage pc={await pageContext(req, reply)} settings={s} currency={defaultCurrency} values={null} />,
    )
  })

  app.post('/settings', { config: LOCK }, async (req, reply) => {
    const f = formData(req.body)
    const { defaultCurrency } = await companySettings(req.ctx)
    const values = { lockDate: f.lock_date ?? '', paymentDays: f.payment_days ?? '', topUpMin: f.top_up_min ?? '' }
    try {
      await saveFinanceSettings(req.ctx, values, defaultCurrency, decimalOf(req.locale))
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return reply
        .status(422)
        .html(
          <FinanceSettingsPage
            pc={await pageContext(req, reply)}
            settings={await financeSettings(req.ctx)}
            currency={defaultCurrency}
            values={values}
            errors={err.fields}
          />,
        )
    }
    setFlash(reply, 'success', req.t('finance.settings_saved'))
    return reply.redirect('/finance/settings', 303)
  })
}
