import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { parseAmount } from '../../core/money/money.js'
import { pageContext } from '../../core/ui/page-context.js'
import { companySettings, companyToday } from './finance-settings.js'
import { pdfLocale, reconciliationPdf } from './reconciliation.pdf.js'
import type { DisputedItem } from './reconciliation.schema.js'
import {
  acceptReconciliation,
  createReconciliation,
  disputeReconciliation,
  getReconciliationDetail,
  listReconciliations,
  resolveReconciliation,
} from './reconciliation.service.js'
import { type NewStatementValues, ReconciliationListPage } from './views/reconciliation-list.js'
import { type AnswerForm, emptyAnswer, ReconciliationPage } from './views/reconciliation-page.js'

// Staff (finance.read) and client users (finance.client) share these pages; the services decide.
const ANY = { access: 'signed-in' } as const
const CLIENT = { access: { permission: 'finance.client' } } as const
const MANAGE = { access: { permission: 'finance.manage' } } as const

const SORTS = ['updated_at', 'number', 'status', 'client']
const decimalOf = (locale: string): ',' | '.' => (locale === 'en' ? '.' : ',')
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id
const lockOf = (form: Record<string, string>) => Number.parseInt(form.lock ?? '', 10)
const isStaff = (req: FastifyRequest) => req.actor?.role !== 'client'

/** The first day of the year before the company's today, to today: the usual period asked for. */
async function defaultValues(req: FastifyRequest): Promise<NewStatementValues> {
  const today = await companyToday(req.ctx)
  const { defaultCurrency } = await companySettings(req.ctx)
  return { clientId: '', currency: defaultCurrency, from: `${today.slice(0, 4)}-01-01`, to: today }
}

/** Statements of account under /finance/reconciliations: list and request, the statement, its PDF, the answers. */
export async function reconciliationPages(app: FastifyInstance) {
  const renderList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: { values: NewStatementValues; errors?: Record<string, string> },
  ) => {
    const ctx = req.ctx
    if (!(ctx.can('finance.read') || ctx.can('finance.client'))) ctx.require('finance.read')
    const lq = parseListQuery(req.query, { sortable: SORTS, defaultSort: 'updated_at', defaultDir: 'desc' })
    const staff = isStaff(req)
    const [page, clients, company] = await Promise.all([
      listReconciliations(ctx, lq, { status: lq.params.status || undefined }),
      staff && ctx.can('finance.manage')
        ? ctx.db
            .selectFrom('clients')
            .select(['clients.id', 'clients.name'])
            .where('clients.status', '!=', 'archived')
            .orderBy('clients.name')
            .limit(1000)
            .execute()
        : Promise.resolve([]),
      companySettings(ctx),
    ])
    const currencies = [...new Set([company.defaultCurrency, ...company.bankAccounts.map((b) => b.currency)])]
    return reply
      .status(form.errors ? 422 : 200)
      .html(
        <ReconciliationListPage
          pc={await pageContext(req, reply)}
          lq={lq}
          page={page}
          staff={staff}
          clients={clients}
          currencies={currencies}
          form={form}
        />,
      )
  }

  app.get('/reconciliations', { config: ANY }, async (req, reply) =>
    renderList(req, reply, { values: await defaultValues(req) }),
  )

  app.post('/reconciliations', { config: ANY }, async (req, reply) => {
    const f = formData(req.body)
    const values: NewStatementValues = {
      clientId: f.client_id ?? '',
      currency: (f.currency ?? '').toUpperCase(),
      from: f.from ?? '',
      to: f.to ?? '',
    }
    try {
      const rec = await createReconciliation(req.ctx, {
        clientId: isStaff(req) ? values.clientId : undefined,
        currency: values.currency,
        from: values.from,
        to: values.to,
      })
      setFlash(reply, 'success', req.t('finance.reconciliation.issued', { number: rec.number }))
      return reply.redirect(`/finance/reconciliations/${encodeURIComponent(rec.id)}`, 303)
    } catch (err) {
      if (err instanceof ValidationError) return renderList(req, reply, { values, errors: err.fields })
      throw err
    }
  })

  const renderOne = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { answer?: AnswerForm; resolve?: { comment: string; errors?: Record<string, string> } } = {},
  ) => {
    const asked = Number.parseInt((req.query as { version?: string }).version ?? '', 10)
    const rec = await getReconciliationDetail(req.ctx, id, Number.isFinite(asked) ? asked : undefined)
    const failed = Boolean(extra.answer?.errors || extra.resolve?.errors)
    return reply
      .status(failed ? 422 : 200)
      .html(
        <ReconciliationPage
          pc={await pageContext(req, reply)}
          rec={rec}
          staff={isStaff(req)}
          canManage={req.ctx.can('finance.manage')}
          answer={extra.answer ?? emptyAnswer()}
          resolve={extra.resolve ?? { comment: '' }}
        />,
      )
  }

  app.get('/reconciliations/:id', { config: ANY }, async (req, reply) => renderOne(req, reply, idOf(req)))

  app.get('/reconciliations/:id/pdf', { config: ANY }, async (req, reply) => {
    const q = req.query as { version?: string; lang?: string }
    const asked = Number.parseInt(q.version ?? '', 10)
    const rec = await getReconciliationDetail(req.ctx, idOf(req), Number.isFinite(asked) ? asked : undefined)
    const { defaultLocale } = await companySettings(req.ctx)
    const pdf = await reconciliationPdf(req.ctx, rec, pdfLocale(q.lang, req.ctx, defaultLocale))
    const name = `${rec.number}-v${rec.shown.version}.pdf`.replace(/[^\w.-]/g, '_')
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf)
  })

  app.post('/reconciliations/:id/accept', { config: CLIENT }, async (req, reply) => {
    const f = formData(req.body)
    const rec = await acceptReconciliation(req.ctx, idOf(req), { lockVersion: lockOf(f), comment: f.comment })
    setFlash(reply, 'success', req.t('finance.reconciliation.accepted', { number: rec.number }))
    return reply.redirect(`/finance/reconciliations/${encodeURIComponent(rec.id)}`, 303)
  })

  app.post('/reconciliations/:id/dispute', { config: CLIENT }, async (req, reply) => {
    const id = idOf(req)
    const body = (req.body ?? {}) as Record<string, string | string[]>
    const f = formData(req.body)
    const ticked = ([] as string[]).concat(body.line ?? [])
    const answer: AnswerForm = {
      disputed: Object.fromEntries(ticked.map((e) => [e, { amount: f[`amount_${e}`] ?? '', note: '' }])),
      missingNote: f.missing_note ?? '',
      missingAmount: f.missing_amount ?? '',
      comment: f.comment ?? '',
    }
    const rec = await getReconciliationDetail(req.ctx, id)
    const errors: Record<string, string> = {}
    const amountOf = (text: string, key: string) => {
      if (!text.trim()) return null
      const v = parseAmount(text, rec.currency, decimalOf(req.locale))
      if (v === null || v < 0) errors[key] = 'finance.error.amount'
      return v
    }
    const items: DisputedItem[] = ticked.map((entryId) => ({
      entryId,
      theirAmountMinor: amountOf(answer.disputed[entryId]?.amount ?? '', `amount_${entryId}`),
      note: '',
    }))
    if (answer.missingNote.trim() || answer.missingAmount.trim()) {
      items.push({
        entryId: null,
        theirAmountMinor: amountOf(answer.missingAmount, 'missing_amount'),
        note: answer.missingNote,
      })
    }
    if (items.length === 0) errors.line = 'finance.reconciliation.error.nothing_disputed'
    try {
      if (Object.keys(errors).length) throw new ValidationError(errors)
      await disputeReconciliation(req.ctx, id, { lockVersion: lockOf(f), comment: answer.comment, items })
    } catch (err) {
      if (err instanceof ValidationError) {
        const fields = { ...err.fields }
        if (fields.note_0 && items[0]?.entryId === null) fields.missing_note = fields.note_0
        return renderOne(req, reply, id, { answer: { ...answer, errors: fields } })
      }
      throw err
    }
    setFlash(reply, 'success', req.t('finance.reconciliation.disputed', { number: rec.number }))
    return reply.redirect(`/finance/reconciliations/${encodeURIComponent(id)}`, 303)
  })

  app.post('/reconciliations/:id/resolve', { config: MANAGE }, async (req, reply) => {
    const id = idOf(req)
    const f = formData(req.body)
    try {
      const rec = await resolveReconciliation(req.ctx, id, { lockVersion: lockOf(f), comment: f.comment ?? '' })
      setFlash(
        reply,
        'success',
        req.t('finance.reconciliation.resolved', { number: rec.number, version: rec.currentVersion }),
      )
    } catch (err) {
      if (err instanceof ValidationError) {
        return renderOne(req, reply, id, { resolve: { comment: f.comment ?? '', errors: err.fields } })
      }
      throw err
    }
    return reply.redirect(`/finance/reconciliations/${encodeURIComponent(id)}`, 303)
  })
}
