import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { pageContext } from '../../core/ui/page-context.js'
import { IMPORT } from './bank.constants.js'
import {
  createOwnAccount,
  csvMappingOf,
  getOwnAccount,
  listOwnAccountsPage,
  saveOwnAccount,
} from './bank-accounts.service.js'
import { categoryChoices } from './bank-choices.js'
import { createExpenseRule, deleteExpenseRule, listExpenseRules } from './bank-rules.service.js'
import { readUpload } from './bank-upload.js'
import { mappingFromForm, mappingValues } from './csv-mapping-form.js'
import { parseStatement } from './parse/index.js'
import { AccountPage, AccountsPage, type CsvPreview } from './views/accounts-pages.js'
import { ExpenseRulesPage } from './views/rules-pages.js'

const IMPORTER = { access: { permission: IMPORT } } as const
const PREVIEW_ROWS = 10
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id

/** Expense rules and own accounts with their CSV mappings: the head's side of the bank module. */
export async function bankAdminPages(app: FastifyInstance) {
  const renderExpenseRules = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, string>,
    errors?: Record<string, string>,
  ) => {
    const lq = parseListQuery(req.query, {
      sortable: ['position', 'kind', 'value', 'created_at'],
      defaultSort: 'position',
    })
    return (
      <ExpenseRulesPage
        pc={await pageContext(req, reply)}
        lq={lq}
        page={await listExpenseRules(req.ctx, lq)}
        categories={await categoryChoices(req.ctx)}
        values={values}
        errors={errors}
      />
    )
  }

  app.get('/expense-rules', { config: IMPORTER }, async (req, reply) =>
    reply.html(await renderExpenseRules(req, reply)),
  )

  app.post('/expense-rules', { config: IMPORTER }, async (req, reply) => {
    const f = formData(req.body)
    const categories = new Set((await categoryChoices(req.ctx)).map((c) => c.id))
    try {
      const position = /^\d+$/.test(f.position ?? '') ? Number(f.position) : Number.NaN
      await createExpenseRule(
        req.ctx,
        { kind: f.kind ?? '', value: f.value ?? '', categoryId: f.category_id ?? '', position },
        categories,
      )
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return reply.status(422).html(await renderExpenseRules(req, reply, f, err.fields))
    }
    setFlash(reply, 'success', req.t('bank.rules.saved'))
    return reply.redirect('/bank/expense-rules', 303)
  })

  app.post('/expense-rules/:id/delete', { config: IMPORTER }, async (req, reply) => {
    await deleteExpenseRule(req.ctx, idOf(req))
    setFlash(reply, 'success', req.t('bank.rules.deleted'))
    return reply.redirect('/bank/expense-rules', 303)
  })

  const renderAccounts = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, string>,
    errors?: Record<string, string>,
  ) => {
    const lq = parseListQuery(req.query, { sortable: ['name', 'account'], defaultSort: 'name' })
    const page = await listOwnAccountsPage(req.ctx, lq)
    return <AccountsPage pc={await pageContext(req, reply)} lq={lq} page={page} values={values} errors={errors} />
  }

  app.get('/accounts', { config: IMPORTER }, async (req, reply) => reply.html(await renderAccounts(req, reply)))

  app.post('/accounts', { config: IMPORTER }, async (req, reply) => {
    const f = formData(req.body)
    try {
      const row = await createOwnAccount(req.ctx, {
        account: f.account ?? '',
        name: f.name ?? '',
        currency: f.currency ?? '',
      })
      setFlash(reply, 'success', req.t('form.saved'))
      return reply.redirect(`/bank/accounts/${encodeURIComponent(row.id)}`, 303)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return reply.status(422).html(await renderAccounts(req, reply, f, err.fields))
    }
  })

  app.get('/accounts/:id', { config: IMPORTER }, async (req, reply) => {
    const account = await getOwnAccount(req.ctx, idOf(req))
    const values = mappingValues(csvMappingOf(account), account.account, account.currency)
    return reply.html(
      <AccountPage pc={await pageContext(req, reply)} account={account} name={account.name} values={values} />,
    )
  })

  // One form: save the mapping, or (with "preview only" and a sample file) show how it reads the file.
  app.post('/accounts/:id', { config: IMPORTER }, async (req, reply) => {
    const account = await getOwnAccount(req.ctx, idOf(req))
    const show = async (
      status: number,
      fields: Record<string, string>,
      errors?: Record<string, string>,
      preview?: CsvPreview,
    ) =>
      reply
        .status(status)
        .html(
          <AccountPage
            pc={await pageContext(req, reply)}
            account={account}
            name={fields.name ?? account.name}
            values={{ ...mappingValues(null, account.account, account.currency), csv_header: '', ...fields }}
            errors={errors}
            preview={preview}
          />,
        )
    let upload: Awaited<ReturnType<typeof readUpload>>
    try {
      upload = req.isMultipart() ? await readUpload(req, reply, 'sample') : { fields: formData(req.body), files: [] }
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return show(422, {}, err.fields)
    }
    const { fields } = upload
    const { mapping, errors } = mappingFromForm(fields)
    if (!mapping) return show(422, fields, errors)
    const sample = upload.files.find((f) => f.field === 'sample')
    if (fields.preview_only === '1') {
      if (!sample) return show(422, fields, { sample: 'form.required' })
      const result = parseStatement(sample.bytes, { csv: mapping })
      const preview: CsvPreview = result.error
        ? { error: `${req.t(`bank.error_code.${result.error}`)}: ${result.meta.message ?? ''}`, rows: [], total: 0 }
        : { rows: result.transactions.slice(0, PREVIEW_ROWS), total: result.transactions.length }
      return show(200, fields, undefined, preview)
    }
    try {
      await saveOwnAccount(req.ctx, account.id, { name: fields.name ?? '', csvMapping: mapping })
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return show(422, fields, err.fields)
    }
    setFlash(reply, 'success', req.t('form.saved'))
    return reply.redirect(`/bank/accounts/${encodeURIComponent(account.id)}`, 303)
  })
}
