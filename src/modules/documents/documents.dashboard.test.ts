import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { testApp } from '../../../test/helpers/test-app.js'
import { toActor } from '../../core/auth/sessions.js'
import { Ctx } from '../../core/ctx.js'
import { createInvoice, issueInvoice } from '../finance/index.js'
import { generatePaymentRequest } from './document-generate.service.js'
import { sendDocuments } from './document-send.service.js'

test('a client user’s home lists the newest documents sent to it, linking to each PDF; unsent ones stay off', async (t) => {
  const w = await testApp(t)
  const manager = await w.given.manager()
  const client = await w.given.client({ name: 'Otthon Kft.', managerId: manager.id })
  const ctx = Ctx.forActor(w.services, toActor(manager), { locale: 'en' })
  const request = async () => {
    const inv = await createInvoice(ctx, client.id, {
      currency: 'EUR',
      dueDate: null,
      note: '',
      lines: [{ name: 'Könyvelés', quantityMilli: 1000, unit: 'h', unitPriceMinor: 12_300, vatRateBp: 2700 }],
    })
    return generatePaymentRequest(ctx, (await issueInvoice(ctx, inv.id)).id)
  }
  const sent = await request()
  const unsent = await request()
  await sendDocuments(ctx, [sent.id])
  const user = await w.given.clientUser({ client })
  const home = await (await Agent.signedIn(w.app, await w.given.sessionCookie(user))).get('/')
  assert.equal(home.statusCode, 200)
  assert.match(home.body, /Recent documents/)
  assert.match(home.body, new RegExp(`/documents/${sent.id}/pdf`))
  assert.doesNotMatch(home.body, new RegExp(unsent.id))
  // Without the documents area the block is not there.
  const other = await w.given.clientUser({ client, areas: ['orders'] })
  const plain = await (await Agent.signedIn(w.app, await w.given.sessionCookie(other))).get('/')
  assert.doesNotMatch(plain.body, /Recent documents/)
})
