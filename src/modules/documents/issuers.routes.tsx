import fs from 'node:fs'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { pageContext } from '../../core/ui/page-context.js'
import { contractsOfIssuer, setContractIssuer, unlinkedContracts } from './contract-issuers.service.js'
import { DOCUMENT_KINDS, ISSUER_IMAGE_KINDS, type IssuerImageKind } from './documents.constants.js'
import { documentsSettings, saveDocumentsSettings } from './documents-settings.js'
import {
  addSigner,
  getIssuer,
  type IssuerBankAccount,
  type IssuerInput,
  type IssuerView,
  issuerImageFile,
  listIssuers,
  removeSigner,
  saveIssuer,
  uploadIssuerImage,
} from './issuers.service.js'
import { DocumentsSettingsPage, type IssuerFormValues, IssuerListPage, IssuerPage } from './views/issuer-pages.js'

const CONFIGURE = { access: { permission: 'documents.configure' } } as const
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id
const href = (id: string) => `/documents/issuers/${encodeURIComponent(id)}`

/** Bank accounts typed one per line: `bank; account; BIC; currency`. */
export function parseBankAccounts(text: string): IssuerBankAccount[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [bankName = '', account = '', bic = '', currency = ''] = line.split(';').map((s) => s.trim())
      return { bankName, account, bic, currency: currency.toUpperCase() }
    })
}

const accountsText = (accounts: IssuerBankAccount[]) =>
  accounts.map((a) => [a.bankName, a.account, a.bic, a.currency].join('; ')).join('\n')

const valuesOf = (i: IssuerView): IssuerFormValues => ({
  name: i.name,
  taxId: i.taxId,
  address: i.address,
  email: i.email,
  phone: i.phone,
  vatStatus: i.vatStatus,
  bankAccounts: accountsText(i.bankAccounts),
  numberPrefix: i.numberPrefix,
  isDefault: i.isDefault,
  isActive: i.isActive,
  version: String(i.version),
})

function formValues(body: unknown): IssuerFormValues {
  const f = formData(body)
  return {
    name: f.name ?? '',
    taxId: f.tax_id ?? '',
    address: f.address ?? '',
    email: f.email ?? '',
    phone: f.phone ?? '',
    vatStatus: f.vat_status ?? '',
    bankAccounts: f.bank_accounts ?? '',
    numberPrefix: (f.number_prefix ?? '').trim(),
    isDefault: f.is_default === '1',
    isActive: f.is_active === '1',
    version: f.version ?? '',
  }
}

const inputOf = (v: IssuerFormValues): IssuerInput => ({
  name: v.name,
  taxId: v.taxId,
  address: v.address,
  email: v.email,
  phone: v.phone,
  vatStatus: v.vatStatus,
  bankAccounts: parseBankAccounts(v.bankAccounts),
  numberPrefix: v.numberPrefix,
  isDefault: v.isDefault,
  isActive: v.isActive,
})

/** Issuers (head and admin) and the facsimile rules, under /documents/issuers and /documents/settings. */
export async function issuerPages(app: FastifyInstance) {
  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    issuer: IssuerView | null,
    values: IssuerFormValues,
    errors?: Record<string, string>,
  ) =>
    reply
      .status(errors ? 422 : 200)
      .html(
        <IssuerPage
          pc={await pageContext(req, reply)}
          issuer={issuer}
          values={values}
          errors={errors}
          contracts={issuer ? await contractsOfIssuer(req.ctx, issuer.id) : []}
          contractOptions={req.ctx.services.isEnabled('contracts') ? await unlinkedContracts(req.ctx) : null}
        />,
      )

  app.get('/issuers', { config: CONFIGURE }, async (req, reply) =>
    reply.html(<IssuerListPage pc={await pageContext(req, reply)} issuers={await listIssuers(req.ctx)} />),
  )

  app.get('/issuers/new', { config: CONFIGURE }, async (req, reply) =>
    page(req, reply, null, { ...formValues({}), vatStatus: 'payer', isActive: true }),
  )

  const save = (existing: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const values = formValues(req.body)
    const current = existing ? await getIssuer(req.ctx, idOf(req)) : null
    try {
      const version = Number.parseInt(values.version, 10)
      const saved = await saveIssuer(
        req.ctx,
        current?.id ?? null,
        inputOf(values),
        Number.isFinite(version) ? version : undefined,
      )
      setFlash(reply, 'success', req.t('documents.saved_flash'))
      return reply.redirect(href(saved.id), 303)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return page(req, reply, current, values, err.fields)
    }
  }
  app.post('/issuers', { config: CONFIGURE }, save(false))
  app.post('/issuers/:id', { config: CONFIGURE }, save(true))

  app.get('/issuers/:id', { config: CONFIGURE }, async (req, reply) => {
    const issuer = await getIssuer(req.ctx, idOf(req))
    return page(req, reply, issuer, valuesOf(issuer))
  })

  app.post('/issuers/:id/images/:kind', { config: CONFIGURE }, async (req, reply) => {
    const kind = (req.params as { kind: string }).kind as IssuerImageKind
    if (!ISSUER_IMAGE_KINDS.includes(kind)) throw new NotFoundError('image')
    const issuer = await getIssuer(req.ctx, idOf(req))
    try {
      const part = req.isMultipart() ? await req.file() : undefined
      if (!part?.filename) {
        part?.file.resume()
        throw new ValidationError({ [kind]: 'documents.error.file_required' })
      }
      await uploadIssuerImage(req.ctx, issuer.id, kind, part.file)
    } catch (err) {
      const code = (err as { code?: string }).code
      if (code === 'FST_REQ_FILE_TOO_LARGE')
        return page(req, reply, issuer, valuesOf(issuer), { [kind]: 'error.upload_too_large' })
      if (!(err instanceof ValidationError)) throw err
      return page(req, reply, issuer, valuesOf(issuer), err.fields)
    }
    setFlash(reply, 'success', req.t('documents.saved_flash'))
    return reply.redirect(href(issuer.id), 303)
  })

  const sendImage = (reply: FastifyReply, file: { path: string; mime: string }) => {
    if (!fs.existsSync(file.path)) throw new NotFoundError('image')
    return reply.type(file.mime).header('cache-control', 'private, no-store').send(fs.createReadStream(file.path))
  }

  app.get('/issuers/:id/images/:kind', { config: CONFIGURE }, async (req, reply) => {
    const kind = (req.params as { kind: string }).kind
    if (!ISSUER_IMAGE_KINDS.includes(kind as IssuerImageKind)) throw new NotFoundError('image')
    return sendImage(reply, await issuerImageFile(req.ctx, idOf(req), kind))
  })

  app.get('/issuers/:id/signers/:signerId/signature', { config: CONFIGURE }, async (req, reply) => {
    return sendImage(reply, await issuerImageFile(req.ctx, idOf(req), (req.params as { signerId: string }).signerId))
  })

  app.post('/issuers/:id/signers', { config: CONFIGURE }, async (req, reply) => {
    const issuer = await getIssuer(req.ctx, idOf(req))
    const fields: Record<string, string> = {}
    try {
      if (!req.isMultipart()) throw new ValidationError({ signer_name: 'form.required' })
      let added = false
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'signature' || added) {
            part.file.resume()
            continue
          }
          added = true
          await addSigner(
            req.ctx,
            issuer.id,
            { role: fields.role ?? '', name: fields.signer_name ?? '' },
            part.filename ? part.file : null,
          )
          if (!part.filename) part.file.resume()
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value
      }
      if (!added) await addSigner(req.ctx, issuer.id, { role: fields.role ?? '', name: fields.signer_name ?? '' }, null)
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        return page(req, reply, issuer, valuesOf(issuer), { signature: 'error.upload_too_large' })
      if (!(err instanceof ValidationError)) throw err
      const errors = Object.fromEntries(
        Object.entries(err.fields).map(([k, v]) => [k === 'name' ? 'signer_name' : k, v]),
      )
      return page(req, reply, issuer, valuesOf(issuer), errors)
    }
    setFlash(reply, 'success', req.t('documents.saved_flash'))
    return reply.redirect(href(issuer.id), 303)
  })

  app.post('/issuers/:id/signers/:signerId/delete', { config: CONFIGURE }, async (req, reply) => {
    await removeSigner(req.ctx, idOf(req), (req.params as { signerId: string }).signerId)
    setFlash(reply, 'success', req.t('documents.saved_flash'))
    return reply.redirect(href(idOf(req)), 303)
  })

  app.post('/issuers/:id/contracts', { config: CONFIGURE }, async (req, reply) => {
    const issuer = await getIssuer(req.ctx, idOf(req))
    try {
      await setContractIssuer(req.ctx, formData(req.body).contract_id ?? '', issuer.id)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return page(req, reply, issuer, valuesOf(issuer), err.fields)
    }
    setFlash(reply, 'success', req.t('documents.saved_flash'))
    return reply.redirect(href(issuer.id), 303)
  })

  app.post('/issuers/:id/contracts/:contractId/delete', { config: CONFIGURE }, async (req, reply) => {
    await getIssuer(req.ctx, idOf(req))
    await setContractIssuer(req.ctx, (req.params as { contractId: string }).contractId, null)
    setFlash(reply, 'success', req.t('documents.saved_flash'))
    return reply.redirect(href(idOf(req)), 303)
  })

  app.get('/settings', { config: CONFIGURE }, async (req, reply) =>
    reply.html(
      <DocumentsSettingsPage pc={await pageContext(req, reply)} settings={await documentsSettings(req.ctx)} />,
    ),
  )

  app.post('/settings', { config: CONFIGURE }, async (req, reply) => {
    const f = formData(req.body)
    const form = {
      facsimile: Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, f[`facsimile_${k}`] ?? ''])),
      signGenerated: f.sign_generated === '1',
      maxUploadMb: f.max_upload_mb ?? '',
    }
    try {
      await saveDocumentsSettings(req.ctx, form)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      const current = await documentsSettings(req.ctx)
      return reply
        .status(422)
        .html(<DocumentsSettingsPage pc={await pageContext(req, reply)} settings={current} errors={err.fields} />)
    }
    setFlash(reply, 'success', req.t('documents.saved_flash'))
    return reply.redirect('/documents/settings', 303)
  })
}
