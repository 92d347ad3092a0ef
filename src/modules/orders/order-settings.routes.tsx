import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { pageContext } from '../../core/ui/page-context.js'
import { saveOrderSettings } from './order-settings.service.js'
import {
  BLANK_STATUS_ROWS,
  blankStatusRow,
  type OrderSettingsValues,
  settingsErrorsOnRows,
  settingsFromValues,
  settingsValuesFromBody,
  settingsValuesOf,
} from './order-settings-form.js'
import { ordersWorkflow } from './orders.service.js'
import { OrderSettingsPage } from './views/order-settings-page.js'

const SETTINGS = { access: { permission: 'settings.manage' } } as const

/** `/orders/settings`: the status workflow and whether client users may place orders. */
export async function orderSettingsPages(app: FastifyInstance) {
  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: OrderSettingsValues,
    errors?: Record<string, string>,
  ) =>
    reply
      .status(errors ? 422 : 200)
      .html(<OrderSettingsPage pc={await pageContext(req, reply)} values={values} errors={errors} />)

  app.get('/settings', { config: SETTINGS }, async (req, reply) => {
    const values = settingsValuesOf(await ordersWorkflow(req.ctx))
    values.statuses.push(...Array.from({ length: BLANK_STATUS_ROWS }, blankStatusRow))
    return page(req, reply, values)
  })

  app.post('/settings', { config: SETTINGS }, async (req, reply) => {
    const values = settingsValuesFromBody(req.body)
    if (formData(req.body).add_status_row) {
      values.statuses.push(blankStatusRow())
      return page(req, reply, values)
    }
    const { value, rowIndex } = settingsFromValues(values)
    try {
      await saveOrderSettings(req.ctx, value)
    } catch (err) {
      if (err instanceof ValidationError) return page(req, reply, values, settingsErrorsOnRows(err.fields, rowIndex))
      throw err
    }
    setFlash(reply, 'success', req.t('orders.settings.saved_flash'))
    return reply.redirect('/orders/settings', 303)
  })
}
