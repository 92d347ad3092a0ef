import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { bankWorld, camtFile, entry, multipartBody } from './bank.test-kit.js'

async function signedIn(w: Awaited<ReturnType<typeof bankWorld>>, user: { id: string }) {
  return Agent.signedIn(w.app, await w.given.sessionCookie(user))
}

async function upload(agent: Agent, files: { name: string; data: Buffer }[], fields: Record<string, string> = {}) {
  if (!agent.csrf) await agent.get('/bank')
  const body = multipartBody(
    fields,
    files.map((f) => ({ field: 'files', ...f })),
  )
  return agent.app.inject({
    method: 'POST',
    url: `/bank/imports?_csrf=${encodeURIComponent(agent.csrf)}`,
    headers: { 'content-type': body.contentType, cookie: agent.cookieHeader, accept: 'text/html' },
    payload: body.payload,
  })
}

test('the head uploads statements: one file opens its import, a refused file says why and stores nothing', async (t) => {
  const w = await bankWorld(t)
  const head = await signedIn(w, w.head)
  const page = await head.get('/bank')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /<script src="\/bank\/upload.js" defer><\/script>/)
  assert.match(page.body, /multiple/)
  const script = await head.get('/bank/upload.js')
  assert.match(String(script.headers['content-type']), /javascript/)

  const file = camtFile([entry({ amountMinor: 12_345, direction: 'in', name: 'Unknown Payer Ltd' })], {
    closingMinor: 5,
  })
  const res = await upload(head, [{ name: 'nov.xml', data: file }])
  assert.equal(res.statusCode, 303)
  const importPage = await head.get(String(res.headers.location))
  assert.equal(importPage.statusCode, 200)
  assert.match(importPage.body, /Unknown Payer Ltd/)
  assert.match(importPage.body, /Does not add up/, 'the mismatching statement is shown as such')
  const original = await head.get(`${res.headers.location}/file`)
  assert.ok(original.rawPayload.equals(file))

  const both = await upload(head, [
    { name: 'again.xml', data: file },
    {
      name: 'broken.xml',
      data: Buffer.from(
        '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>',
      ),
    },
  ])
  assert.equal(both.statusCode, 200)
  assert.match(both.body, /again\.xml/)
  assert.match(both.body, /nothing of it was stored/)
  const history = await head.get('/bank?sort=file_name&dir=asc')
  assert.match(history.body, /again\.xml/)
  assert.doesNotMatch(history.body, /broken\.xml/)
  const statements = await head.get('/bank/statements?mismatch=1')
  assert.equal(statements.statusCode, 200)
  assert.match(statements.body, /Does not add up/)
})

test('a manager assigns an unmatched payment to a client, saving the payer rule; clients see no bank at all', async (t) => {
  const w = await bankWorld(t)
  const { importStatement } = await import('./bank-import.service.js')
  await importStatement(w.headCtx, {
    name: 'x.xml',
    bytes: camtFile([entry({ amountMinor: 7_700, direction: 'in', name: 'Gamma Trading', purpose: 'invoice' })]),
  })
  const manager = await signedIn(w, w.manager)
  assert.equal((await manager.get('/bank')).statusCode, 403)
  const queue = await manager.get('/bank/review')
  assert.equal(queue.statusCode, 200)
  const id = /href="\/bank\/review\/([0-9a-z]{26})"/.exec(queue.body)?.[1]
  assert.ok(id, 'the unassigned payment is in the manager’s queue')
  const item = await manager.get(`/bank/review/${id}`)
  assert.match(item.body, /Gamma Trading/)
  const bad = await manager.post(`/bank/review/${id}/assign`, { client_id: w.d.id })
  assert.equal(bad.statusCode, 422, 'another manager’s client cannot be chosen')
  const ok = await manager.post(`/bank/review/${id}/assign`, {
    client_id: w.c.id,
    save_rule: '1',
    rule_pattern: 'Gamma Trading',
  })
  assert.equal(ok.statusCode, 303)
  const after = await manager.get(`/bank/review/${id}`)
  assert.match(after.body, /Posted/)
  const rules = await manager.get('/bank/rules')
  assert.match(rules.body, /gamma trading/)
  const ledger = await w.services.db.kysely
    .selectFrom('ledger_entries')
    .selectAll()
    .where('client_id', '=', w.c.id)
    .execute()
  assert.equal(Number(ledger[0]?.amount_minor), 7_700)

  const clientUser = await w.given.clientUser({ client: w.c })
  const client = await signedIn(w, clientUser)
  for (const url of ['/bank', '/bank/review', `/bank/review/${id}`, '/bank/rules', '/api/v1/bank/review']) {
    assert.equal((await client.get(url)).statusCode, 404, url)
  }
})

test('API: import a file, list imports and review items', async (t) => {
  const w = await bankWorld(t)
  const head = await signedIn(w, w.head)
  await head.get('/bank')
  const file = camtFile([
    entry({ amountMinor: 1_000, direction: 'in', name: 'Nobody' }),
    entry({ amountMinor: 2_000, direction: 'in', name: 'A', taxId: '12345676-2-41' }),
  ])
  const post = async (data: Buffer) => {
    const body = multipartBody({}, [{ field: 'file', name: 'api.xml', data }])
    return w.app.inject({
      method: 'POST',
      url: '/api/v1/bank/imports',
      headers: {
        'content-type': body.contentType,
        cookie: head.cookieHeader,
        accept: 'application/json',
        'x-csrf-token': head.csrf,
      },
      payload: body.payload,
    })
  }
  const res = await post(file)
  assert.equal(res.statusCode, 200, res.body)
  const summary = res.json()
  assert.equal(summary.format, 'camt.053')
  assert.equal(summary.new, 2)
  assert.equal(summary.matched, 1)
  assert.equal(summary.toReview, 1)
  const refused = await post(Buffer.from('nothing'))
  assert.equal(refused.statusCode, 422)
  assert.equal(refused.json().errors[0].code, 'unknown_format')

  const list = await head.api('GET', '/api/v1/bank/imports')
  assert.equal(list.json().total, 1)
  const one = await head.api('GET', `/api/v1/bank/imports/${summary.importId}`)
  assert.equal(one.json().transactions, 2)
  const review = await head.api('GET', '/api/v1/bank/review')
  assert.equal(review.json().total, 1)
  assert.equal(review.json().items[0].reviewReason, 'unmatched')
  const all = await head.api('GET', '/api/v1/bank/review?status=all')
  assert.equal(all.json().total, 2)
  const item = await head.api('GET', `/api/v1/bank/review/${review.json().items[0].id}`)
  assert.equal(item.json().amountMinor, 1_000)
})
