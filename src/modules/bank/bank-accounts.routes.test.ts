import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Agent } from '../../../test/helpers/agent.js'
import { bankWorld, multipartBody } from './bank.test-kit.js'

const CSV = Buffer.from(
  'Date;Amount;Name;Purpose\r\n2026-11-03;1500,00;Alfa Kft.;monthly fee\r\n2026-11-04;-200,50;Paper Shop;paper\r\n',
  'utf8',
)

const MAPPING = {
  name: 'Main account',
  csv_delimiter: ';',
  csv_encoding: '',
  csv_header: '1',
  csv_skip_rows: '0',
  csv_date_format: 'YYYY-MM-DD',
  csv_decimal: ',',
  csv_sign: 'negative-out',
  csv_currency: 'HUF',
  csv_own_account: 'HU42117730160000000000000000',
  csv_date: 'Date',
  csv_amount: 'Amount',
  csv_name: 'Name',
  csv_purpose: 'Purpose',
}

test('the head saves a CSV mapping with a preview of a sample, then imports a CSV statement with it', async (t) => {
  const w = await bankWorld(t)
  const head = await Agent.signedIn(w.app, await w.given.sessionCookie(w.head))
  await head.get('/bank/accounts')
  const created = await head.post('/bank/accounts', {
    account: 'HU42 1177 3016 0000 0000 0000 0000',
    name: 'Main',
    currency: 'HUF',
  })
  assert.equal(created.statusCode, 303)
  const url = String(created.headers.location)
  const multipart = async (fields: Record<string, string>, files: { field: string; name: string; data: Buffer }[]) => {
    await head.get(url)
    const body = multipartBody(fields, files)
    return w.app.inject({
      method: 'POST',
      url: `${url}?_csrf=${encodeURIComponent(head.csrf)}`,
      headers: { 'content-type': body.contentType, cookie: head.cookieHeader, accept: 'text/html' },
      payload: body.payload,
    })
  }
  const bad = await multipart({ ...MAPPING, csv_amount: '', csv_date: '' }, [])
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /value="Main account"/, 'what was typed is kept')

  const preview = await multipart({ ...MAPPING, preview_only: '1' }, [{ field: 'sample', name: 's.csv', data: CSV }])
  assert.equal(preview.statusCode, 200)
  assert.match(preview.body, /Alfa Kft\./)
  assert.match(preview.body, /First 2 of 2 transactions/)
  assert.equal(
    (await w.services.db.kysely.selectFrom('bank_own_accounts').select('csv_mapping_json').executeTakeFirstOrThrow())
      .csv_mapping_json,
    null,
  )

  const saved = await multipart(MAPPING, [])
  assert.equal(saved.statusCode, 303)
  const account = await w.services.db.kysely.selectFrom('bank_own_accounts').selectAll().executeTakeFirstOrThrow()
  assert.equal(account.name, 'Main account')
  assert.equal(JSON.parse(account.csv_mapping_json as string).amount, 'Amount')

  await head.get('/bank')
  const body = multipartBody({ account: account.id }, [{ field: 'files', name: 'nov.csv', data: CSV }])
  const imported = await w.app.inject({
    method: 'POST',
    url: `/bank/imports?_csrf=${encodeURIComponent(head.csrf)}`,
    headers: { 'content-type': body.contentType, cookie: head.cookieHeader, accept: 'text/html' },
    payload: body.payload,
  })
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 500))
  const rows = await w.services.db.kysely.selectFrom('bank_transactions').selectAll().orderBy('booked_on').execute()
  assert.deepEqual(
    rows.map((r) => [r.direction, Number(r.amount_minor), r.own_account_id]),
    [
      ['in', 150_000, account.id],
      ['out', 20_050, account.id],
    ],
  )
})
