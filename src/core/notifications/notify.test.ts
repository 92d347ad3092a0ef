import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { Ctx } from '../ctx.js'
import { defineModule } from '../module.js'
import { notifyUsers } from './notify.js'

const shop = defineModule({
  name: 'shop',
  notifications: [
    { event: 'shop.shipped', label: 'nav.home', audience: ['client'] },
    { event: 'shop.stock_low', label: 'nav.users', audience: ['staff'] },
  ],
})

const shipped = (ctx: Ctx, userIds: string[]) =>
  ctx.transaction((tx) =>
    notifyUsers(tx, {
      event: 'shop.shipped',
      userIds,
      message: (t) => ({ subject: t('nav.home'), text: `${t('nav.home')}!` }),
    }),
  )

test('a notification goes to each active recipient in its own language, once per person', async (t) => {
  const { services, given } = await testApp(t, { modules: [shop] })
  const client = await given.client()
  const hu = await given.clientUser({ client, locale: 'hu' })
  const ru = await given.clientUser({ client, locale: 'ru' })
  const gone = await given.clientUser({ client, status: 'disabled' })
  const ctx = Ctx.system(services, 'test')
  assert.equal(await shipped(ctx, [hu.id, ru.id, gone.id, hu.id]), 2)
  const mail = await services.db.kysely
    .selectFrom('outbox')
    .select(['recipient', 'subject'])
    .orderBy('recipient')
    .execute()
  const byRecipient = Object.fromEntries(mail.map((m) => [m.recipient, m.subject]))
  assert.equal(byRecipient[hu.email], 'Kezdőlap')
  assert.equal(byRecipient[ru.email], 'Главная')
  assert.equal(byRecipient[gone.email], undefined)
})

test('nothing is queued when the business transaction rolls back', async (t) => {
  const { services, given } = await testApp(t, { modules: [shop] })
  const user = await given.clientUser()
  const ctx = Ctx.system(services, 'test')
  await assert.rejects(
    ctx.transaction(async (tx) => {
      await shipped(tx, [user.id])
      throw new Error('the order could not be saved')
    }),
  )
  const rows = await services.db.kysely.selectFrom('outbox').select('id').execute()
  assert.equal(rows.length, 0)
})

test('a user switches an event off on its preferences page and stops receiving it', async (t) => {
  const { app, services, given } = await testApp(t, { modules: [shop] })
  const user = await given.clientUser()
  const agent = await Agent.signedIn(app, await given.sessionCookie(user))
  const page = await agent.get('/account/notifications')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /value="shop\.shipped:email"[^>]*checked/)
  assert.doesNotMatch(page.body, /shop\.stock_low/, 'a staff-only event is not offered to a client user')
  const saved = await agent.post('/account/notifications', {})
  assert.equal(saved.statusCode, 303)
  const after = await agent.get('/account/notifications')
  assert.doesNotMatch(after.body, /value="shop\.shipped:email"[^>]*checked/)
  assert.equal(await shipped(Ctx.system(services, 'test'), [user.id]), 0)
  await agent.post('/account/notifications', { on: 'shop.shipped:email' })
  assert.equal(await shipped(Ctx.system(services, 'test'), [user.id]), 1)
  const audit = await services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('action', '=', 'user.notifications_updated')
    .execute()
  assert.equal(audit.length, 2)
})
