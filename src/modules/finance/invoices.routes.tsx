import type { FastifyInstance, FastifyRequest } from 'fastify'
import { NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { minorToDecimal } from '../../core/i18n/format.js'
import { parseAmount } from '../../core/money/money.js'
import { pageContext } from '../../core/ui/page-context.js'
import { companySettings, companyToday, financeSettings } from './finance-settings.js'
import {
  cancelInvoice,
  checkInvoiceInput,
  createInvoice,
  getInvoiceDetail,
  INVOICE_SORTS,
  issueInvoice,
  listInvoices,
  requestTopUp,
} from './invoice.service.js'
import { BLANK_LINES, blankLine, errorsOnRows, invoiceFormValues, invoiceInputOf } from './invoice-form.js'
import { recordPayment } from './invoice-payment.service.js'
import { InvoiceDetailPage, type PaymentFormValues } from './views/invoice-detail.js'
import { InvoiceFormPage, type InvoiceFormValues } from './views/invoice-form.js'
import { InvoiceListPage } from './views/invoice-list.js'
import { TopUpPage } from './views/top-up-page.js'

const READ = { access: { permission: 'finance.read' } } as const
const MANAGE = { access: { permission: 'finance.manage' } } as const
const CLIENT = { access: { permission: 'finance.client' } } as const
// Staff (finance.read) and client users (finance.client) both open a request; the service decides.
const READ_ANY = { access: 'signed-in' } as const

const decimalOf = (locale: string): ',' | '.' => (locale === 'en' ? '.' : ',')
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id
const versionOf = (req: FastifyRequest) => {
  const v = Number.parseInt(formData(req.body).version ?? '', 10)
  return Number.isFinite(v) ? v : undefined
}

/** Payment request pages under /finance: staff list/new/actions, the client's list, the top-up request. */
export async function invoicePages(app: FastifyInstance) {
  const listPage = (mine: boolean) => async (req: FastifyRequest, reply: import('fastify').FastifyReply) => {
    const lq = parseListQuery(req.query, { sortable: INVOICE_SORTS, defaultSort: 'created_at', defaultDir: 'desc' })
    const page = await listInvoices(req.ctx, lq, {
      status: lq.params.status,
      overdue: lq.params.overdue === '1',
      clientId: mine ? (req.ctx.actor?.clientId ?? undefined) : lq.params.client || undefined,
    })
    return reply.html(
      <InvoiceListPage
        pc={await pageContext(req, reply)}
        lq={lq}
        page={page}
        today={await companyToday(req.ctx)}
        mine={mine}
        canManage={!mine && req.ctx.can('finance.manage')}
      />,
    )
  }
  app.get('/invoices', { config: READ }, listPage(false))
  app.get('/invoices/mine', { config: CLIENT }, listPage(true))

  const pickableClients = (req: FastifyRequest) =>
    req.ctx.db
      .selectFrom('clients')
      .select(['clients.id', 'clients.name'])
      .where('clients.status', '!=', 'archived')
      .orderBy('clients.name')
      .limit(1000)
      .execute()

  const formPage = async (
    req: FastifyRequest,
    reply: import('fastify').FastifyReply,
    values: InvoiceFormValues,
    errors?: Record<string, string>,
  ) => {
    const { vatRates } = await companySettings(req.ctx)
    return reply
      .status(errors ? 422 : 200)
      .html(
        <InvoiceFormPage
          pc={await pageContext(req, reply)}
          values={values}
          clients={await pickableClients(req)}
          vatRates={vatRates}
          errors={errors}
        />,
      )
  }

  app.get('/invoices/new', { config: MANAGE }, async (req, reply) => {
    const { defaultCurrency, vatRates } = await companySettings(req.ctx)
    const vat = vatRates.includes(2700) ? 2700 : (vatRates[vatRates.length - 1] ?? 0)
    return formPage(req, reply, {
      clientId: (req.query as { client?: string }).client ?? '',
      currency: defaultCurrency,
      dueDate: '',
      note: '',
      lines: Array.from({ length: BLANK_LINES }, () => blankLine(vat)),
    })
  })

  app.post('/invoices', { config: MANAGE }, async (req, reply) => {
    const values = invoiceFormValues(req.body)
    const { input, errors, rowIndex } = invoiceInputOf(values, decimalOf(req.locale))
    if (!values.clientId) errors.client_id = 'form.required'
    let all = errors
    try {
      await checkInvoiceInput(req.ctx, input)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      all = { ...errorsOnRows(err.fields, rowIndex), ...errors }
    }
    if (Object.keys(all).length) return formPage(req, reply, values, all)
    try {
      const created = await createInvoice(req.ctx, values.clientId, input)
      setFlash(reply, 'success', req.t('finance.created_flash'))
      return reply.redirect(`/finance/invoices/${encodeURIComponent(created.id)}`, 303)
    } catch (err) {
      // A client outside the manager's scope is not offered; posted anyway, it is "not found" next to the field.
      if (err instanceof NotFoundError) return formPage(req, reply, values, { client_id: 'finance.choose_client' })
      throw err
    }
  })

  const detailPage = async (
    req: FastifyRequest,
    reply: import('fastify').FastifyReply,
    payment?: { values: PaymentFormValues; errors?: Record<string, string> },
  ) => {
    const detail = await getInvoiceDetail(req.ctx, idOf(req))
    const company = await companySettings(req.ctx)
    const today = await companyToday(req.ctx)
    const outstanding = Math.max(0, detail.invoice.totalMinor - detail.invoice.paidMinor)
    return reply.status(payment?.errors ? 422 : 200).html(
      <InvoiceDetailPage
        pc={await pageContext(req, reply)}
        detail={detail}
        today={today}
        bankAccounts={company.bankAccounts}
        companyName={company.legalName}
        // The documents module renders the request as PDF (its number is taken once it is issued).
        pdfHref={
          detail.invoice.number && req.ctx.services.isEnabled('documents')
            ? `/documents/payment-requests/${encodeURIComponent(detail.invoice.id)}/pdf`
            : null
        }
        canManage={req.ctx.actor?.role !== 'client' && req.ctx.can('finance.manage')}
        payment={
          payment ?? {
            values: {
              amount: outstanding ? minorToDecimal(outstanding, detail.invoice.currency) : '',
              date: today,
              reference: '',
            },
          }
        }
      />,
    )
  }

  app.get('/invoices/:id', { config: READ_ANY }, async (req, reply) => detailPage(req, reply))

  /** Runs an action; a refused rule comes back as a message on the request's page. */
  const act =
    (run: (req: FastifyRequest) => Promise<string>) =>
    async (req: FastifyRequest, reply: import('fastify').FastifyReply) => {
      const url = `/finance/invoices/${encodeURIComponent(idOf(req))}`
      try {
        setFlash(reply, 'success', await run(req))
      } catch (err) {
        if (!(err instanceof RuleError) && (err as { code?: string }).code !== 'stale') throw err
        setFlash(reply, 'error', req.t((err as RuleError).messageKey, (err as RuleError).params))
      }
      return reply.redirect(url, 303)
    }

  app.post(
    '/invoices/:id/issue',
    { config: MANAGE },
    act(async (req) => {
      const inv = await issueInvoice(req.ctx, idOf(req), versionOf(req))
      return req.t('finance.issued_flash', { number: inv.number ?? '' })
    }),
  )
  app.post(
    '/invoices/:id/cancel',
    { config: MANAGE },
    act(async (req) => {
      await cancelInvoice(req.ctx, idOf(req), versionOf(req))
      return req.t('finance.cancelled_flash')
    }),
  )

  app.post('/invoices/:id/payments', { config: MANAGE }, async (req, reply) => {
    const f = formData(req.body)
    const values: PaymentFormValues = { amount: f.amount ?? '', date: f.date ?? '', reference: f.reference ?? '' }
    const detail = await getInvoiceDetail(req.ctx, idOf(req))
    const amount = parseAmount(values.amount, detail.invoice.currency, decimalOf(req.locale))
    try {
      await recordPayment(req.ctx, idOf(req), {
        amountMinor: amount ?? 0,
        date: values.date,
        reference: values.reference,
      })
    } catch (err) {
      if (err instanceof ValidationError) return detailPage(req, reply, { values, errors: err.fields })
      if (err instanceof RuleError && err.code === 'duplicate_payment') {
        return detailPage(req, reply, { values, errors: { reference: err.messageKey } })
      }
      if (err instanceof RuleError && err.code === 'period_locked') {
        return detailPage(req, reply, { values, errors: { date: 'finance.error.period_locked_field' } })
      }
      if (err instanceof RuleError) {
        setFlash(reply, 'error', req.t(err.messageKey, err.params))
        return reply.redirect(`/finance/invoices/${encodeURIComponent(idOf(req))}`, 303)
      }
      throw err
    }
    setFlash(reply, 'success', req.t('finance.payment_recorded'))
    return reply.redirect(`/finance/invoices/${encodeURIComponent(idOf(req))}`, 303)
  })

  const topUpPage = async (
    req: FastifyRequest,
    reply: import('fastify').FastifyReply,
    values: { amount: string; comment: string },
    errors?: Record<string, string>,
  ) => {
    const { defaultCurrency } = await companySettings(req.ctx)
    const { topUpMinMinor } = await financeSettings(req.ctx)
    return reply
      .status(errors ? 422 : 200)
      .html(
        <TopUpPage
          pc={await pageContext(req, reply)}
          currency={defaultCurrency}
          minimum={minorToDecimal(topUpMinMinor, defaultCurrency)}
          values={values}
          errors={errors}
        />,
      )
  }

  app.get('/top-up', { config: CLIENT }, async (req, reply) => topUpPage(req, reply, { amount: '', comment: '' }))

  app.post('/top-up', { config: CLIENT }, async (req, reply) => {
    const f = formData(req.body)
    const values = { amount: f.amount ?? '', comment: f.comment ?? '' }
    const { defaultCurrency } = await companySettings(req.ctx)
    const amount = parseAmount(values.amount, defaultCurrency, decimalOf(req.locale))
    if (amount === null) return topUpPage(req, reply, values, { amount: 'finance.error.amount_positive' })
    try {
      const inv = await requestTopUp(req.ctx, {
        amountMinor: amount,
        currency: defaultCurrency,
        comment: values.comment,
      })
      setFlash(reply, 'success', req.t('finance.top_up_flash', { number: inv.number ?? '' }))
      return reply.redirect(`/finance/invoices/${encodeURIComponent(inv.id)}`, 303)
    } catch (err) {
      if (err instanceof ValidationError) return topUpPage(req, reply, values, err.fields)
      throw err
    }
  })
}
