import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FieldErrors } from '../../core/errors.js'
import { ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { pageContext } from '../../core/ui/page-context.js'
import { attachmentFile, attachmentMaxBytes } from './attachments.service.js'
import { discardUnreadBody, readPostedForm, sendAttachment } from './support.http.js'
import { listVisibleClients } from './support.queries.js'
import {
  CLIENT,
  filtersFromParams,
  getRequest,
  isClient,
  listRequests,
  MANAGE,
  READ,
  REQUEST_SORTS,
  type RequestView,
  slaState,
} from './support.service.js'
import { exportRequestsCsv, exportRequestsXlsx } from './support-export.js'
import { supportReportPages } from './support-report.routes.js'
import { supportSettingsPages } from './support-settings.routes.js'
import { categoryName, listCategories, supportSettings } from './support-settings.service.js'
import { addMessage, createRequest, linkNumber, requestThread } from './support-thread.service.js'
import {
  allowedMoves,
  assigneeChoices,
  assignRequest,
  changeStatus,
  inReopenWindow,
  rateRequest,
} from './support-workflow.service.js'
import { MyRequestsPage } from './views/my-requests.js'
import { type ReplyValues, RequestDetailPage } from './views/request-detail.js'
import { RequestFormPage, type RequestFormValues } from './views/request-form.js'
import { RequestListPage } from './views/request-list.js'

const STAFF = { access: { permission: READ } } as const
const MANAGER = { access: { permission: MANAGE } } as const
const CLIENTS = { access: { permission: CLIENT } } as const
// Staff (support.read / support.manage) and client users (support.client) share these; the service decides.
const ANY = { access: 'signed-in' } as const
const CLIENT_SELECT_LIMIT = 1000

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id
const back = (reply: FastifyReply, id: string, anchor = '') =>
  reply.redirect(`/support/${encodeURIComponent(id)}${anchor}`, 303)

const emptyValues = (): RequestFormValues => ({
  clientId: '',
  categoryId: '',
  priority: 'normal',
  subject: '',
  body: '',
  linkKind: '',
  linkId: '',
})

const valuesOf = (f: Record<string, string>): RequestFormValues => ({
  clientId: f.client_id ?? '',
  categoryId: f.category_id ?? '',
  priority: f.priority ?? 'normal',
  subject: f.subject ?? '',
  body: f.body ?? '',
  linkKind: f.link_kind ?? '',
  linkId: f.link_id ?? '',
})

/** Support pages under /support: the queues, the client's list, the request form and page, files, report, settings. */
export async function supportPages(app: FastifyInstance) {
  const categoryChoices = async (req: FastifyRequest) =>
    (await listCategories(req.ctx, { activeOnly: true })).map((c) => ({
      id: c.id,
      name: categoryName({ name: c.name, names_json: JSON.stringify(c.names) }, req.locale),
    }))

  app.get('/', { config: STAFF }, async (req, reply) => {
    const lq = parseListQuery(req.query, { sortable: REQUEST_SORTS, defaultSort: 'due', defaultDir: 'asc' })
    const queue = ['mine', 'unassigned', 'all'].includes(lq.params.queue ?? '') ? (lq.params.queue as string) : 'mine'
    const now = new Date().toISOString()
    const page = await listRequests(req.ctx, lq, { ...filtersFromParams(lq.params), queue, now })
    return reply.html(
      <RequestListPage
        pc={await pageContext(req, reply)}
        lq={{ ...lq, params: { ...lq.params, queue } }}
        page={{ ...page, rows: page.rows.map((r) => ({ ...r, sla: slaState(r, now) })) }}
        queue={queue}
        categories={await categoryChoices(req)}
        canManage={req.ctx.can(MANAGE)}
      />,
    )
  })

  for (const ext of ['csv', 'xlsx'] as const) {
    app.get(`/export.${ext}`, { config: STAFF }, async (req, reply) => {
      const lq = parseListQuery(req.query, { sortable: REQUEST_SORTS, defaultSort: 'due', defaultDir: 'asc' })
      const filters = { ...filtersFromParams(lq.params), queue: lq.params.queue ?? 'mine' }
      const stamp = new Date().toISOString().slice(0, 10)
      reply
        .header('content-disposition', `attachment; filename="requests-${stamp}.${ext}"`)
        .header('cache-control', 'private, no-store')
      if (ext === 'csv')
        return reply.type('text/csv; charset=utf-8').send(await exportRequestsCsv(req.ctx, lq, filters))
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await exportRequestsXlsx(req.ctx, lq, filters))
    })
  }

  app.get('/mine', { config: CLIENTS }, async (req, reply) => {
    if (!isClient(req.ctx)) return reply.redirect('/support', 303)
    const lq = parseListQuery(req.query, {
      sortable: ['number', 'status', 'created_at', 'updated'],
      defaultSort: 'updated',
      defaultDir: 'desc',
    })
    const page = await listRequests(req.ctx, lq, { status: lq.params.status })
    return reply.html(<MyRequestsPage pc={await pageContext(req, reply)} lq={lq} page={page} />)
  })

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: RequestFormValues,
    errors?: FieldErrors,
    filesDropped = false,
  ) =>
    reply
      .status(errors ? 422 : 200)
      .html(
        <RequestFormPage
          pc={await pageContext(req, reply)}
          values={values}
          errors={errors}
          categories={await categoryChoices(req)}
          clients={isClient(req.ctx) ? null : await listVisibleClients(req.ctx, CLIENT_SELECT_LIMIT)}
          maxBytes={attachmentMaxBytes(req.ctx)}
          filesDropped={filesDropped}
        />,
      )

  app.get('/new', { config: ANY }, async (req, reply) => {
    req.ctx.require(isClient(req.ctx) ? CLIENT : MANAGE)
    const client = (req.query as { client?: string }).client
    return formPage(req, reply, { ...emptyValues(), clientId: typeof client === 'string' ? client : '' })
  })

  app.post('/', { config: ANY }, async (req, reply) => {
    try {
      req.ctx.require(isClient(req.ctx) ? CLIENT : MANAGE)
    } catch (err) {
      discardUnreadBody(req, reply, req.server.services.config.maxUploadBytes)
      throw err
    }
    const form = await readPostedForm(req, reply, req.ctx)
    const values = valuesOf(form.fields)
    if (Object.keys(form.fileErrors).length) return formPage(req, reply, values, form.fileErrors, form.hadFiles)
    try {
      const created = await createRequest(
        req.ctx,
        {
          clientId: values.clientId || undefined,
          categoryId: values.categoryId,
          priority: values.priority,
          subject: values.subject,
          body: values.body,
          linkKind: values.linkKind || undefined,
          linkId: values.linkId || undefined,
        },
        form.files,
      )
      setFlash(reply, 'success', req.t('support.created_flash', { number: created.number }))
      return back(reply, created.id)
    } catch (err) {
      if (err instanceof ValidationError) return formPage(req, reply, values, err.fields, form.hadFiles)
      throw err
    }
  })

  const detailPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    r: RequestView,
    opts: { reply?: ReplyValues; replyErrors?: FieldErrors; ratingErrors?: FieldErrors; filesDropped?: boolean } = {},
  ) => {
    const ctx = req.ctx
    const staff = !isClient(ctx)
    const now = new Date().toISOString()
    const settings = await supportSettings(ctx)
    const closedForClient =
      !staff && (r.status === 'resolved' || r.status === 'closed') && !inReopenWindow(r, now, settings.reopenDays)
    const canWrite = ctx.can(staff ? MANAGE : CLIENT)
    return reply
      .status(opts.replyErrors || opts.ratingErrors ? 422 : 200)
      .html(
        <RequestDetailPage
          pc={await pageContext(req, reply)}
          request={r}
          sla={slaState(r, now)}
          thread={await requestThread(ctx, r.id)}
          linkLabel={await linkNumber(ctx, r.link)}
          staff={staff}
          canReply={canWrite && !closedForClient}
          replyClosedReason={
            closedForClient ? req.t('support.reopen_passed_note', { days: settings.reopenDays }) : null
          }
          moves={await allowedMoves(ctx, r, now)}
          assignees={staff && ctx.can(MANAGE) ? await assigneeChoices(ctx, r) : null}
          maxBytes={attachmentMaxBytes(ctx)}
          reply={opts.reply ?? { body: '', internal: false, nextStatus: '' }}
          replyErrors={opts.replyErrors}
          ratingErrors={opts.ratingErrors}
          filesDropped={opts.filesDropped}
        />,
      )
  }

  app.get('/:id', { config: ANY }, async (req, reply) => detailPage(req, reply, await getRequest(req.ctx, idOf(req))))

  app.post('/:id/messages', { config: ANY }, async (req, reply) => {
    let r: RequestView
    try {
      r = await getRequest(req.ctx, idOf(req))
    } catch (err) {
      discardUnreadBody(req, reply, req.server.services.config.maxUploadBytes)
      throw err
    }
    const form = await readPostedForm(req, reply, req.ctx)
    const values: ReplyValues = {
      body: form.fields.body ?? '',
      internal: form.fields.internal === '1',
      nextStatus: form.fields.next_status ?? '',
    }
    if (Object.keys(form.fileErrors).length) {
      return detailPage(req, reply, r, { reply: values, replyErrors: form.fileErrors, filesDropped: form.hadFiles })
    }
    try {
      await addMessage(
        req.ctx,
        r.id,
        { body: values.body, internal: values.internal, nextStatus: values.nextStatus || null },
        form.files,
      )
    } catch (err) {
      if (err instanceof ValidationError) {
        return detailPage(req, reply, r, { reply: values, replyErrors: err.fields, filesDropped: form.hadFiles })
      }
      throw err
    }
    setFlash(
      reply,
      'success',
      req.t(values.internal && !isClient(req.ctx) ? 'support.note_flash' : 'support.reply_flash'),
    )
    return back(reply, r.id)
  })

  app.post('/:id/status', { config: ANY }, async (req, reply) => {
    const f = formData(req.body)
    const version = Number(f.version)
    const changed = await changeStatus(req.ctx, idOf(req), f.to ?? '', Number.isFinite(version) ? version : -1)
    setFlash(
      reply,
      'success',
      req.t('support.status_flash', { number: changed.number, status: req.t(`support.status.${changed.status}`) }),
    )
    return back(reply, changed.id)
  })

  app.post('/:id/assign', { config: MANAGER }, async (req, reply) => {
    const f = formData(req.body)
    const version = Number(f.version)
    const r = await getRequest(req.ctx, idOf(req))
    try {
      const saved = await assignRequest(req.ctx, r.id, f.assignee_id || null, Number.isFinite(version) ? version : -1)
      setFlash(
        reply,
        'success',
        req.t('support.assigned_flash', {
          number: saved.number,
          name: saved.assigneeName ?? req.t('support.unassigned'),
        }),
      )
    } catch (err) {
      if (err instanceof ValidationError) return detailPage(req, reply, r, { replyErrors: err.fields })
      throw err
    }
    return back(reply, r.id)
  })

  // Client users only; the service refuses staff (the isolation test needs an owner the route admits).
  app.post('/:id/rating', { config: ANY }, async (req, reply) => {
    const f = formData(req.body)
    const r = await getRequest(req.ctx, idOf(req))
    try {
      await rateRequest(req.ctx, r.id, Number(f.rating), f.rating_comment ?? null)
    } catch (err) {
      if (err instanceof ValidationError) return detailPage(req, reply, r, { ratingErrors: err.fields })
      throw err
    }
    setFlash(reply, 'success', req.t('support.rated_flash'))
    return back(reply, r.id)
  })

  app.get('/attachments/:id', { config: ANY }, async (req, reply) =>
    sendAttachment(reply, await attachmentFile(req.ctx, idOf(req))),
  )

  await supportReportPages(app)
  await supportSettingsPages(app)
}
