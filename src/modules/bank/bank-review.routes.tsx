import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { pageContext } from '../../core/ui/page-context.js'
import { IMPORT, REVIEW_SORTS, RULE_SORTS } from './bank.constants.js'
import { listOwnAccounts } from './bank-accounts.service.js'
import { categoryChoices, clientChoices, invoiceChoices } from './bank-choices.js'
import {
  type AssignInput,
  assignTransaction,
  getTransaction,
  ignoreTransaction,
  listTransactions,
  recordAsExpense,
  setTransactionCategory,
} from './bank-review.service.js'
import { createClientRule, deleteClientRule, listClientRules } from './bank-rules.service.js'
import { type AssignValues, ReviewItemPage, ReviewListPage } from './views/review-pages.js'
import { ClientRulesPage } from './views/rules-pages.js'

type Access = { access: { permission: string } }
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id
const back = (reply: FastifyReply, id: string) => reply.redirect(`/bank/review/${encodeURIComponent(id)}`, 303)

async function renderItem(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  values?: AssignValues,
  errors?: Record<string, string>,
) {
  const t = await getTransaction(req.ctx, id)
  const clientId = values?.clientId || t.clientId
  return (
    <ReviewItemPage
      pc={await pageContext(req, reply)}
      t={t}
      clients={await clientChoices(req.ctx)}
      invoices={await invoiceChoices(req.ctx, clientId || null)}
      categories={await categoryChoices(req.ctx)}
      canImport={req.ctx.can(IMPORT)}
      values={values}
      errors={errors}
    />
  )
}

/** The review queue and its actions, and the payer-name rules (managers and the head). */
export async function bankReviewPages(app: FastifyInstance, reviewer: Access) {
  const importer = { access: { permission: IMPORT } } as const

  app.get('/review', { config: reviewer }, async (req, reply) => {
    const lq = parseListQuery(req.query, { sortable: REVIEW_SORTS, defaultSort: 'date', defaultDir: 'desc' })
    const status = lq.params.status === undefined ? 'review' : lq.params.status
    const filters = {
      status,
      direction: lq.params.direction,
      accountId: lq.params.account,
      reason: lq.params.reason,
      q: lq.q,
    }
    const page = await listTransactions(req.ctx, lq, filters)
    const accounts = req.ctx.can(IMPORT)
      ? (await listOwnAccounts(req.ctx)).map((a) => ({ id: a.id, name: a.name }))
      : []
    return reply.html(
      <ReviewListPage
        pc={await pageContext(req, reply)}
        lq={{ ...lq, params: { ...lq.params, status } }}
        page={page}
        accounts={accounts}
      />,
    )
  })

  app.get('/review/:id', { config: reviewer }, async (req, reply) =>
    reply.html(await renderItem(req, reply, idOf(req))),
  )

  app.post('/review/:id/assign', { config: reviewer }, async (req, reply) => {
    const f = formData(req.body)
    const values: AssignValues = {
      clientId: f.client_id ?? '',
      invoiceId: f.invoice_id ?? '',
      rulePattern: f.rule_pattern ?? '',
      saveRule: f.save_rule === '1',
    }
    const input: AssignInput = {
      clientId: values.clientId,
      invoiceId: values.invoiceId || null,
      rulePattern: values.saveRule ? values.rulePattern : null,
    }
    try {
      if (!input.clientId) throw new ValidationError({ client_id: 'form.required' })
      await assignTransaction(req.ctx, idOf(req), input)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      const fields = { ...err.fields }
      if (fields.pattern) fields.rule_pattern = fields.pattern
      return reply.status(422).html(await renderItem(req, reply, idOf(req), values, fields))
    }
    setFlash(reply, 'success', req.t('bank.review.assigned'))
    return back(reply, idOf(req))
  })

  app.post('/review/:id/ignore', { config: reviewer }, async (req, reply) => {
    await ignoreTransaction(req.ctx, idOf(req))
    setFlash(reply, 'success', req.t('bank.review.ignored'))
    return back(reply, idOf(req))
  })

  app.post('/review/:id/category', { config: importer }, async (req, reply) => {
    const f = formData(req.body)
    try {
      await setTransactionCategory(req.ctx, idOf(req), f.category_id || null)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return reply.status(422).html(await renderItem(req, reply, idOf(req), undefined, err.fields))
    }
    setFlash(reply, 'success', req.t('form.saved'))
    return back(reply, idOf(req))
  })

  app.post('/review/:id/expense', { config: importer }, async (req, reply) => {
    const f = formData(req.body)
    try {
      await recordAsExpense(req.ctx, idOf(req), f.category_id || null)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return reply.status(422).html(await renderItem(req, reply, idOf(req), undefined, err.fields))
    }
    setFlash(reply, 'success', req.t('bank.review.expensed'))
    return back(reply, idOf(req))
  })

  const renderRules = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, string>,
    errors?: Record<string, string>,
  ) => {
    const lq = parseListQuery(req.query, { sortable: [...RULE_SORTS, 'client'], defaultSort: 'pattern' })
    return (
      <ClientRulesPage
        pc={await pageContext(req, reply)}
        lq={lq}
        page={await listClientRules(req.ctx, lq)}
        clients={await clientChoices(req.ctx)}
        values={values}
        errors={errors}
      />
    )
  }

  app.get('/rules', { config: reviewer }, async (req, reply) => reply.html(await renderRules(req, reply)))

  app.post('/rules', { config: reviewer }, async (req, reply) => {
    const f = formData(req.body)
    try {
      await createClientRule(req.ctx, { pattern: f.pattern ?? '', clientId: f.client_id ?? '' })
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return reply.status(422).html(await renderRules(req, reply, f, err.fields))
    }
    setFlash(reply, 'success', req.t('bank.rules.saved'))
    return reply.redirect('/bank/rules', 303)
  })

  app.post('/rules/:id/delete', { config: reviewer }, async (req, reply) => {
    await deleteClientRule(req.ctx, idOf(req))
    setFlash(reply, 'success', req.t('bank.rules.deleted'))
    return reply.redirect('/bank/rules', 303)
  })
}
