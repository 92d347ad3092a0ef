import type { FastifyInstance } from 'fastify'
import { setFlash } from '../http/flash.js'
import { formList } from '../http/forms.js'
import { pageContext } from '../ui/page-context.js'
import { CHANNELS, preferencesOf, savePreferences } from './notify.js'
import { PreferencesPage } from './views/preferences-page.js'

/** `/account/notifications`: which events reach me, on which channel. */
export async function preferencesRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'signed-in' } }, async (req, reply) => {
    const actor = req.actor as NonNullable<typeof req.actor>
    const rows = await preferencesOf(req.ctx, actor.id, actor.role === 'client' ? 'client' : 'staff')
    return reply.html(<PreferencesPage pc={await pageContext(req, reply)} rows={rows} channels={CHANNELS} />)
  })

  app.post('/', { config: { access: 'signed-in' } }, async (req, reply) => {
    await savePreferences(req.ctx, formList(req.body, 'on'))
    setFlash(reply, 'success', req.t('notifications.saved'))
    return reply.redirect('/account/notifications', 303)
  })
}
