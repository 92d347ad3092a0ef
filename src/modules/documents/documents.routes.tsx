import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { isLocale, LOCALE_NAMES, LOCALES } from '../../core/i18n/messages.js'
import { pageContext } from '../../core/ui/page-context.js'
import { getInvoice } from '../finance/index.js'
import { generatePaymentRequest } from './document-generate.service.js'
import { sendDocuments, zipDocuments } from './document-send.service.js'
import { discardUpload, uploadDocument } from './document-upload.service.js'
import { PER_PAGE } from './documents.constants.js'
import { idsOf, readUploadForm, sendPdf, uploadInputOf } from './documents.http.js'
import { accessLog, DOCUMENT_SORTS, getDocument, listDocuments, recordAccess } from './documents.service.js'
import { uploadMaxBytes } from './documents-settings.js'
import { issuerPages } from './issuers.routes.js'
import { DocumentDetailPage, type UploadFormValues, UploadPage } from './views/document-detail.js'
import { DocumentListPage } from './views/document-list.js'

// Staff (documents.read) and client users (documents.client) share the reading routes; the service decides.
const READ_ANY = { access: 'signed-in' } as const
const MANAGE = { access: { permission: 'documents.manage' } } as const

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id
const isStaff = (req: FastifyRequest) => req.actor?.role !== 'client'
const decimalOf = (locale: string): ',' | '.' => (locale === 'en' ? '.' : ',')

const pickableClients = (req: FastifyRequest) =>
  req.ctx.db
    .selectFrom('clients')
    .select(['clients.id', 'clients.name'])
    .where('clients.status', '!=', 'archived')
    .orderBy('clients.name')
    .limit(1000)
    .execute()

/** The client's orders, contracts and payment requests to link an upload to (modules that are on). */
async function linkOptions(req: FastifyRequest, clientId: string) {
  const { ctx } = req
  if (!clientId) return { orders: null, contracts: null, invoices: [] }
  const orders = ctx.services.isEnabled('orders')
    ? (
        await ctx.db
          .selectFrom('orders')
          .select(['id', 'number'])
          .where('client_id', '=', clientId)
          .orderBy('created_at', 'desc')
          .limit(200)
          .execute()
      ).map((o) => ({ value: o.id, label: o.number }))
    : null
  const contracts = ctx.services.isEnabled('contracts')
    ? (
        await ctx.db
          .selectFrom('contracts')
          .select(['id', 'number', 'subject'])
          .where('client_id', '=', clientId)
          .orderBy('signed_on', 'desc')
          .limit(200)
          .execute()
      ).map((c) => ({ value: c.id, label: `${c.number} · ${c.subject}` }))
    : null
  const invoices = (
    await ctx.db
      .selectFrom('invoices')
      .select(['id', 'number'])
      .where('client_id', '=', clientId)
      .where('number', 'is not', null)
      .orderBy('issued_at', 'desc')
      .limit(200)
      .execute()
  ).map((i) => ({ value: i.id, label: i.number ?? '' }))
  return { orders, contracts, invoices }
}

/** Document pages under /documents: lists, upload, a document with its PDF, sending, ZIP, issuers. */
export async function documentsPages(app: FastifyInstance) {
  await issuerPages(app)

  app.get('/', { config: READ_ANY }, async (req, reply) => {
    const lq = parseListQuery(req.query, {
      sortable: DOCUMENT_SORTS,
      defaultSort: 'date',
      defaultDir: 'desc',
      per: PER_PAGE,
    })
    const page = await listDocuments(req.ctx, lq, {
      clientId: isStaff(req) ? lq.params.client || undefined : undefined,
      kind: lq.params.kind,
      from: lq.params.from,
      to: lq.params.to,
      sent: lq.params.sent,
    })
    return reply.html(
      <DocumentListPage
        pc={await pageContext(req, reply)}
        lq={lq}
        page={page}
        staff={isStaff(req)}
        canManage={isStaff(req) && req.ctx.can('documents.manage')}
        clients={isStaff(req) ? await pickableClients(req) : []}
      />,
    )
  })

  const uploadPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: UploadFormValues,
    errors?: Record<string, string>,
  ) => {
    const links = await linkOptions(req, values.clientId)
    return reply
      .status(errors ? 422 : 200)
      .html(
        <UploadPage
          pc={await pageContext(req, reply)}
          values={values}
          errors={errors}
          clients={(await pickableClients(req)).map((c) => ({ value: c.id, label: c.name }))}
          {...links}
          languages={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
          maxMb={Math.floor((await uploadMaxBytes(req.ctx)) / 1024 / 1024)}
        />,
      )
  }

  app.get('/new', { config: MANAGE }, async (req, reply) => {
    const clientId = (req.query as { client?: string }).client ?? ''
    const company = await req.ctx.services.settings.get('company')
    // A client outside the caller's scope offers no links; the form then refuses it by name.
    return uploadPage(req, reply, {
      ...uploadInputOf({}),
      clientId,
      kind: 'vat_invoice',
      currency: company.defaultCurrency,
      language: isLocale(company.defaultLocale) ? company.defaultLocale : 'en',
    })
  })

  app.post('/', { config: MANAGE }, async (req, reply) => {
    const { fields, file } = await readUploadForm(req).catch((err) => {
      if (err instanceof ValidationError) return { fields: {}, file: null, error: err }
      throw err
    })
    const input = uploadInputOf(fields)
    try {
      const doc = await uploadDocument(req.ctx, input, file, decimalOf(req.locale))
      setFlash(reply, 'success', req.t('documents.uploaded_flash', { number: doc.number }))
      return reply.redirect(`/documents/${encodeURIComponent(doc.id)}`, 303)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return uploadPage(req, reply, input, err.fields)
    } finally {
      discardUpload(file)
    }
  })

  app.post('/send', { config: MANAGE }, async (req, reply) => {
    const ids = idsOf(req.body)
    if (ids.length === 0) {
      setFlash(reply, 'error', req.t('documents.error.select'))
      return reply.redirect('/documents', 303)
    }
    const sent = await sendDocuments(req.ctx, ids)
    setFlash(reply, 'success', req.t('documents.sent_flash', { count: sent.length }))
    return reply.redirect('/documents', 303)
  })

  app.post('/zip', { config: READ_ANY }, async (req, reply) => {
    const ids = idsOf(req.body)
    if (ids.length === 0) {
      setFlash(reply, 'error', req.t('documents.error.select'))
      return reply.redirect('/documents', 303)
    }
    const stream = await zipDocuments(req.ctx, ids)
    return reply
      .type('application/zip')
      .header('content-disposition', 'attachment; filename="documents.zip"')
      .header('cache-control', 'private, no-store')
      .send(stream)
  })

  app.get('/payment-requests/:invoiceId/pdf', { config: READ_ANY }, async (req, reply) => {
    // The payment request in the caller's scope first (404 otherwise); then its PDF, made if missing.
    const invoice = await getInvoice(req.ctx, (req.params as { invoiceId: string }).invoiceId)
    const made = await generatePaymentRequest(req.ctx, invoice.id)
    const doc = { ...made, clientName: invoice.clientName }
    await recordAccess(req.ctx, [doc], 'download')
    return sendPdf(req.ctx, reply, doc, true)
  })

  app.get('/:id', { config: READ_ANY }, async (req, reply) => {
    const doc = await getDocument(req.ctx, idOf(req))
    await recordAccess(req.ctx, [doc], 'view')
    const staff = isStaff(req)
    const issuer = doc.issuerId
      ? await req.ctx.db.selectFrom('document_issuers').select('name').where('id', '=', doc.issuerId).executeTakeFirst()
      : undefined
    return reply.html(
      <DocumentDetailPage
        pc={await pageContext(req, reply)}
        doc={doc}
        staff={staff}
        canManage={staff && req.ctx.can('documents.manage')}
        access={staff ? await accessLog(req.ctx, doc) : []}
        issuerName={issuer?.name ?? null}
      />,
    )
  })

  app.get('/:id/pdf', { config: READ_ANY }, async (req, reply) => {
    const doc = await getDocument(req.ctx, idOf(req))
    await recordAccess(req.ctx, [doc], 'download')
    return sendPdf(req.ctx, reply, doc)
  })

  app.post('/:id/send', { config: MANAGE }, async (req, reply) => {
    const [doc] = await sendDocuments(req.ctx, [idOf(req)])
    setFlash(reply, 'success', req.t('documents.sent_flash', { count: 1 }))
    return reply.redirect(`/documents/${encodeURIComponent(doc?.id ?? idOf(req))}`, 303)
  })
}
