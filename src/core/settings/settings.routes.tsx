import fs from 'node:fs'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../errors.js'
import { setFlash } from '../http/flash.js'
import { formData, formList } from '../http/forms.js'
import { pageContext } from '../ui/page-context.js'
import { type CompanyInput, companyInputFrom, companyInputFromForm, numberingKinds } from './company-form.js'
import { IMAGE_KINDS, type ImageKind, isImageKind } from './company-images.constants.js'
import { companyPageData } from './company-page-data.js'
import {
  companyImageFile,
  removeCompanyImage,
  saveCompanySettings,
  saveModuleSettings,
  saveSecuritySettings,
  uploadCompanyImage,
} from './settings.service.js'
import { CompanySettingsPage } from './views/company-settings-page.js'
import { ImagesSettingsPage } from './views/images-settings-page.js'
import { ModulesSettingsPage } from './views/modules-settings-page.js'
import { SecuritySettingsPage } from './views/security-settings-page.js'

const MANAGE = { access: { permission: 'settings.manage' } } as const

/** The field errors of a refused form; anything else goes on to the error handler. */
function fieldErrors(err: unknown): Record<string, string> {
  if (err instanceof ValidationError) return err.fields
  // @fastify/multipart's own size limit, when it is lower than ours.
  if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return { file: 'error.upload_too_large' }
  throw err
}

/**
 * A refused upload is answered before the browser has finished sending it, and the multipart parser
 * has stopped reading: unless the rest is read and dropped, the kept-alive connection stalls and the
 * browser's next request on it never arrives. A body of unknown or very large size closes instead.
 */
function discardUnreadBody(req: FastifyRequest, reply: FastifyReply, limit: number): void {
  const raw = req.raw
  if (raw.complete) return
  const length = Number(req.headers['content-length'])
  if (!(length <= limit)) reply.header('connection', 'close')
  raw.resume()
}

function kindParam(req: FastifyRequest): ImageKind | null {
  const { kind } = req.params as { kind?: string }
  return isImageKind(kind) ? kind : null
}

/** Settings pages under /settings (head and admin), and the company images. */
export async function settingsRoutes(app: FastifyInstance) {
  const { services } = app

  const companyPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    input: CompanyInput,
    errors?: Record<string, string>,
    extraRows = 0,
  ) =>
    reply
      .status(errors ? 422 : 200)
      .html(
        <CompanySettingsPage
          pc={await pageContext(req, reply)}
          input={input}
          errors={errors}
          data={companyPageData(input, req.locale, new Date(), extraRows)}
        />,
      )

  app.get('/', { config: MANAGE }, async (req, reply) =>
    companyPage(req, reply, companyInputFrom(await services.settings.get('company'))),
  )

  app.post('/', { config: MANAGE }, async (req, reply) => {
    const form = formData(req.body)
    const company = await services.settings.get('company')
    const input = companyInputFromForm(form, numberingKinds(company.numbering))
    // "Add another account" shows the form again with one more empty row; nothing is saved yet.
    if (form.add_bank_row) return companyPage(req, reply, input, undefined, 1)
    try {
      await saveCompanySettings(req.ctx, input)
    } catch (err) {
      return companyPage(req, reply, input, fieldErrors(err))
    }
    setFlash(reply, 'success', req.t('settings.saved'))
    return reply.redirect('/settings', 303)
  })

  const imagesPage = async (req: FastifyRequest, reply: FastifyReply, errors?: Record<string, string>) => {
    const company = await services.settings.get('company')
    const images = Object.fromEntries(IMAGE_KINDS.map((k) => [k, company[k]])) as Record<
      ImageKind,
      (typeof company)['logo']
    >
    return reply
      .status(errors ? 422 : 200)
      .html(<ImagesSettingsPage pc={await pageContext(req, reply)} images={images} errors={errors} />)
  }

  app.get('/images', { config: MANAGE }, async (req, reply) => imagesPage(req, reply))

  app.post('/images/:kind', { config: MANAGE }, async (req, reply) => {
    const kind = kindParam(req)
    if (!kind) return reply.callNotFound()
    try {
      const part = await req.file()
      if (!part?.filename) {
        part?.file.resume()
        throw new ValidationError({ [kind]: 'settings.image_required' })
      }
      await uploadCompanyImage(req.ctx, kind, part.file)
    } catch (err) {
      discardUnreadBody(req, reply, services.config.maxUploadBytes)
      const errors = fieldErrors(err)
      return imagesPage(req, reply, errors.file ? { [kind]: errors.file } : errors)
    }
    setFlash(reply, 'success', req.t('settings.image_uploaded', { image: req.t(`settings.image.${kind}`) }))
    return reply.redirect('/settings/images', 303)
  })

  app.post('/images/:kind/remove', { config: MANAGE }, async (req, reply) => {
    const kind = kindParam(req)
    if (!kind) return reply.callNotFound()
    await removeCompanyImage(req.ctx, kind)
    setFlash(reply, 'success', req.t('settings.image_removed', { image: req.t(`settings.image.${kind}`) }))
    return reply.redirect('/settings/images', 303)
  })

  const sendImage = async (req: FastifyRequest, reply: FastifyReply, kind: ImageKind) => {
    const image = await companyImageFile(req.ctx, kind)
    return reply
      .type(image.mime)
      .header('cache-control', kind === 'logo' ? 'public, max-age=300' : 'private, no-store')
      .header('etag', `"${image.sha256}"`)
      .header('content-disposition', `inline; filename="${kind}.${image.mime === 'image/png' ? 'png' : 'jpg'}"`)
      .send(fs.createReadStream(image.path))
  }

  // The sign-in page shows the logo, so it is public.
  app.get('/logo', { config: { access: 'public' } }, async (req, reply) => sendImage(req, reply, 'logo'))

  // Stamp and signature can make a document look signed: only those who manage settings see them.
  app.get('/images/:kind', { config: MANAGE }, async (req, reply) => {
    const kind = kindParam(req)
    if (!kind) return reply.callNotFound()
    return sendImage(req, reply, kind)
  })

  app.get('/security', { config: MANAGE }, async (req, reply) =>
    reply.html(
      <SecuritySettingsPage
        pc={await pageContext(req, reply)}
        require2faStaff={(await services.settings.get('security')).require2faStaff}
      />,
    ),
  )

  app.post('/security', { config: MANAGE }, async (req, reply) => {
    const form = formData(req.body)
    await saveSecuritySettings(req.ctx, { require2faStaff: !!form.require_2fa_staff })
    setFlash(reply, 'success', req.t('settings.saved'))
    return reply.redirect('/settings/security', 303)
  })

  const modulesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    enabled?: string[],
    errors?: Record<string, string>,
  ) => {
    const disabled = (await services.settings.get('modules')).disabled
    // A module names itself with `module.<name>`; failing that, its first menu item says what it is.
    const label = (name: string) => {
      const mod = services.modules.find((m) => m.name === name)
      if (services.catalog.has(req.locale, `module.${name}`) || services.catalog.has('en', `module.${name}`)) {
        return req.t(`module.${name}`)
      }
      return mod?.nav?.[0] ? req.t(mod.nav[0].label) : name
    }
    const rows = services.modules.map((m) => ({
      name: m.name,
      label: label(m.name),
      dependsOn: (m.dependsOn ?? []).map(label),
      enabled: enabled ? enabled.includes(m.name) : !disabled.includes(m.name),
      offByConfig: services.config.disabledModules.includes(m.name),
    }))
    return reply
      .status(errors ? 422 : 200)
      .html(<ModulesSettingsPage pc={await pageContext(req, reply)} modules={rows} errors={errors} />)
  }

  app.get('/modules', { config: MANAGE }, async (req, reply) => modulesPage(req, reply))

  app.post('/modules', { config: MANAGE }, async (req, reply) => {
    const enabled = formList(req.body, 'enabled')
    try {
      await saveModuleSettings(req.ctx, enabled)
    } catch (err) {
      return modulesPage(req, reply, enabled, fieldErrors(err))
    }
    setFlash(reply, 'success', req.t('settings.saved'))
    return reply.redirect('/settings/modules', 303)
  })
}
