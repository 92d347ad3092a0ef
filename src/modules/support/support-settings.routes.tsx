import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FieldErrors } from '../../core/errors.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { pageContext } from '../../core/ui/page-context.js'
import {
  categoryFromForm,
  categoryValues,
  type FormValues,
  settingsFromForm,
  settingsValues,
} from './support-settings.form.js'
import {
  CONFIGURE,
  listCategories,
  saveCategory,
  saveSupportSettings,
  supportSettings,
} from './support-settings.service.js'
import { CategoryFormPage } from './views/category-form.js'
import { SupportSettingsPage } from './views/support-settings-page.js'

const ACCESS = { access: { permission: CONFIGURE } } as const
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id

/** Support settings under /support/settings: business hours, holidays, reopen window, default targets, categories. */
export async function supportSettingsPages(app: FastifyInstance) {
  const settingsPage = async (req: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldErrors) =>
    reply
      .status(errors ? 422 : 200)
      .html(
        <SupportSettingsPage
          pc={await pageContext(req, reply)}
          values={values}
          errors={errors}
          categories={await listCategories(req.ctx)}
          timeZone={(await req.server.services.settings.get('company')).timeZone}
        />,
      )

  app.get('/settings', { config: ACCESS }, async (req, reply) =>
    settingsPage(req, reply, settingsValues(await supportSettings(req.ctx))),
  )

  app.post('/settings', { config: ACCESS }, async (req, reply) => {
    const form = formData(req.body)
    try {
      await saveSupportSettings(req.ctx, settingsFromForm(form))
    } catch (err) {
      if (err instanceof ValidationError) return settingsPage(req, reply, form, err.fields)
      throw err
    }
    setFlash(reply, 'success', req.t('support.settings_saved'))
    return reply.redirect('/support/settings', 303)
  })

  const categoryPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string | null,
    values: FormValues,
    errors?: FieldErrors,
  ) =>
    reply
      .status(errors ? 422 : 200)
      .html(
        <CategoryFormPage
          pc={await pageContext(req, reply)}
          id={id}
          values={values}
          errors={errors}
          defaults={(await supportSettings(req.ctx)).priorities}
        />,
      )

  const findCategory = async (req: FastifyRequest) => {
    const c = (await listCategories(req.ctx)).find((x) => x.id === idOf(req))
    if (!c) throw new NotFoundError('category')
    return c
  }

  app.get('/settings/categories/new', { config: ACCESS }, async (req, reply) =>
    categoryPage(req, reply, null, categoryValues(null)),
  )

  app.get('/settings/categories/:id', { config: ACCESS }, async (req, reply) => {
    const c = await findCategory(req)
    return categoryPage(req, reply, c.id, categoryValues(c))
  })

  const saveFrom = async (req: FastifyRequest, reply: FastifyReply, id: string | null) => {
    const form = formData(req.body)
    try {
      await saveCategory(req.ctx, id, categoryFromForm(form))
    } catch (err) {
      if (err instanceof ValidationError) return categoryPage(req, reply, id, form, err.fields)
      throw err
    }
    setFlash(reply, 'success', req.t('support.category_saved', { name: form.name ?? '' }))
    return reply.redirect('/support/settings', 303)
  }

  app.post('/settings/categories', { config: ACCESS }, async (req, reply) => saveFrom(req, reply, null))
  app.post('/settings/categories/:id', { config: ACCESS }, async (req, reply) =>
    saveFrom(req, reply, (await findCategory(req)).id),
  )
}
